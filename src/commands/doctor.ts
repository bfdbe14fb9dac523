import os from 'node:os';
import type { Argv } from 'yargs';
import { checks } from '../../checks/index.js';
import { resolveConfig, DEFAULTS, type ConfigFlags, type ResolvedConfig } from '../config/resolve.js';
import { Context, type ExpectOption, type Platform } from '../context.js';
import { runDoctor, type DoctorOptions } from '../doctor.js';
import { wantsColor } from '../render/style.js';
import type { Command, Io } from './command.js';

const DEFAULT_TIMEOUT_MS = DEFAULTS.timeoutMs;

/**
 * Options the configuration can also set, plus `--config FILE` / `--no-config` and `--cwd`
 * (where the search starts). No yargs defaults here: a flag given must be told apart from one
 * left out (flags > project config > user config > defaults).
 */
export function configurableOptions(yargs: Argv) {
  return yargs
    .option('config', { type: 'string', describe: 'Use this configuration file only (--no-config: none)' })
    .option('offline', { type: 'boolean', describe: 'Do not use the network' })
    .option('expect', { choices: ['subscription', 'api', 'auto'] as const, defaultDescription: 'auto', describe: 'What you mean to use; auto infers it from any sign of a subscription login' })
    .option('timeout', { type: 'number', defaultDescription: String(DEFAULT_TIMEOUT_MS), describe: 'Bound for every subprocess and network request (and each plugin check), in ms' })
    .option('cwd', { type: 'string', describe: 'Project directory whose settings apply (default: current directory)' })
    .check((args) => {
      if (args.help || args.version) return true;
      if (args.timeout !== undefined && (!Number.isFinite(args.timeout) || args.timeout <= 0)) throw new Error('--timeout must be a positive number of milliseconds');
      return true;
    });
}

/** Options every command that runs the checks shares (the doctor itself, report, fix). */
export function checkRunOptions(yargs: Argv) {
  return configurableOptions(yargs)
    .option('only', { type: 'string', array: true, describe: 'Run only these check ids (comma-separated)' })
    .option('skip', { type: 'string', array: true, describe: 'Skip these check ids (comma-separated)' });
}

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => String(item ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
}

/** The world a real run sees; tests build their own. */
export function worldFrom(args: Record<string, unknown>, io: Io) {
  return {
    env: io.env,
    cwd: typeof args.cwd === 'string' ? args.cwd : io.cwd,
    // eslint-disable-next-line no-restricted-globals -- the one place the real platform is read
    platform: process.platform as Platform,
    // eslint-disable-next-line no-restricted-globals
    arch: process.arch,
    // eslint-disable-next-line no-restricted-globals
    nodeVersion: process.versions.node,
    homedir: io.homedir,
    // eslint-disable-next-line no-restricted-globals -- npm's default global prefix derives from it
    execPath: process.execPath,
    osRelease: os.release(),
    hostname: os.hostname(),
    ...(io.env.CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT ? { systemRoot: io.env.CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT } : {}),
  };
}

function flagsFrom(args: Record<string, unknown>): ConfigFlags {
  return {
    ...(args.config !== undefined ? { config: args.config === false ? false : String(args.config) } : {}),
    ...(args.expect !== undefined ? { expect: args.expect as ExpectOption } : {}),
    ...(args.timeout !== undefined ? { timeout: Number(args.timeout) } : {}),
    ...(args.offline !== undefined ? { offline: Boolean(args.offline) } : {}),
  };
}

/** The configuration files (or `--config`), validated and merged with the flags; plugins loaded. */
export function loadRunConfig(args: Record<string, unknown>, io: Io): Promise<ResolvedConfig> {
  const world = worldFrom(args, io);
  // A Context only for its notion of home and its `~/` display of paths.
  const paths = new Context({ ...world, options: { ...DEFAULTS, verbose: false } });
  return resolveConfig(
    { env: world.env, cwd: world.cwd, home: paths.home, invocationDir: io.cwd, display: (file) => paths.display(file) },
    flagsFrom(args),
    checks.map((c) => c.id),
  );
}

/** Run options from the flags, and from the configuration when the command loaded it. */
export function runOptionsFrom(args: Record<string, unknown>, io: Io, config?: ResolvedConfig): Omit<DoctorOptions, 'json' | 'strict' | 'live'> {
  return {
    offline: config?.offline ?? Boolean(args.offline),
    only: list(args.only),
    skip: list(args.skip),
    expect: config?.expect ?? (args.expect as DoctorOptions['expect']) ?? DEFAULTS.expect,
    timeoutMs: config?.timeoutMs ?? Number(args.timeout ?? DEFAULT_TIMEOUT_MS),
    verbose: Boolean(args.verbose),
    askClaude: Boolean(args.askClaude),
    verify: Boolean(args.verify),
    color: wantsColor(args.color as boolean | undefined, io.env, io.isTTY),
    ...(config ? {
      pluginChecks: config.pluginChecks,
      checkSettings: config.checks,
      policy: config.policy,
      ...(config.registry ? { registry: config.registry } : {}),
    } : {}),
  };
}

export const doctorCommand: Command = {
  name: '$0',
  describe: 'Diagnose which credential Claude Code uses and print the fix',
  build: (yargs) => checkRunOptions(yargs)
    .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document (schemaVersion 1) on stdout' })
    .option('strict', { type: 'boolean', default: false, describe: 'Treat warnings as failures' })
    .option('ask-claude', { type: 'boolean', default: false, describe: 'Also run `claude auth status` and compare (it may rewrite Claude Code\'s own files)' })
    .option('verify', { type: 'boolean', default: false, describe: 'Send the credential in use once to the API (GET /v1/models, free) to see whether it is accepted' })
      .epilogue(`\nChecks: ${checks.map((c) => c.id).join(', ')}`),
  run: async (args, io) => runDoctor(worldFrom(args, io), {
    ...runOptionsFrom(args, io, await loadRunConfig(args, io)),
    json: Boolean(args.json),
    strict: Boolean(args.strict),
    live: io.isTTY && !io.env.CI && !args.json,
  }, io),
};

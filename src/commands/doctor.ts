import os from 'node:os';
import type { Argv } from 'yargs';
import { checks } from '../../checks/index.js';
import {
  resolveConfig,
  DEFAULTS,
  type ConfigFlags,
  type ResolvedConfig,
} from '../config/resolve.js';
import { Context, type ExpectOption, type Platform } from '../context.js';
import { runDoctor, type DoctorOptions } from '../doctor.js';
import { wantsColor } from '../render/style.js';
import type { Command, Io } from './command.js';
import { addOptions, CHECK_RUN_OPTIONS, CONFIGURABLE_OPTIONS, DOCTOR_OPTIONS } from './options.js';

const DEFAULT_TIMEOUT_MS = DEFAULTS.timeoutMs;

export function configurableOptions(yargs: Argv) {
  return addOptions(yargs, CONFIGURABLE_OPTIONS);
}

export function checkRunOptions(yargs: Argv) {
  return addOptions(yargs, CHECK_RUN_OPTIONS);
}

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items
    .flatMap((item) => String(item ?? '').split(','))
    .map((s) => s.trim())
    .filter(Boolean);
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
    ...(io.env.CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT
      ? { systemRoot: io.env.CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT }
      : {}),
  };
}

function flagsFrom(args: Record<string, unknown>): ConfigFlags {
  return {
    ...(args.config !== undefined
      ? { config: args.config === false ? false : String(args.config) }
      : {}),
    ...(args.expect !== undefined ? { expect: args.expect as ExpectOption } : {}),
    ...(args.timeout !== undefined ? { timeout: Number(args.timeout) } : {}),
    ...(args.offline !== undefined ? { offline: Boolean(args.offline) } : {}),
  };
}

/** The configuration files (or `--config`), validated and merged with the flags; plugins loaded. */
export async function loadRunConfig(
  args: Record<string, unknown>,
  io: Io,
): Promise<ResolvedConfig> {
  const world = worldFrom(args, io);
  // A Context only for its notion of home and its `~/` display of paths.
  const paths = new Context({ ...world, options: { ...DEFAULTS, verbose: false } });
  const config = await resolveConfig(
    {
      env: world.env,
      cwd: world.cwd,
      home: paths.home,
      invocationDir: io.cwd,
      display: (file) => paths.display(file),
    },
    flagsFrom(args),
    checks.map((c) => c.id),
  );
  // One line each, on stderr, so --json output stays one document.
  for (const notice of config.notices) io.stderr(`claude-auth-doctor: ${notice}\n`);
  return config;
}

/** Run options from the flags, and from the configuration when the command loaded it. */
export function runOptionsFrom(
  args: Record<string, unknown>,
  io: Io,
  config?: ResolvedConfig,
): Omit<DoctorOptions, 'json' | 'strict' | 'live'> {
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
    ...(config
      ? {
          pluginChecks: config.pluginChecks,
          checkSettings: config.checks,
          policy: config.policy,
          ...(config.registry ? { registry: config.registry } : {}),
        }
      : {}),
  };
}

export const doctorCommand: Command = {
  name: '$0',
  describe: 'Diagnose which credential Claude Code uses and print the fix',
  build: (yargs) =>
    addOptions(yargs, DOCTOR_OPTIONS).epilogue(`\nChecks: ${checks.map((c) => c.id).join(', ')}`),
  run: async (args, io) =>
    runDoctor(
      worldFrom(args, io),
      {
        ...runOptionsFrom(args, io, await loadRunConfig(args, io)),
        json: Boolean(args.json),
        strict: Boolean(args.strict),
        live: io.isTTY && !io.env.CI && !args.json,
      },
      io,
    ),
};

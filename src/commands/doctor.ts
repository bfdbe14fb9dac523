import type { Argv } from 'yargs';
import { checks } from '../../checks/index.js';
import type { Platform } from '../context.js';
import { runDoctor, type DoctorOptions } from '../doctor.js';
import { wantsColor } from '../render/style.js';
import type { Command, Io } from './command.js';

const DEFAULT_TIMEOUT_MS = 3000;

/** Options every command that runs the checks shares (the doctor itself, report, fix). */
export function checkRunOptions(yargs: Argv) {
  return yargs
    .option('offline', { type: 'boolean', default: false, describe: 'Do not use the network' })
    .option('only', { type: 'string', array: true, describe: 'Run only these check ids (comma-separated)' })
    .option('skip', { type: 'string', array: true, describe: 'Skip these check ids (comma-separated)' })
    .option('expect', { choices: ['subscription', 'api', 'auto'] as const, default: 'auto' as const, describe: 'What you mean to use; auto infers it from any sign of a subscription login' })
    .option('timeout', { type: 'number', default: DEFAULT_TIMEOUT_MS, describe: 'Bound for every subprocess and network request, in ms' })
    .option('cwd', { type: 'string', describe: 'Project directory whose settings apply (default: current directory)' })
    .check((args) => {
      if (args.help || args.version) return true;
      if (!Number.isFinite(args.timeout) || args.timeout <= 0) throw new Error('--timeout must be a positive number of milliseconds');
      return true;
    });
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
    ...(io.env.CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT ? { systemRoot: io.env.CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT } : {}),
  };
}

export function runOptionsFrom(args: Record<string, unknown>, io: Io): Omit<DoctorOptions, 'json' | 'strict' | 'live'> {
  return {
    offline: Boolean(args.offline),
    only: list(args.only),
    skip: list(args.skip),
    expect: (args.expect as DoctorOptions['expect']) ?? 'auto',
    timeoutMs: Number(args.timeout ?? DEFAULT_TIMEOUT_MS),
    verbose: Boolean(args.verbose),
    askClaude: Boolean(args.askClaude),
    color: wantsColor(args.color as boolean | undefined, io.env, io.isTTY),
  };
}

export const doctorCommand: Command = {
  name: '$0',
  describe: 'Diagnose which credential Claude Code uses and print the fix',
  build: (yargs) => checkRunOptions(yargs)
    .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document (schemaVersion 1) on stdout' })
    .option('strict', { type: 'boolean', default: false, describe: 'Treat warnings as failures' })
    .option('ask-claude', { type: 'boolean', default: false, describe: 'Also run `claude auth status` and compare (it may rewrite Claude Code\'s own files)' })
      .epilogue(`\nChecks: ${checks.map((c) => c.id).join(', ')}`),
  run: (args, io) => runDoctor(worldFrom(args, io), {
    ...runOptionsFrom(args, io),
    json: Boolean(args.json),
    strict: Boolean(args.strict),
    live: io.isTTY && !io.env.CI && !args.json,
  }, io),
};

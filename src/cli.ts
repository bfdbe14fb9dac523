import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { checks } from '../checks/index.js';
import type { Platform } from './context.js';
import { runDoctor, UsageError } from './doctor.js';
import { wantsColor } from './render/style.js';
import { VERSION } from './version.js';

const EXIT_CODES = `Exit codes:
  0  nothing failed
  1  at least one check failed or could not finish (or warned, with --strict)
  2  usage error or internal error`;

const DEFAULT_TIMEOUT_MS = 3000;

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => String(item ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
}

async function main(argv: string[]): Promise<number> {
  let usageFailure: string | null = null;
  const parser = yargs(argv)
    .scriptName('claude-auth-doctor')
    .usage('Usage: $0 [options]\n\nFinds out which credential Claude Code really uses, why, what it costs, and prints the exact fix.')
    .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document (schemaVersion 1) on stdout' })
    .option('offline', { type: 'boolean', default: false, describe: 'Do not use the network' })
    .option('only', { type: 'string', array: true, describe: 'Run only these check ids (comma-separated)' })
    .option('skip', { type: 'string', array: true, describe: 'Skip these check ids (comma-separated)' })
    .option('expect', { choices: ['subscription', 'api', 'auto'] as const, default: 'auto' as const, describe: 'What you mean to use; auto infers it from any sign of a subscription login' })
    .option('strict', { type: 'boolean', default: false, describe: 'Treat warnings as failures' })
    .option('timeout', { type: 'number', default: DEFAULT_TIMEOUT_MS, describe: 'Bound for every subprocess and network request, in ms' })
    .option('cwd', { type: 'string', describe: 'Project directory whose settings apply (default: current directory)' })
    .option('verbose', { type: 'boolean', default: false, describe: 'Show evidence for passing checks and full errors' })
    .option('color', { type: 'boolean', describe: 'Colour output (--no-color, NO_COLOR or FORCE_COLOR=0 turn it off)' })
    .check((args) => {
      if (!Number.isFinite(args.timeout) || args.timeout <= 0) throw new Error('--timeout must be a positive number of milliseconds');
      return true;
    })
    .epilogue(`Checks: ${checks.map((c) => c.id).join(', ')}\n\n${EXIT_CODES}`)
    .version(VERSION)
    .alias('h', 'help')
    .strict()
    .wrap(Math.min(100, process.stdout.columns || 80))
    .exitProcess(false)
    .fail((message, error) => {
      usageFailure = message ?? error?.message ?? 'invalid arguments';
    });

  const args = await parser.parseAsync(argv);
  if (usageFailure) throw new UsageError(`${usageFailure}\nRun \`claude-auth-doctor --help\` for usage.`);
  if (args.help || args.version) return 0;

  const env = process.env;
  const isTTY = Boolean(process.stdout.isTTY);
  return runDoctor(
    {
      env,
      cwd: args.cwd ?? process.cwd(),
      platform: process.platform as Platform,
      arch: process.arch,
      nodeVersion: process.versions.node,
      ...(env.CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT ? { systemRoot: env.CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT } : {}),
    },
    {
      json: args.json,
      offline: args.offline,
      only: list(args.only),
      skip: list(args.skip),
      expect: args.expect,
      strict: args.strict,
      timeoutMs: args.timeout,
      verbose: args.verbose,
      color: wantsColor(args.color, env, isTTY),
      live: isTTY && !env.CI && !args.json,
    },
    { stdout: (text) => process.stdout.write(text) },
  );
}

function finish(code: number): void {
  // Exit explicitly: a killed subprocess's stray handle must not keep the doctor alive.
  process.stdout.write('', () => process.exit(code));
}

const verbose = process.argv.includes('--verbose');
main(hideBin(process.argv)).then(finish, (error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`claude-auth-doctor: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`claude-auth-doctor: internal error: ${message.split('\n')[0]}\nPlease report it at https://github.com/claude-auth-doctor/claude-auth-doctor/issues${verbose ? '' : ' (run with --verbose for details)'}.\n`);
    if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  }
  finish(2);
});

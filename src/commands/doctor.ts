import os from 'node:os';
import path from 'node:path';
import { checks } from '../../checks/index.js';
import {
  resolveConfig,
  DEFAULTS,
  type ConfigFlags,
  type ResolvedConfig,
} from '../config/resolve.js';
import { Context, type ExpectOption, type Platform } from '../context.js';
import { clean } from '../display.js';
import {
  collectReport,
  UsageError,
  type ContextWorld,
  type DoctorOptions,
  type LiveView,
  type Output,
} from '../doctor.js';
import { renderHuman } from '../render/human.js';
import { renderJson } from '../render/json.js';
import { exitCodeOf } from '../report.js';
import { detectTerminal, makeStyle, type Terminal } from '../render/style.js';
import { rerunCommand } from '../invocation.js';
import type { Command, Io } from './command.js';
import { DOCTOR_OPTIONS } from './options.js';

const DEFAULT_TIMEOUT_MS = DEFAULTS.timeoutMs;

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items
    .flatMap((item) => String(item ?? '').split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The project directory: --cwd (relative to where the doctor started) or the current one. */
function projectDir(args: Record<string, unknown>, io: Io): string {
  if (typeof args.cwd !== 'string') return io.cwd;
  const dir = path.resolve(io.cwd, args.cwd);
  if (!io.isDirectory(dir))
    throw new UsageError(`--cwd ${clean(args.cwd)}: there is no such directory.`);
  return dir;
}

/** The world a real run sees; tests build their own. */
export function worldFrom(args: Record<string, unknown>, io: Io) {
  return {
    env: io.env,
    cwd: projectDir(args, io),
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
    ...(args.shellMode === 'login' || args.shellMode === 'interactive'
      ? { shellMode: args.shellMode }
      : {}),
    traceShell: Boolean(args.traceShell),
    verify: Boolean(args.verify) || typeof args.verifyBaseUrl === 'string',
    ...(typeof args.verifyBaseUrl === 'string' ? { verifyBaseUrl: args.verifyBaseUrl } : {}),
    rerun: rerunCommand(io.env),
    color: terminalOf(args, io).color,
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

/** What the terminal on stdout shows, from the flags (--color, --ascii) and the environment. */
export function terminalOf(args: Record<string, unknown>, io: Io): Terminal {
  return detectTerminal(
    { color: args.color as boolean | undefined, ascii: args.ascii as boolean | undefined },
    {
      env: io.env,
      isTTY: io.isTTY,
      columns: io.columns,
      rows: io.rows,
      // eslint-disable-next-line no-restricted-globals -- Windows terminals take Unicode
      platform: process.platform,
    },
  );
}

export const doctorCommand: Command = {
  name: '$0',
  describe: 'Diagnose which credential Claude Code uses and print the fix',
  options: DOCTOR_OPTIONS,
  examples: [
    ['claude-auth-doctor', 'What Claude Code uses, who pays, and the fix'],
    ['claude-auth-doctor --verbose', 'Every check with its evidence'],
    ['claude-auth-doctor --json > report.json', 'One JSON document, for scripts'],
    ['claude-auth-doctor --only api-key-env', 'One check (`list` shows them)'],
  ],
  run: async (args, io) =>
    runDoctor(
      worldFrom(args, io),
      {
        ...runOptionsFrom(args, io, await loadRunConfig(args, io)),
        json: Boolean(args.json),
        strict: Boolean(args.strict),
        quiet: Boolean(args.quiet),
        terminal: terminalOf(args, io),
        live: terminalOf(args, io).cursor && !io.env.CI && !args.json,
      },
      io,
    ),
};

/** One doctor run: gather, check, report. Returns the exit code. */
export async function runDoctor(
  world: ContextWorld,
  options: DoctorOptions,
  out: Output,
): Promise<number> {
  const live = options.live && !options.json && !options.quiet;
  const terminal = options.terminal;
  // The live list writes its frames to the terminal; its last frame is erased before the result.
  const view: LiveView | undefined = terminal
    ? async (selected, run) =>
        (await import('../render/live.js')).runWithLiveList(
          selected,
          makeStyle(terminal),
          (frame) => out.stdout(frame),
          terminal.rows ?? 24,
          run,
        )
    : undefined;
  const { ctx, report } = await collectReport(world, { ...options, live }, view);
  const code = exitCodeOf(report, options.strict);
  if (options.quiet) return code;
  const style = makeStyle(options.terminal ?? options.color);
  let text = options.json
    ? renderJson(report)
    : renderHuman(report, { style, verbose: options.verbose });
  if (
    !options.json &&
    options.strict &&
    code === 1 &&
    report.summary.fail + report.summary.error === 0
  )
    text += style.finish(
      `${style.status('warn', `--strict: ${report.summary.warn === 1 ? 'the warning' : `the ${report.summary.warn} warnings`} failed the run (exit 1).`)}\n`,
    );
  out.stdout(text);
  if (options.verbose && ctx.notes.length)
    out.stderr?.(ctx.notes.map((note) => `note: ${clean(note)}\n`).join(''));
  return code;
}

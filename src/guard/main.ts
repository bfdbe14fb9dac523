// The guard's own entry (dist/guard.cjs): `statusline` and `hook session-start`, run by Claude
// Code after every message and at every session start. bin/claude-auth-doctor.cjs loads it
// instead of the doctor's bundle, so a run costs little more than Node's own start-up. It
// never fails the session: any problem prints a neutral segment (status line) or nothing
// (hook), and it always exits 0. No network, no writes; the only subprocess is the user's own
// status-line command it wraps.
import { spawnSync } from 'node:child_process';
import { fstatSync, read as readCallback, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { homeFrom } from '../platform/paths.js';
import type { Expectation } from '../types.js';
import { configuredExpectation, readFacts, type Where } from './read.js';
import { colored, glyphsFor, NEUTRAL, segmentText, wantsColor, warningText } from './segment.js';
import { sessionView, type GuardFacts } from './session.js';

export type GuardArgs =
  | { kind: 'statusline'; expect?: Expectation | 'auto'; wrap?: string }
  | { kind: 'session-start'; expect?: Expectation | 'auto' };

const EXPECT = new Set(['subscription', 'api', 'auto']);

/** The exact command lines `guard install` writes; anything else (help, typos) goes to the full CLI. */
export function parseGuardArgs(argv: readonly string[]): GuardArgs | null {
  const [command, ...rest] = argv;
  let kind: GuardArgs['kind'];
  if (command === 'statusline') kind = 'statusline';
  else if (command === 'hook' && rest[0] === 'session-start') {
    kind = 'session-start';
    rest.shift();
  } else return null;
  const args: { kind: GuardArgs['kind']; expect?: Expectation | 'auto'; wrap?: string } = { kind };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (value === undefined) return null;
    if (flag === '--expect' && EXPECT.has(value) && !args.expect) {
      args.expect = value as Expectation | 'auto';
    } else if (flag === '--wrap' && kind === 'statusline' && args.wrap === undefined) {
      args.wrap = value;
    } else return null;
  }
  return args as GuardArgs;
}

const MAX_INPUT = 1024 * 1024;
const INPUT_WAIT_MS = 1000;
const WRAPPED_TIMEOUT_MS = 10_000;

// node:tty, node:os, node:child_process and process.stdout each load modules that cost a few
// ms of a ~20 ms budget: the guard does without the first and the last, and its build loads
// the others on first use (scripts/build.mjs).

/** Standard input, bounded in size and time; nothing from a terminal (or /dev/null). */
function readInput(): Promise<Buffer> {
  try {
    if (fstatSync(0).isCharacterDevice()) return Promise.resolve(Buffer.alloc(0));
  } catch {
    return Promise.resolve(Buffer.alloc(0));
  }
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(Buffer.concat(parts));
    };
    const timer = setTimeout(finish, INPUT_WAIT_MS);
    const next = () => {
      const buffer = Buffer.allocUnsafe(64 * 1024);
      readCallback(0, buffer, 0, buffer.length, null, (error, read) => {
        if (done) return;
        if (error && (error as NodeJS.ErrnoException).code === 'EAGAIN') {
          setTimeout(next, 10);
          return;
        }
        if (error || read === 0) return finish();
        parts.push(buffer.subarray(0, read));
        size += read;
        if (size >= MAX_INPUT) return finish();
        next();
      });
    };
    next();
  });
}

function parseInput(input: Buffer): Record<string, unknown> {
  try {
    const data: unknown = JSON.parse(input.toString('utf8'));
    return typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function stringAt(data: Record<string, unknown>, ...keys: string[]): string | undefined {
  let value: unknown = data;
  for (const key of keys)
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function whereFrom(input: Record<string, unknown>): Where {
  const env = process.env;
  const platform = process.platform;
  const cwd = process.cwd();
  const project =
    env.CLAUDE_PROJECT_DIR ||
    stringAt(input, 'workspace', 'project_dir') ||
    stringAt(input, 'cwd') ||
    cwd;
  return {
    env,
    platform,
    home: homeFrom(env, platform as 'linux') || homedir(),
    cwd,
    project: path.resolve(cwd, project),
    systemRoot: env.CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT || (platform === 'win32' ? 'C:\\' : path.sep),
  };
}

/**
 * Last line of defence: a value seen as a secret never leaves, whatever a future bug does.
 * The guard's own words carry fingerprints only; this also covers the wrapped command.
 */
function scrubber(facts: GuardFacts): (text: string) => string {
  const env = facts.env;
  const values = [
    env.ANTHROPIC_API_KEY,
    env.ANTHROPIC_AUTH_TOKEN,
    env.CLAUDE_CODE_OAUTH_TOKEN,
    facts.login?.accessToken,
  ]
    .map((v) => v?.trim() ?? '')
    .filter((v) => v.length >= 8)
    .sort((a, b) => b.length - a.length);
  return (text) => values.reduce((out, value) => out.split(value).join('[redacted]'), text);
}

async function expectationFor(args: GuardArgs, where: Where): Promise<Expectation | 'auto'> {
  return args.expect ?? configuredExpectation(where.env, where.home);
}

/** The user's own status line, run as Claude Code would run it, with the same input. */
function runWrapped(command: string, input: Buffer, where: Where): string {
  const result = spawnSync(command, {
    shell: process.platform === 'win32' ? true : '/bin/sh',
    input,
    cwd: where.cwd,
    env: process.env,
    timeout: WRAPPED_TIMEOUT_MS,
    maxBuffer: MAX_INPUT,
    stdio: ['pipe', 'pipe', 'ignore'],
    windowsHide: true,
  });
  return (result.stdout ?? Buffer.alloc(0)).toString('utf8').replace(/\r?\n$/, '');
}

export async function statusline(
  args: Extract<GuardArgs, { kind: 'statusline' }>,
): Promise<string> {
  const input = await readInput();
  let wrapped = '';
  let segment = NEUTRAL;
  let scrub = (text: string) => text;
  try {
    const where = whereFrom(parseInput(input));
    if (args.wrap !== undefined) wrapped = runWrapped(args.wrap, input, where);
    const facts = await readFacts(where, await expectationFor(args, where));
    scrub = scrubber(facts);
    const view = sessionView(facts);
    segment = colored(
      view,
      segmentText(view, glyphsFor(where.env, where.platform)),
      wantsColor(where.env),
    );
  } catch {
    // The neutral segment: a status line never fails.
  }
  if (wrapped === '') return `${scrub(segment)}\n`;
  const [first, ...more] = wrapped.split('\n');
  return `${scrub([`${first}  ${segment}`, ...more].join('\n'))}\n`;
}

export async function sessionStart(
  args: Extract<GuardArgs, { kind: 'session-start' }>,
): Promise<string> {
  try {
    const where = whereFrom(parseInput(await readInput()));
    const facts = await readFacts(where, await expectationFor(args, where));
    const message = warningText(sessionView(facts));
    // Plain stdout would reach the model (hooks facts 11): say nothing, or say it as JSON.
    return message ? `${JSON.stringify({ systemMessage: scrubber(facts)(message) })}\n` : '';
  } catch {
    return '';
  }
}

/** Synchronous writes to fd 1: process.stdout would load the net module for a pipe. */
function writeAll(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0, tries = 0; at < bytes.length && tries < 1000;) {
    try {
      at += writeSync(1, bytes, at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      tries += 1;
    }
  }
}

/** Runs the guard for these arguments; false when they are not the guard's (the full CLI takes them). */
export function run(argv: readonly string[]): boolean {
  const args = parseGuardArgs(argv);
  if (!args) return false;
  const work = args.kind === 'statusline' ? statusline(args) : sessionStart(args);
  work
    .catch(() => (args.kind === 'statusline' ? `${NEUTRAL}\n` : ''))
    .then((text) => {
      // Exit at once: a stdin read still pending must not keep the process alive.
      writeAll(text);
      process.exit(0);
    });
  return true;
}

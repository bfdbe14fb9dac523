import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Context } from '../../src/context.js';
import type { WriteOps } from '../../src/fix/atomic.js';
import { runFix, type FixOptions } from '../../src/commands/fix-run.js';
import type { Answer } from '../../src/fix/prompt.js';
import { undoLastFix } from '../../src/fix/undo.js';
import type { Fixture } from './fixture.js';
import { expectNoSecret } from './secrets.js';

export const NOW = new Date('2026-11-25T09:00:00Z');

export interface FixRun {
  code: number;
  out: string;
  questions: string[];
}

export function stateDir(fixture: Fixture): string {
  return path.join(fixture.root, 'state');
}

export function world(fixture: Fixture, env?: Record<string, string>, uid?: number) {
  return {
    ...(uid !== undefined ? { uid } : {}),
    env: env ?? fixture.env,
    cwd: fixture.project,
    platform: 'linux' as const,
    arch: 'x64',
    nodeVersion: '20.20.2',
    systemRoot: fixture.system,
    now: () => NOW,
  };
}

/**
 * Runs the fix engine on a fixture home. `answers` are given to the questions in order (null:
 * no terminal). Every output is checked for planted secrets.
 */
export async function fix(
  fixture: Fixture,
  options: Partial<FixOptions> & {
    answers?: Answer[] | null;
    env?: Record<string, string>;
    writeOps?: WriteOps;
    onAsk?: () => void | Promise<void>;
    /** Run as if this were the user's uid (files of the fixture then belong to someone else). */
    uid?: number;
  } = {},
): Promise<FixRun> {
  const { answers = null, env, writeOps, onAsk, uid, ...rest } = options;
  let out = '';
  const questions: string[] = [];
  const queue = answers ? [...answers] : null;
  const code = await runFix(
    world(fixture, env, uid),
    {
      expect: 'auto',
      offline: true,
      timeoutMs: 3000,
      verbose: false,
      only: [],
      skip: [],
      yes: false,
      dryRun: false,
      color: false,
      updateTimeoutMs: 5000,
      stateDir: stateDir(fixture),
      ...rest,
    },
    {
      stdout: (text) => {
        out += text;
      },
      ask: queue
        ? async (question) => {
            questions.push(question);
            await onAsk?.();
            return queue.shift() ?? 'quit';
          }
        : null,
      ...(writeOps ? { writeOps } : {}),
    },
  );
  expectNoSecret(out);
  return { code, out, questions };
}

export async function undo(
  fixture: Fixture,
  force = false,
  uid?: number,
): Promise<{ code: number; out: string }> {
  const ctx = new Context({
    ...world(fixture, undefined, uid),
    options: { expect: 'auto', offline: true, timeoutMs: 3000, verbose: false },
  });
  const result = await undoLastFix(ctx, stateDir(fixture), force);
  const out = result.lines.join('\n');
  expectNoSecret(out);
  return { code: result.code, out };
}

/** The backup files of every run, by run directory. */
export function backups(fixture: Fixture): Record<string, Record<string, string>> {
  const root = path.join(stateDir(fixture), 'backups');
  const runs: Record<string, Record<string, string>> = {};
  let names: string[] = [];
  try {
    names = readdirSync(root).sort();
  } catch {
    return runs;
  }
  for (const name of names) {
    runs[name] = Object.fromEntries(
      readdirSync(path.join(root, name)).map((f) => [
        f,
        readFileSync(path.join(root, name, f), 'utf8'),
      ]),
    );
  }
  return runs;
}

/** Every file under the fixture's home, for "nothing changed" comparisons. */
/** Every file under `dir` and its bytes, leaving out the directories in `skip`. */
export function snapshot(dir: string, skip: readonly string[] = []): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (skip.includes(full)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files[path.relative(dir, full)] = readFileSync(full, 'latin1');
    }
  };
  walk(dir);
  return files;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realOps, type WriteOps } from '../../src/fix/atomic.js';
import type { FixEvent, Question } from '../../src/fix/events.js';
import { fixEvents, type FixEngineOptions } from '../../src/fix/fix.js';
import type { Answer } from '../../src/fix/prompt.js';
import { stateDir, world } from '../helpers/fix.js';
import {
  credentialsFile,
  makeFixture,
  subscriptionHome,
  SUBSCRIPTION_ACCOUNT,
  type Fixture,
  type FixtureSpec,
} from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// The fix engine alone: no renderer, no terminal. Each run is the sequence of events it
// yields, asserted as data (types, steps, reasons, answers), and its exit code.

const KEY = KEYS.apiKey;
const BASHRC = `# .bashrc\nexport ANTHROPIC_API_KEY="${KEY}"\n`;
const KEY_IN_BASHRC: FixtureSpec = {
  home: subscriptionHome({ '.bashrc': BASHRC }),
  env: { ANTHROPIC_API_KEY: KEY },
};
// A stored Console key beside the login: the plan edits .bashrc, then logs out.
const WITH_LOGOUT: FixtureSpec = {
  home: {
    '.claude/.credentials.json': credentialsFile(),
    '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, primaryApiKey: KEYS.consoleKey },
    '.bashrc': BASHRC,
  },
  env: { ANTHROPIC_API_KEY: KEY },
  claude: {
    script: `case "$1" in --version) echo "2.1.331 (Claude Code)";; auth) echo "logged out $ANTHROPIC_API_KEY"; printf '{"oauthAccount":{}}' > "$HOME/.claude.json";; esac`,
  },
};

interface Run {
  events: FixEvent[];
  code: number;
  asked: Question[];
}

async function drive(
  fixture: Fixture,
  options: Partial<FixEngineOptions> & { answers?: Answer[] | null; writeOps?: WriteOps } = {},
): Promise<Run> {
  const { answers = null, writeOps, ...rest } = options;
  const asked: Question[] = [];
  const queue = answers ? [...answers] : null;
  const events: FixEvent[] = [];
  const engine = fixEvents(
    world(fixture),
    {
      expect: 'auto',
      offline: true,
      timeoutMs: 3000,
      verbose: false,
      only: [],
      skip: [],
      yes: false,
      dryRun: false,
      updateTimeoutMs: 5000,
      stateDir: stateDir(fixture),
      ...rest,
    },
    {
      ask: queue
        ? async (question) => {
            asked.push(question);
            return queue.shift() ?? 'quit';
          }
        : null,
      ...(writeOps ? { writeOps } : {}),
    },
  );
  for (;;) {
    const next = await engine.next();
    if (next.done) {
      // Values never reach an event: diffs and command output are masked.
      expectNoSecret(JSON.stringify(events));
      return { events, code: next.value, asked };
    }
    events.push(next.value);
  }
}

/** Each event as its type and the fields that say what happened (not the words). */
function trail(events: FixEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case 'step':
        return `step:${e.step}`;
      case 'planned-edit':
        return `planned-edit:${e.file}`;
      case 'planned-command':
        return `planned-command:${e.argv.join(' ')}`;
      case 'asked':
        return `asked:${e.question}:${e.answer}`;
      case 'skipped':
        return `skipped:${e.reason}`;
      case 'applied':
        return `applied:${e.file}`;
      case 'failed':
        return `failed:${e.kind}:${e.subject}`;
      case 'command-finished':
        return `command-finished:${e.argv.join(' ')}`;
      case 'step-done':
        return `step-done:${e.ok}`;
      case 'summary':
        return `summary:${e.result}`;
      default:
        return e.type;
    }
  });
}

const of = <T extends FixEvent['type']>(events: FixEvent[], type: T) =>
  events.filter((e): e is Extract<FixEvent, { type: T }> => e.type === type);

describe('fix engine events', () => {
  it('nothing to fix: the checks, then the close', async () => {
    const run = await drive(makeFixture({ home: subscriptionHome() }));
    expect(trail(run.events)).toEqual(['before', 'summary:nothing-to-fix']);
    expect(of(run.events, 'summary')[0]).toMatchObject({ problems: 0, exitCode: 0 });
    expect(run.code).toBe(0);
  });

  it('--yes: planned edit with its masked diff, applied, backed up, checked again', async () => {
    const fixture = makeFixture(KEY_IN_BASHRC);
    const run = await drive(fixture, { yes: true });
    expect(trail(run.events)).toEqual([
      'before',
      'step:remove-env-credential',
      'planned-edit:~/.bashrc',
      'applied:~/.bashrc',
      'backup',
      'step-done:true',
      'after',
      'summary:changed',
    ]);
    const [edit] = of(run.events, 'planned-edit');
    expect(edit).toMatchObject({ target: '~/.bashrc', symlink: false, links: 1 });
    expect(edit!.diff).toContain('-export ANTHROPIC_API_KEY=');
    expect(of(run.events, 'backup')[0]!.dir).toMatch(/\/state\/backups\/2026-11-25T09-00-00/);
    const [after] = of(run.events, 'after');
    expect(after!.before.checks.find((c) => c.id === 'api-key-env')?.status).toBe('fail');
    expect(after!.after.checks.find((c) => c.id === 'api-key-env')?.status).toBe('pass');
    const [summary] = of(run.events, 'summary');
    expect(summary).toMatchObject({
      newTerminal: true,
      unset: 'unset ANTHROPIC_API_KEY',
      exitCode: run.code,
    });
    expect(summary!.finals.map((s) => s.id)).toEqual(['restart-terminal', 'verify']);
    expect(summary!.verdict?.note).toContain('ANTHROPIC_API_KEY');
    expect(run.asked).toEqual([]);
  });

  it('--dry-run: shown, skipped as a dry run, nothing written, exit 0', async () => {
    const fixture = makeFixture(KEY_IN_BASHRC);
    const run = await drive(fixture, { dryRun: true, answers: ['yes'] });
    expect(trail(run.events)).toEqual([
      'before',
      'preview',
      'step:remove-env-credential',
      'planned-edit:~/.bashrc',
      'skipped:dry-run',
      'summary:preview',
    ]);
    expect(run.asked).toEqual([]);
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(fixture.home, '.bashrc'), 'utf8')).toBe(BASHRC);
  });

  it('no terminal and no --yes: a preview that exits 1', async () => {
    const run = await drive(makeFixture(KEY_IN_BASHRC));
    expect(of(run.events, 'preview')).toEqual([{ type: 'preview', reason: 'no-terminal' }]);
    expect(trail(run.events)).toContain('skipped:no-terminal');
    expect(run.code).toBe(1);
  });

  it('asks before each step; no declines, quit stops the rest, both left for the user', async () => {
    const declined = await drive(makeFixture(WITH_LOGOUT), { answers: ['no', 'yes'] });
    expect(trail(declined.events)).toEqual([
      'before',
      'step:remove-env-credential',
      'planned-edit:~/.bashrc',
      'asked:apply-edits:no',
      'skipped:declined',
      'step:logout',
      'planned-command:claude auth logout',
      'asked:run-command:yes',
      'command-started',
      'command-output',
      'command-finished:claude auth logout',
      'step-done:true',
      'after',
      'summary:changed',
    ]);
    expect(of(declined.events, 'summary')[0]!.manual).toEqual([
      '~/.bashrc: make the edit shown above (not applied)',
    ]);

    const quit = await drive(makeFixture(WITH_LOGOUT), { answers: ['quit'] });
    expect(quit.asked).toEqual(['apply-edits']);
    expect(trail(quit.events).filter((t) => t.startsWith('skipped'))).toEqual([
      'skipped:quit',
      'skipped:stopped',
    ]);
    expect(of(quit.events, 'summary')[0]).toMatchObject({ result: 'unchanged', exitCode: 1 });
    expect(quit.code).toBe(1);
  });

  it('a failed write is a failed event, the step is not ok, and the run exits 1', async () => {
    const fixture = makeFixture(KEY_IN_BASHRC);
    const bashrc = path.join(fixture.home, '.bashrc');
    const failing: WriteOps = {
      ...realOps,
      rename: async (from, to) =>
        to === bashrc
          ? Promise.reject(Object.assign(new Error('EROFS'), { code: 'EROFS' }))
          : realOps.rename(from, to),
    };
    const run = await drive(fixture, { yes: true, writeOps: failing });
    expect(trail(run.events)).toContain('failed:file:~/.bashrc');
    expect(trail(run.events)).toContain('step-done:false');
    expect(run.code).toBe(1);
    expect(readFileSync(bashrc, 'utf8')).toBe(BASHRC);
  });

  it('the events of a run are what the renderer is given: by-hand steps come as their own events', async () => {
    // A managed settings file sets the key: fix leaves it to the administrator.
    const fixture = makeFixture({
      home: subscriptionHome(),
      system: { 'etc/claude-code/managed-settings.json': { env: { ANTHROPIC_API_KEY: KEY } } },
    });
    const run = await drive(fixture, { yes: true });
    const byHand = of(run.events, 'by-hand');
    expect(byHand).toHaveLength(1);
    expect(byHand[0]!.step).toBe('remove-env-credential');
    expect(trail(run.events)).toContain('skipped:nothing-automatic');
    expect(of(run.events, 'summary')[0]!.manual).toEqual([byHand[0]!.text]);
  });

  it('an apiKeyHelper that only its own check names is an edit fix offers (one list of locations)', async () => {
    const fixture = makeFixture({
      home: { '.claude/settings.json': { apiKeyHelper: `echo ${KEY}` } },
    });
    const run = await drive(fixture, { expect: 'subscription', dryRun: true });
    expect(trail(run.events).slice(0, 5)).toEqual([
      'before',
      'preview',
      'step:remove-env-credential',
      'planned-edit:~/.claude/settings.json',
      'skipped:dry-run',
    ]);
    const [before] = of(run.events, 'before');
    expect(before!.report.fixPlan[0]).toMatchObject({
      id: 'remove-env-credential',
      automatic: true,
      because: ['api-key-helper'],
    });
  });
});

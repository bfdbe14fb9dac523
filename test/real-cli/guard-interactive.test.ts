import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  credentialsFile,
  makeFixture,
  SUBSCRIPTION_ACCOUNT,
  writeFiles,
  type Fixture,
} from '../helpers/fixture.js';
import { messagesApi, type MessagesApi } from '../helpers/messages-api.js';
import { expectNoSecret, KEYS, suffix20 } from '../helpers/secrets.js';
import { CLI_VERSION, installedClaude } from './claude-cli.js';
import { offlineEnv } from './session.js';

// The guard on the real Claude Code's screen: an interactive session in a detached tmux pane
// (onboarding and folder trust pre-set in the fixture's .claude.json, so no dialog comes
// first), with ANTHROPIC_API_KEY in its environment and the user's earlier answer to "use
// this API key?" in customApiKeyResponses. The hook sees the key either way (hooks facts 22);
// only the answer decides what the session sends, and the guard must say exactly that.

const socket = `cad-guard-${process.pid}`;
const tmux = (...args: string[]) =>
  execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', timeout: 10_000 });
/** `text` right after an SGR sequence that sets foreground colour `code` (tmux may merge codes). */
const sgr = (code: number, text: string) =>
  new RegExp(`${String.fromCharCode(27)}\\[(?:[0-9;]*;)?${code}m${text}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// Before the fixture goes: the session ends (the tmux server this file started, by its own
// socket), and Claude Code has exited, so it writes nothing into a directory being removed.
afterEach(async () => {
  let pids: number[] = [];
  try {
    pids = tmux('list-panes', '-a', '-F', '#{pane_pid}').split('\n').filter(Boolean).map(Number);
    tmux('kill-server');
  } catch {
    // no server left
  }
  for (const end = Date.now() + 10_000; pids.some(alive) && Date.now() < end;) await sleep(100);
});

let claude = '';
beforeAll(() => {
  claude = installedClaude();
}, 15 * 60_000);

/** A Max login, onboarding done, the project trusted, the key answered one way or the other. */
function home(answer: 'approved' | 'rejected'): Fixture {
  const fixture = makeFixture({ claude: null });
  const responses = { approved: [] as string[], rejected: [] as string[] };
  responses[answer].push(suffix20(KEYS.apiKey));
  writeFiles(fixture.home, {
    '.claude/.credentials.json': credentialsFile(),
    '.claude.json': {
      hasCompletedOnboarding: true,
      theme: 'dark',
      oauthAccount: SUBSCRIPTION_ACCOUNT,
      customApiKeyResponses: responses,
      projects: {
        [fixture.project]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true },
      },
    },
  });
  return fixture;
}

/** Waits until the pane shows `pattern`; returns the screen. */
async function screenWith(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < end) {
    screen = tmux('capture-pane', '-p', '-J');
    if (pattern.test(screen)) return screen;
    await sleep(250);
  }
  throw new Error(`the screen never showed ${pattern}:\n${screen}`);
}

async function startSession(answer: 'approved' | 'rejected'): Promise<{ api: MessagesApi }> {
  const fixture = home(answer);
  const install = await runCli(['guard', 'install', '--yes'], fixture.env, fixture.project);
  expect(install.code).toBe(0);
  const api = await messagesApi();
  const env = {
    ...offlineEnv(fixture.home, api.url),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    ANTHROPIC_API_KEY: KEYS.apiKey,
  };
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  tmux(
    'new-session',
    '-d',
    '-x',
    '160',
    '-y',
    '45',
    '-c',
    fixture.project,
    'env',
    '-i',
    ...assignments,
    claude,
  );
  return { api };
}

describe(`the guard on an interactive Claude Code ${CLI_VERSION} screen (tmux)`, () => {
  it(
    'approved key: the SessionStart warning and a red status line; the key is what is sent',
    { timeout: 90_000 },
    async () => {
      const { api } = await startSession('approved');
      const screen = await screenWith(/API key …AK01 · API credits/);
      expect(screen.replace(/\s+/g, ' ')).toContain(
        'SessionStart:startup says: claude-auth-doctor: this session bills API credits: ANTHROPIC_API_KEY (ending in AK01), which you approved at the prompt, is used instead of your Max 20x plan.',
      );
      expect(screen).toMatch(/^\s*! API key …AK01 · API credits\s*$/m);
      // In red: the segment's own SGR colour survives Claude Code's rendering.
      expect(tmux('capture-pane', '-p', '-e')).toMatch(sgr(31, '! API key …AK01'));
      expectNoSecret(screen);
      tmux('send-keys', 'hi', 'Enter');
      await screenWith(/Hello from the fake API\./);
      const sent = api.messages();
      expect(sent.length).toBeGreaterThan(0);
      for (const request of sent) {
        expect(request.auth).toBe('x-api-key');
        expect(request.credential?.slice(-4)).toBe('AK01');
      }
    },
  );

  it(
    'declined key: no warning, the plan in the status line; the subscription is what is sent',
    { timeout: 90_000 },
    async () => {
      const { api } = await startSession('rejected');
      const screen = await screenWith(/Max 20x · plan/);
      expect(screen).not.toContain('SessionStart:startup says');
      expect(screen).toMatch(/^\s*Max 20x · plan\s*$/m);
      expect(tmux('capture-pane', '-p', '-e')).toMatch(sgr(32, 'Max 20x · plan'));
      tmux('send-keys', 'hi', 'Enter');
      await screenWith(/Hello from the fake API\./);
      const sent = api.messages();
      expect(sent.length).toBeGreaterThan(0);
      for (const request of sent) {
        expect(request.auth).toBe('bearer');
        expect(request.credential?.slice(-4)).toBe('AC01');
      }
    },
  );
});

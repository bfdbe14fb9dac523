import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Method, Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import {
  credentialsFile,
  makeFixture,
  SUBSCRIPTION_ACCOUNT,
  type FileSpec,
} from '../helpers/fixture.js';
import { messagesApi } from '../helpers/messages-api.js';
import { expectNoSecret, KEYS, plantedKey } from '../helpers/secrets.js';
import { CLI_VERSION, installedClaude } from './claude-cli.js';
import { offlineEnv, recordedSystemMessages, runSession } from './session.js';

// The guard inside the real Claude Code (pinned): each fixture home gets the guard through
// `guard install --yes`, then a real `claude -p` session runs against a local fake API. The
// SessionStart hook must have run and said exactly what it should (stream-json
// `hook_response`, and the `systemMessage` in the session transcript), and the credential the
// fake API received (x-api-key or Bearer, by fingerprint) must be the one the doctor's
// `effective` names.

const HELPER_KEY = plantedKey('sk-ant-api03-', 'HK01');
const last4 = (value: string) => value.slice(-4);

interface Case {
  home: Record<string, FileSpec>;
  project?: Record<string, FileSpec>;
  env?: Record<string, string>;
  /** What the fake API must receive. */
  header: 'x-api-key' | 'bearer';
  credential: string;
  /** The doctor's `auth.effective.method` for the same home. */
  effective: Method;
  /** The systemMessage the hook must print; null: it must print nothing at all. */
  warning: RegExp | null;
}

const SUB_FILES = {
  '.claude/.credentials.json': credentialsFile(),
};
const account = (extra: object = {}) => ({
  '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, hasCompletedOnboarding: true, ...extra },
});
const userSettings = (settings: object) => ({ '.claude/settings.json': settings });

const CASES: Record<string, Case> = {
  'subscription only: silent': {
    home: { ...SUB_FILES, ...account() },
    header: 'bearer',
    credential: KEYS.accessToken,
    effective: 'subscription',
    warning: null,
  },
  'subscription + ANTHROPIC_API_KEY in the shell': {
    home: { ...SUB_FILES, ...account() },
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    header: 'x-api-key',
    credential: KEYS.apiKey,
    effective: 'api-key',
    warning:
      /bills API credits: ANTHROPIC_API_KEY \(ending in AK01\) is used instead of your Max 20x plan\. Run `claude-auth-doctor fix`/,
  },
  'subscription + ANTHROPIC_API_KEY in user settings env (the hook sees it)': {
    home: {
      ...SUB_FILES,
      ...account(),
      ...userSettings({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } }),
    },
    header: 'x-api-key',
    credential: KEYS.apiKey,
    effective: 'api-key',
    warning: /ANTHROPIC_API_KEY \(ending in AK01\) is used instead of your Max 20x plan/,
  },
  'a key declined at the prompt still bills under -p': {
    home: {
      ...SUB_FILES,
      ...account({ customApiKeyResponses: { approved: [], rejected: [KEYS.apiKey.slice(-20)] } }),
    },
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    header: 'x-api-key',
    credential: KEYS.apiKey,
    effective: 'api-key',
    warning: /ANTHROPIC_API_KEY \(ending in AK01\) is used instead of your Max 20x plan/,
  },
  'subscription + a leftover Console key: the subscription is sent, silent': {
    home: { ...SUB_FILES, ...account({ primaryApiKey: KEYS.consoleKey }) },
    header: 'bearer',
    credential: KEYS.accessToken,
    effective: 'subscription',
    warning: null,
  },
  'Console key while the account has a subscription (no login stored)': {
    home: account({ primaryApiKey: KEYS.consoleKey }),
    header: 'x-api-key',
    credential: KEYS.consoleKey,
    effective: 'console-key',
    warning: /bills API credits: it uses the Console API key stored by \/login \(ending in CK01\)/,
  },
  'subscription + apiKeyHelper': {
    home: { ...SUB_FILES, ...account(), ...userSettings({ apiKeyHelper: `echo ${HELPER_KEY}` }) },
    header: 'x-api-key',
    credential: HELPER_KEY,
    effective: 'api-key-helper',
    warning: /the apiKeyHelper command in your settings is used instead of your Max 20x plan/,
  },
  'subscription + ANTHROPIC_AUTH_TOKEN': {
    home: { ...SUB_FILES, ...account() },
    env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken },
    header: 'bearer',
    credential: KEYS.authToken,
    effective: 'auth-token',
    warning: /sends ANTHROPIC_AUTH_TOKEN \(ending in AT01\) instead of your Max 20x plan/,
  },
  'ANTHROPIC_AUTH_TOKEN copied from the login (short-lived)': {
    home: { ...SUB_FILES, ...account() },
    env: { ANTHROPIC_AUTH_TOKEN: KEYS.accessToken },
    header: 'bearer',
    credential: KEYS.accessToken,
    effective: 'auth-token',
    warning:
      /ANTHROPIC_AUTH_TOKEN \(ending in AC01\), a copy of your login's short-lived access token/,
  },
  // Measured on 2.1.331: Claude Code removes CLAUDE_CODE_OAUTH_TOKEN from a hook's
  // environment (ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY stay), so a hook cannot tell this
  // copy from the stored login it was copied from. Asserted, so a CLI that starts passing it
  // on shows up here.
  'CLAUDE_CODE_OAUTH_TOKEN copied from the login: invisible to hooks': {
    home: { ...SUB_FILES, ...account() },
    env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.accessToken },
    header: 'bearer',
    credential: KEYS.accessToken,
    effective: 'oauth-token',
    warning: null,
  },
  'a real setup-token (CLAUDE_CODE_OAUTH_TOKEN): silent': {
    home: { ...SUB_FILES, ...account() },
    env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken },
    header: 'bearer',
    credential: KEYS.oauthToken,
    effective: 'oauth-token',
    warning: null,
  },
  'API key only, no sign of a subscription: silent': {
    home: { '.claude.json': { hasCompletedOnboarding: true } },
    env: { ANTHROPIC_API_KEY: KEYS.apiKey2 },
    header: 'x-api-key',
    credential: KEYS.apiKey2,
    effective: 'api-key',
    warning: null,
  },
};

const METHOD_HEADER: Partial<Record<Method, 'x-api-key' | 'bearer'>> = {
  'api-key': 'x-api-key',
  'console-key': 'x-api-key',
  'api-key-helper': 'x-api-key',
  subscription: 'bearer',
  'oauth-token': 'bearer',
  'auth-token': 'bearer',
};

let claude = '';
beforeAll(() => {
  claude = installedClaude();
}, 15 * 60_000);

describe(`the guard in real Claude Code ${CLI_VERSION} sessions (claude -p)`, () => {
  it.each(Object.keys(CASES))('%s', { timeout: 90_000 }, async (name) => {
    const c = CASES[name]!;
    const fixture = makeFixture({ home: c.home, project: c.project ?? {}, claude: null });
    const install = await runCli(['guard', 'install', '--yes'], fixture.env, fixture.project);
    expect(install.code, install.stdout + install.stderr).toBe(0);
    expectNoSecret(install.stdout + install.stderr);

    const api = await messagesApi();
    const run = await runSession(
      claude,
      { ...offlineEnv(fixture.home, api.url), ...c.env },
      fixture.project,
    );
    expect(run.result?.is_error, run.stderr).toBe(false);

    // The hook ran, once, and printed the warning as hook JSON, or nothing at all.
    expect(run.hookResponses).toHaveLength(1);
    const response = run.hookResponses[0]!;
    expect(response.exit_code).toBe(0);
    const stdout = String(response.stdout);
    expectNoSecret(stdout);
    const messages = recordedSystemMessages(run);
    if (c.warning) {
      const printed = JSON.parse(stdout) as { systemMessage: string };
      expect(Object.keys(printed)).toEqual(['systemMessage']);
      expect(printed.systemMessage).toMatch(c.warning);
      expect(messages).toEqual([printed.systemMessage]);
      // A systemMessage is for the user, never sent to the model (hooks facts 11).
      expect(api.messages().some((r) => r.body.includes('claude-auth-doctor'))).toBe(false);
    } else {
      expect(stdout).toBe('');
      expect(messages).toEqual([]);
    }

    // The credential really sent, against the doctor's `effective`.
    const sent = api.messages();
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      expect(request.auth).toBe(c.header);
      expect(last4(request.credential ?? '')).toBe(last4(c.credential));
    }
    const doctor = await runCli(
      ['--json', '--offline'],
      { ...fixture.env, ...c.env },
      fixture.project,
    );
    expectNoSecret(doctor.stdout + doctor.stderr);
    const report = JSON.parse(doctor.stdout) as Report;
    expect(report.auth.effective.method).toBe(c.effective);
    expect(METHOD_HEADER[report.auth.effective.method]).toBe(c.header);
    const active = report.auth.candidates.find((candidate) => candidate.active);
    if (active?.fingerprint) expect(active.fingerprint).toBe(last4(c.credential));
  });
});

describe('guard install in a real session', () => {
  it('keeps the user settings Claude Code reads: the settings env still reaches the session', async () => {
    const fixture = makeFixture({
      home: {
        ...SUB_FILES,
        ...account(),
        ...userSettings({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } }),
      },
      claude: null,
    });
    await runCli(['guard', 'install', '--yes'], fixture.env, fixture.project);
    const settings = JSON.parse(
      readFileSync(path.join(fixture.home, '.claude', 'settings.json'), 'utf8'),
    ) as { env: Record<string, string> };
    expect(settings.env.ANTHROPIC_API_KEY).toBe(KEYS.apiKey);
    const uninstall = await runCli(['guard', 'uninstall', '--yes'], fixture.env, fixture.project);
    expect(uninstall.code).toBe(0);
    const api = await messagesApi();
    const run = await runSession(claude, offlineEnv(fixture.home, api.url), fixture.project);
    expect(run.hookResponses).toEqual([]);
  });
});

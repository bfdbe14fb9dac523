import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { methodsFor } from '../../src/sources/claude-auth-status.js';
import { PROVIDER_SWITCHES } from '../../src/env-vars.js';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import {
  credentialsFile,
  makeFixture,
  subscriptionHome,
  type FileSpec,
} from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';
import { authStatus, CLI_VERSION, installedClaude } from './claude-cli.js';

// The doctor's model against the real Claude Code (pinned). For each fixture home the doctor
// runs first (--json --offline, never --ask-claude), then `claude auth status --json`, which
// writes files, with the same HOME, environment and directory. The doctor's `auth.authStatus`
// must match Claude Code's authMethod; `auth.effective` must too, except where only project
// settings set a credential variable (auth status ignores those; real-cli-findings 1).
// Managed settings are left out: the real CLI reads them only from /etc/claude-code, which
// tests never create.

interface Case {
  home?: Record<string, FileSpec>;
  /** Files under the project directory, which is the working directory. */
  project?: Record<string, FileSpec>;
  env?: Record<string, string>;
  /** What Claude Code 2.1.331 reports (measured), so a change in the CLI shows up too. */
  authMethod: string;
  apiKeySource?: string;
  apiProvider?: string;
  /** A credential variable only project settings set: effective differs from authStatus. */
  projectOnly?: boolean;
}

const SUB = subscriptionHome();
const NO_INFERENCE = { '.claude/.credentials.json': credentialsFile({ scopes: ['user:profile'] }) };
const consoleKey = (extra: object = {}) => ({
  '.claude.json': { primaryApiKey: KEYS.consoleKey, ...extra },
});
const userSettings = (settings: object) => ({ '.claude/settings.json': settings });
const HELPER = userSettings({ apiKeyHelper: 'echo not-run-by-anyone' });
const MANAGED_KEY = '/login managed key';

const CASES: Record<string, Case> = {
  'nothing at all': { authMethod: 'none' },
  'subscription only': { home: SUB, authMethod: 'claude.ai' },
  'ANTHROPIC_API_KEY only': {
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    authMethod: 'api_key',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  'Console key only': { home: consoleKey(), authMethod: 'api_key', apiKeySource: MANAGED_KEY },
  'ANTHROPIC_AUTH_TOKEN only': {
    env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken },
    authMethod: 'oauth_token',
  },
  'CLAUDE_CODE_OAUTH_TOKEN only': {
    env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken },
    authMethod: 'oauth_token',
  },
  'apiKeyHelper only': { home: HELPER, authMethod: 'api_key_helper', apiKeySource: 'apiKeyHelper' },
  'Bedrock only': {
    env: { CLAUDE_CODE_USE_BEDROCK: '1' },
    authMethod: 'third_party',
    apiProvider: 'bedrock',
  },
  'subscription + ANTHROPIC_API_KEY (shell)': {
    home: SUB,
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    authMethod: 'api_key',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  'subscription + ANTHROPIC_API_KEY (user settings env)': {
    home: { ...SUB, ...userSettings({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } }) },
    authMethod: 'api_key',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  'subscription + ANTHROPIC_API_KEY (legacy .claude.json env)': {
    home: { ...SUB, '.claude.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } } },
    authMethod: 'api_key',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  'subscription + ANTHROPIC_AUTH_TOKEN': {
    home: SUB,
    env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken },
    authMethod: 'oauth_token',
  },
  'subscription + CLAUDE_CODE_OAUTH_TOKEN': {
    home: SUB,
    env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken },
    authMethod: 'oauth_token',
  },
  'subscription + apiKeyHelper': {
    home: { ...SUB, ...HELPER },
    authMethod: 'api_key_helper',
    apiKeySource: 'apiKeyHelper',
  },
  'subscription + Console key': {
    home: { ...SUB, ...consoleKey() },
    authMethod: 'claude.ai',
    apiKeySource: MANAGED_KEY,
  },
  'apiKeyHelper + ANTHROPIC_API_KEY': {
    home: HELPER,
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    authMethod: 'api_key_helper',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  'ANTHROPIC_AUTH_TOKEN + ANTHROPIC_API_KEY': {
    env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken, ANTHROPIC_API_KEY: KEYS.apiKey },
    authMethod: 'oauth_token',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  'ANTHROPIC_AUTH_TOKEN + apiKeyHelper': {
    home: HELPER,
    env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken },
    authMethod: 'oauth_token',
    apiKeySource: 'apiKeyHelper',
  },
  'ANTHROPIC_AUTH_TOKEN + Console key': {
    home: consoleKey(),
    env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken },
    authMethod: 'oauth_token',
    apiKeySource: MANAGED_KEY,
  },
  'CLAUDE_CODE_OAUTH_TOKEN + ANTHROPIC_API_KEY': {
    env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken, ANTHROPIC_API_KEY: KEYS.apiKey },
    authMethod: 'api_key',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  'CLAUDE_CODE_OAUTH_TOKEN + apiKeyHelper': {
    home: HELPER,
    env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken },
    authMethod: 'api_key_helper',
    apiKeySource: 'apiKeyHelper',
  },
  'CLAUDE_CODE_OAUTH_TOKEN + ANTHROPIC_AUTH_TOKEN': {
    env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken, ANTHROPIC_AUTH_TOKEN: KEYS.authToken },
    authMethod: 'oauth_token',
  },
  'CLAUDE_CODE_OAUTH_TOKEN + Console key': {
    home: consoleKey(),
    env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken },
    authMethod: 'oauth_token',
    apiKeySource: MANAGED_KEY,
  },
  'apiKeyHelper + Console key': {
    home: { ...HELPER, ...consoleKey() },
    authMethod: 'api_key_helper',
    apiKeySource: 'apiKeyHelper',
  },
  'subscription + Bedrock (shell) + ANTHROPIC_API_KEY': {
    home: SUB,
    env: { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: KEYS.apiKey },
    authMethod: 'third_party',
    apiKeySource: 'ANTHROPIC_API_KEY',
    apiProvider: 'bedrock',
  },
  'Console key + ANTHROPIC_API_KEY': {
    home: consoleKey(),
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    authMethod: 'api_key',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  'login without user:inference': { home: NO_INFERENCE, authMethod: 'none' },
  'login without user:inference + Console key': {
    home: { ...NO_INFERENCE, ...consoleKey() },
    authMethod: 'api_key',
    apiKeySource: MANAGED_KEY,
  },
  'subscription + white-space ANTHROPIC_API_KEY': {
    home: SUB,
    env: { ANTHROPIC_API_KEY: '   ' },
    authMethod: 'claude.ai',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  'white-space ANTHROPIC_API_KEY only': {
    env: { ANTHROPIC_API_KEY: '   ' },
    authMethod: 'api_key',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  'subscription + empty ANTHROPIC_API_KEY': {
    home: SUB,
    env: { ANTHROPIC_API_KEY: '' },
    authMethod: 'claude.ai',
  },
  'subscription + CLAUDE_CODE_USE_BEDROCK=0': {
    home: SUB,
    env: { CLAUDE_CODE_USE_BEDROCK: '0' },
    authMethod: 'claude.ai',
  },
  'subscription + CLAUDE_CODE_USE_BEDROCK=true in user settings': {
    home: { ...SUB, ...userSettings({ env: { CLAUDE_CODE_USE_BEDROCK: 'true' } }) },
    authMethod: 'third_party',
    apiProvider: 'bedrock',
  },
  'Vertex + Foundry': {
    env: { CLAUDE_CODE_USE_VERTEX: '1', CLAUDE_CODE_USE_FOUNDRY: '1' },
    authMethod: 'third_party',
    apiProvider: 'foundry',
  },
  'CLAUDE_CODE_USE_GATEWAY alone': { env: { CLAUDE_CODE_USE_GATEWAY: '1' }, authMethod: 'none' },
  'subscription + ANTHROPIC_BASE_URL': {
    home: SUB,
    env: { ANTHROPIC_BASE_URL: 'https://proxy.example.com' },
    authMethod: 'claude.ai',
  },
  'apiKeyHelper in .claude.json (ignored)': {
    home: { ...SUB, '.claude.json': { apiKeyHelper: 'echo x' } },
    authMethod: 'claude.ai',
  },
  'settings in ~/.config/claude (ignored)': {
    home: { ...SUB, '.config/claude/settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } } },
    authMethod: 'claude.ai',
  },
  'config dir moved, login there': {
    home: { 'alt/.credentials.json': credentialsFile(), ...consoleKey() },
    env: { CLAUDE_CONFIG_DIR: '@HOME@/alt' },
    authMethod: 'claude.ai',
  },
  'config dir moved, login left in ~/.claude': {
    home: SUB,
    env: { CLAUDE_CONFIG_DIR: '@HOME@/alt' },
    authMethod: 'none',
  },
  'config dir moved, Console key in its .claude.json': {
    home: { 'alt/.claude.json': { primaryApiKey: KEYS.consoleKey } },
    env: { CLAUDE_CONFIG_DIR: '@HOME@/alt' },
    authMethod: 'api_key',
    apiKeySource: MANAGED_KEY,
  },
  'config dir relative to the project': {
    project: { 'cfg/.credentials.json': credentialsFile() },
    env: { CLAUDE_CONFIG_DIR: 'cfg' },
    authMethod: 'claude.ai',
  },
  'config dir set to ~/.claude explicitly: ~/.claude.json is not read': {
    home: { '.claude/.keep': '', ...consoleKey() },
    env: { CLAUDE_CONFIG_DIR: '@HOME@/.claude' },
    authMethod: 'none',
  },
  // White space: only ANTHROPIC_API_KEY, apiKeyHelper and the Console key count; the tokens do not.
  'subscription + white-space ANTHROPIC_AUTH_TOKEN': {
    home: SUB,
    env: { ANTHROPIC_AUTH_TOKEN: '   ' },
    authMethod: 'claude.ai',
  },
  'white-space ANTHROPIC_AUTH_TOKEN only': {
    env: { ANTHROPIC_AUTH_TOKEN: '  ' },
    authMethod: 'none',
  },
  'subscription + white-space CLAUDE_CODE_OAUTH_TOKEN': {
    home: SUB,
    env: { CLAUDE_CODE_OAUTH_TOKEN: '   ' },
    authMethod: 'claude.ai',
  },
  'subscription + white-space apiKeyHelper': {
    home: { ...SUB, ...userSettings({ apiKeyHelper: '   ' }) },
    authMethod: 'api_key_helper',
    apiKeySource: 'apiKeyHelper',
  },
  'subscription + empty apiKeyHelper': {
    home: { ...SUB, ...userSettings({ apiKeyHelper: '' }) },
    authMethod: 'claude.ai',
  },
  'white-space Console key': {
    home: { '.claude.json': { primaryApiKey: '   ' } },
    authMethod: 'api_key',
    apiKeySource: MANAGED_KEY,
  },
  'subscription + white-space key in user settings': {
    home: { ...SUB, ...userSettings({ env: { ANTHROPIC_API_KEY: '  ' } }) },
    authMethod: 'claude.ai',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  // An empty value in a settings env block unsets the variable for everything below it.
  'subscription + ANTHROPIC_API_KEY in the shell, "" in user settings': {
    home: { ...SUB, ...userSettings({ env: { ANTHROPIC_API_KEY: '' } }) },
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    authMethod: 'claude.ai',
  },
  'subscription + ANTHROPIC_AUTH_TOKEN in the shell, "" in user settings': {
    home: { ...SUB, ...userSettings({ env: { ANTHROPIC_AUTH_TOKEN: '' } }) },
    env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken },
    authMethod: 'claude.ai',
  },
  'subscription + key in legacy env, "" in user settings': {
    home: {
      ...SUB,
      '.claude.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      ...userSettings({ env: { ANTHROPIC_API_KEY: '' } }),
    },
    authMethod: 'claude.ai',
  },
  'subscription + key in user settings, "" in legacy env': {
    home: {
      ...SUB,
      '.claude.json': { env: { ANTHROPIC_API_KEY: '' } },
      ...userSettings({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } }),
    },
    authMethod: 'api_key',
    apiKeySource: 'ANTHROPIC_API_KEY',
  },
  'subscription + Bedrock=1 in the shell, "" in user settings': {
    home: { ...SUB, ...userSettings({ env: { CLAUDE_CODE_USE_BEDROCK: '' } }) },
    env: { CLAUDE_CODE_USE_BEDROCK: '1' },
    authMethod: 'claude.ai',
  },
  'subscription + Bedrock=1 in the shell, 0 in user settings': {
    home: { ...SUB, ...userSettings({ env: { CLAUDE_CODE_USE_BEDROCK: '0' } }) },
    env: { CLAUDE_CODE_USE_BEDROCK: '1' },
    authMethod: 'claude.ai',
  },
  'subscription + empty access token': {
    home: { '.claude/.credentials.json': credentialsFile({ accessToken: '' }) },
    authMethod: 'none',
  },
  'invalid .credentials.json + Console key': {
    home: { '.claude/.credentials.json': '{not json', ...consoleKey() },
    authMethod: 'api_key',
    apiKeySource: MANAGED_KEY,
  },
  'ANTHROPIC_API_KEY in ~/.claude/settings.local.json (not read)': {
    home: { ...SUB, '.claude/settings.local.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } } },
    authMethod: 'claude.ai',
  },
  'legacy .config.json wins over .claude.json': {
    home: { '.claude/.config.json': { primaryApiKey: KEYS.consoleKey }, '.claude.json': {} },
    authMethod: 'api_key',
    apiKeySource: MANAGED_KEY,
  },
  'secure storage dir moved': {
    home: { 'vault/.credentials.json': credentialsFile() },
    env: { CLAUDE_SECURESTORAGE_CONFIG_DIR: '@HOME@/vault' },
    authMethod: 'claude.ai',
  },
  'project settings: ANTHROPIC_API_KEY (ignored by auth status)': {
    home: SUB,
    project: { '.claude/settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } } },
    authMethod: 'claude.ai',
    projectOnly: true,
  },
  'project local settings: ANTHROPIC_AUTH_TOKEN (ignored by auth status)': {
    home: SUB,
    project: { '.claude/settings.local.json': { env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken } } },
    authMethod: 'claude.ai',
    projectOnly: true,
  },
  'project settings: "" does not hide the shell key from auth status': {
    home: SUB,
    project: { '.claude/settings.json': { env: { ANTHROPIC_API_KEY: '' } } },
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    authMethod: 'api_key',
    apiKeySource: 'ANTHROPIC_API_KEY',
    projectOnly: true,
  },
  'project settings: Bedrock=yes + ANTHROPIC_API_KEY': {
    project: { '.claude/settings.json': { env: { CLAUDE_CODE_USE_BEDROCK: 'yes' } } },
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    authMethod: 'third_party',
    apiKeySource: 'ANTHROPIC_API_KEY',
    apiProvider: 'bedrock',
  },
  'project settings: apiKeyHelper (applied)': {
    home: SUB,
    project: { '.claude/settings.json': { apiKeyHelper: 'echo not-run' } },
    authMethod: 'api_key_helper',
    apiKeySource: 'apiKeyHelper',
  },
  'project local settings: Vertex switch (applied)': {
    home: SUB,
    project: { '.claude/settings.local.json': { env: { CLAUDE_CODE_USE_VERTEX: '1' } } },
    authMethod: 'third_party',
    apiProvider: 'vertex',
  },
};

let claude = '';
beforeAll(() => {
  claude = installedClaude();
}, 15 * 60_000);

function setUp(c: Case) {
  const fixture = makeFixture({ home: c.home ?? {}, project: c.project ?? {}, claude: null });
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(c.env ?? {}))
    env[name] = value.replace('@HOME@', fixture.home);
  return { fixture, env };
}

describe(`the doctor agrees with claude auth status (Claude Code ${CLI_VERSION})`, () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const c = CASES[name]!;
    const { fixture, env } = setUp(c);
    const doctorEnv = { ...fixture.env, ...env, CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT: fixture.system };
    const doctor = await runCli(['--json', '--offline'], doctorEnv, fixture.project);
    expectNoSecret(doctor.stdout + doctor.stderr);
    const report = JSON.parse(doctor.stdout) as Report;

    const real = authStatus(claude, { HOME: fixture.home, ...env }, fixture.project);
    expect({
      authMethod: real.authMethod,
      apiKeySource: real.apiKeySource,
      apiProvider: real.apiProvider === 'firstParty' ? undefined : real.apiProvider,
    }).toEqual({
      authMethod: c.authMethod,
      apiKeySource: c.apiKeySource,
      apiProvider: c.apiProvider,
    });

    const view = report.auth.authStatus;
    expect(
      methodsFor({
        authMethod: real.authMethod!,
        ...(real.apiKeySource ? { apiKeySource: real.apiKeySource } : {}),
      }),
    ).toContain(view.method);
    if (view.method === 'third-party') {
      const switchName = view.source?.split(/[:#.]/).find((part) => part in PROVIDER_SWITCHES);
      expect(PROVIDER_SWITCHES[switchName ?? '']).toBe(real.apiProvider);
    }
    if (c.projectOnly) expect(report.auth.effective.method).not.toBe(view.method);
    else expect(report.auth.effective).toEqual(view);
  });

  it('passes claude-auth-status when the doctor asks the real claude itself', async () => {
    const { fixture } = setUp(CASES['subscription + ANTHROPIC_API_KEY (shell)']!);
    symlinkSync(claude, path.join(fixture.bin, 'claude'));
    writeFileSync(path.join(fixture.home, '.zshrc'), `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n`);
    const env = {
      ...fixture.env,
      ANTHROPIC_API_KEY: KEYS.apiKey,
      CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT: fixture.system,
    };
    const doctor = await runCli(
      ['--json', '--offline', '--ask-claude', '--timeout', '20000', '--only', 'claude-auth-status'],
      env,
      fixture.project,
      { timeoutMs: 30_000 },
    );
    expectNoSecret(doctor.stdout + doctor.stderr);
    const check = (JSON.parse(doctor.stdout) as Report).checks[0]!;
    expect(check.status).toBe('pass');
    expect(check.summary).toBe('Claude Code agrees: ANTHROPIC_API_KEY.');
    expect(doctor.stdout).not.toContain('example.com');
  });
});

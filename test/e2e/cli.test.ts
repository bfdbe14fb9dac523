import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { credentialsFile, makeFixture, subscriptionHome, SUBSCRIPTION_ACCOUNT, type FixtureSpec } from '../helpers/fixture.js';
import { fakeRegistry } from '../helpers/registry.js';
import { expectNoSecret, KEYS, suffix20 } from '../helpers/secrets.js';

// End-to-end: the built bin, a fixture HOME, a fake `claude` on an otherwise empty PATH, and
// no inherited environment.

const SCENARIOS: Record<string, FixtureSpec> = {
  'clean subscription': { home: subscriptionHome() },
  'env key from .zshrc over a Max plan': {
    home: subscriptionHome({ '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }),
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
  },
  'everything at once': {
    home: {
      '.claude/.credentials.json': credentialsFile(),
      '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, primaryApiKey: KEYS.consoleKey, customApiKeyResponses: { approved: [], rejected: [suffix20(KEYS.apiKey)] } },
      '.claude/settings.json': { apiKeyHelper: `echo ${KEYS.apiKey2}`, env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken } },
      '.bashrc': `export ANTHROPIC_API_KEY="${KEYS.apiKey}"\nexport CLAUDE_CODE_OAUTH_TOKEN=${KEYS.oauthToken}\n`,
    },
    env: { ANTHROPIC_API_KEY: KEYS.apiKey, CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken },
  },
  'console key only': { home: { '.claude.json': { primaryApiKey: KEYS.consoleKey } } },
  'gateway, provider switch, moved config dir, pasted helper key': {
    home: {
      'alt/.credentials.json': credentialsFile(),
      'alt/settings.json': { apiKeyHelper: `echo ${KEYS.apiKey2}`, env: { ANTHROPIC_BASE_URL: `https://ada:${KEYS.consoleKey}@proxy.example.com` } },
      '.config/fish/fish_variables': `SETUVAR --export ANTHROPIC_AUTH_TOKEN:${KEYS.authToken}\n`,
      '.claude/backups/.claude.json.backup.1': `{"primaryApiKey":"${KEYS.consoleKey}"}`,
    },
    project: { '.envrc': 'dotenv\n', '.env': `CLAUDE_CODE_OAUTH_TOKEN=${KEYS.oauthToken}\nCLAUDE_CODE_USE_BEDROCK=1\n` },
    env: { CLAUDE_CONFIG_DIR: '../alt', ANTHROPIC_AUTH_TOKEN: KEYS.authToken, CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken, SHELL: '/usr/bin/fish' },
  },
  'broken files': { home: { '.claude/settings.json': `{ "env": { "ANTHROPIC_API_KEY": "${KEYS.apiKey}", }`, '.claude.json': '[]' } },
};

function parse(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

describe('claude-auth-doctor (built bin)', () => {
  it('prints help with the exit codes', async () => {
    const fixture = makeFixture();
    const result = await runCli(['--help'], fixture.env, fixture.project);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--expect');
    expect(result.stdout).toContain('--ask-claude');
    expect(result.stdout).toContain('2  usage error or internal error');
  });

  it('prints its version', async () => {
    const fixture = makeFixture();
    const result = await runCli(['--version'], fixture.env, fixture.project);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [['--bogus'], 'Unknown argument'],
    [['--only', 'nope'], 'Unknown check id: nope'],
    [['--expect', 'maybe'], 'Invalid values'],
    [['--timeout', '-5'], '--timeout must be a positive number'],
  ])('exits 2 with a message for %j', async (args, message) => {
    const fixture = makeFixture();
    const result = await runCli(args, fixture.env, fixture.project);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('exits 0 for a clean subscription setup and says so in one sentence', async () => {
    const fixture = makeFixture(SCENARIOS['clean subscription']);
    const result = await runCli(['--offline'], fixture.env, fixture.project);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Claude Code will use your claude.ai Max 20x login, billed to your plan.');
    expect(result.stdout).not.toContain('Fix plan');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('explains an env key in one sentence and prints the plan', async () => {
    const fixture = makeFixture(SCENARIOS['env key from .zshrc over a Max plan']);
    const result = await runCli(['--offline'], fixture.env, fixture.project);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Claude Code will use ANTHROPIC_API_KEY from ~/.zshrc:1, billed as API credits, not your Max 20x plan.');
    expect(result.stdout).toMatch(/Fix plan\n {2}1\. Remove the credential[^\n]*\n {7}- ~\/\.zshrc:1: delete or comment out the line that sets ANTHROPIC_API_KEY\n {7}\$ unset ANTHROPIC_API_KEY\n {2}2\. Close every terminal/);
    expect(result.stdout).toContain('$ npx claude-auth-doctor');
  });

  it('prints exactly one JSON document in --json mode', async () => {
    const fixture = makeFixture(SCENARIOS['env key from .zshrc over a Max plan']);
    const result = await runCli(['--json', '--offline'], fixture.env, fixture.project);
    expect(result.code).toBe(1);
    const report = parse(result.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.auth.effective).toEqual({ method: 'api-key', source: 'env:ANTHROPIC_API_KEY', billing: 'api-credits' });
    expect(report.auth.interactive.method).toBe('subscription');
    expect(report.auth.authStatus).toEqual(report.auth.effective);
    expect(report.auth.candidates.map((c) => [c.method, c.active, c.fingerprint])).toEqual([['api-key', true, 'AK01'], ['subscription', false, 'AC01']]);
    expect(report.fixPlan.map((s) => s.id)).toEqual(['remove-env-credential', 'restart-terminal', 'verify']);
    expect(report.checks.find((c) => c.id === 'api-key-env')?.status).toBe('fail');
    expect(report.environment.claude).toEqual({ path: `${fixture.bin}/claude`, version: '2.1.331', installMethod: 'unknown' });
    expect(result.stderr).toBe('');
  });

  it('honours --only and --skip', async () => {
    const fixture = makeFixture(SCENARIOS['clean subscription']);
    const only = parse((await runCli(['--json', '--offline', '--only', 'api-key-env,config-files'], fixture.env, fixture.project)).stdout);
    expect(only.checks.map((c) => c.id)).toEqual(['api-key-env', 'config-files']);
    const skip = parse((await runCli(['--json', '--offline', '--skip', 'stale-version'], fixture.env, fixture.project)).stdout);
    expect(skip.checks.map((c) => c.id)).not.toContain('stale-version');
  });

  it('fails warnings under --strict', async () => {
    const fixture = makeFixture({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } });
    expect((await runCli(['--offline'], fixture.env, fixture.project)).code).toBe(0);
    expect((await runCli(['--offline', '--strict'], fixture.env, fixture.project)).code).toBe(1);
  });

  it('finishes within the timeout when the registry and claude both hang', async () => {
    const registry = await fakeRegistry({ mode: 'hang' });
    const fixture = makeFixture({ ...SCENARIOS['clean subscription'], claude: { script: '/bin/sleep 60' }, env: { npm_config_registry: registry.url } });
    const result = await runCli(['--json', '--timeout', '1000'], fixture.env, fixture.project);
    expect(result.ms).toBeLessThan(1000 + 500 + 400); // timeout + budget + Node start-up
    const report = parse(result.stdout);
    expect(report.checks.find((c) => c.id === 'stale-version')?.summary).toContain('did not answer within 1000 ms');
  });

  it('uses the registry when online and compares versions', async () => {
    const registry = await fakeRegistry({ tags: { latest: '2.2.0' }, engines: { '2.2.0': '>=22' } });
    const fixture = makeFixture({ ...SCENARIOS['clean subscription'], claude: { version: '2.1.197' }, env: { npm_config_registry: registry.url } });
    const report = parse((await runCli(['--json'], fixture.env, fixture.project)).stdout);
    const check = report.checks.find((c) => c.id === 'stale-version');
    expect(check?.status).toBe('warn');
    expect(report.fixPlan.map((s) => s.id)).toEqual(['update', 'verify']);
  });

  describe('never prints a planted secret', () => {
    const modes = [['--offline'], ['--offline', '--verbose'], ['--json', '--offline'], ['--offline', '--expect', 'api'], ['--offline', '--only', 'nope']];
    it.each(Object.keys(SCENARIOS))('%s', async (name) => {
      const fixture = makeFixture(SCENARIOS[name]);
      for (const args of modes) {
        const result = await runCli(args, fixture.env, fixture.project);
        expectNoSecret(result.stdout);
        expectNoSecret(result.stderr);
        expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      }
    });
  });
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import type { Report } from '../../src/types.js';
import { BIN, runCli } from '../helpers/cli.js';
import {
  credentialsFile,
  makeFixture,
  PAST,
  subscriptionHome,
  SUBSCRIPTION_ACCOUNT,
  writeFakeClaude,
  writeFiles,
  type FixtureSpec,
} from '../helpers/fixture.js';
import { fakeRegistry } from '../helpers/registry.js';
import { expectSchemaValid } from '../helpers/schema.js';
import { ENV_KEY_OVER_MAX, EVERYTHING_AT_ONCE } from '../helpers/scenarios.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// End-to-end: the built bin, a fixture HOME, a fake `claude` on an otherwise empty PATH, and
// no inherited environment.

const SCENARIOS: Record<string, FixtureSpec> = {
  'clean subscription': { home: subscriptionHome() },
  'env key from .zshrc over a Max plan': ENV_KEY_OVER_MAX,
  'everything at once': EVERYTHING_AT_ONCE,
  'console key only': { home: { '.claude.json': { primaryApiKey: KEYS.consoleKey } } },
  'gateway, provider switch, moved config dir, pasted helper key': {
    home: {
      'alt/.credentials.json': credentialsFile(),
      'alt/settings.json': {
        apiKeyHelper: `echo ${KEYS.apiKey2}`,
        env: { ANTHROPIC_BASE_URL: `https://ada:${KEYS.consoleKey}@proxy.example.com` },
      },
      '.config/fish/fish_variables': `SETUVAR --export ANTHROPIC_AUTH_TOKEN:${KEYS.authToken}\n`,
      '.claude/backups/.claude.json.backup.1': `{"primaryApiKey":"${KEYS.consoleKey}"}`,
    },
    project: {
      '.envrc': 'dotenv\n',
      '.env': `CLAUDE_CODE_OAUTH_TOKEN=${KEYS.oauthToken}\nCLAUDE_CODE_USE_BEDROCK=1\n`,
    },
    env: {
      CLAUDE_CONFIG_DIR: '../alt',
      ANTHROPIC_AUTH_TOKEN: KEYS.authToken,
      CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken,
      SHELL: '/usr/bin/fish',
    },
  },
  'broken files': {
    home: {
      '.claude/settings.json': `{ "env": { "ANTHROPIC_API_KEY": "${KEYS.apiKey}", }`,
      '.claude.json': '[]',
    },
  },
  'login without user:inference beside a Console key, key in project settings, no claude': {
    home: {
      '.claude/.credentials.json': credentialsFile({
        scopes: [],
        refreshToken: undefined,
        expiresAt: PAST,
      }),
      '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, primaryApiKey: KEYS.consoleKey },
    },
    project: { '.claude/settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey2 } } },
    env: {
      TERM_PROGRAM: 'vscode',
      SSH_CONNECTION: '203.0.113.7 52144 198.51.100.2 22',
      CI: 'true',
    },
    claude: null,
  },
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
    expect(result.stdout).toBe(
      `${(JSON.parse(readFileSync(path.join(path.dirname(BIN), '..', 'package.json'), 'utf8')) as { version: string }).version}\n`,
    );
    // The bare --version skips yargs; with another flag yargs answers, and must say the same.
    const viaYargs = await runCli(['--version', '--no-color'], fixture.env, fixture.project);
    expect(viaYargs).toMatchObject({ code: 0, stdout: result.stdout, stderr: '' });
  });

  it.each([
    [['--bogus'], 'Unknown option: --bogus'],
    [['--verbos'], 'Unknown option: --verbos. Did you mean --verbose?'],
    [['reprot'], 'Unknown command: reprot. Did you mean `claude-auth-doctor report`?'],
    [['report', '--strict'], 'Unknown option: --strict. It belongs to the plain run.'],
    [['--only', 'nope'], 'Unknown check id: nope'],
    [['--only', 'api-key-evn'], 'Unknown check id: api-key-evn. Did you mean `api-key-env`?'],
    [['--expect', 'maybe'], 'Invalid values'],
    [['--timeout', '-5'], '--timeout must be a positive number'],
    // Node fires a longer timer at once: every check would be an `error` right away.
    [['--timeout', '2147483648'], '--timeout must be at most 2147483647 ms'],
    [['report', '--timeout', '1e10'], '--timeout must be at most 2147483647 ms'],
    [['--cwd', 'no/such/dir'], '--cwd no/such/dir: there is no such directory'],
    [['report', '--cwd', '/etc/hostname'], '--cwd /etc/hostname: there is no such directory'],
  ])('exits 2 with a message for %j', async (args, message) => {
    const fixture = makeFixture();
    const result = await runCli(args, fixture.env, fixture.project);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('started in a deleted directory, says so in one line', async () => {
    const fixture = makeFixture();
    const gone = path.join(fixture.root, 'gone');
    mkdirSync(gone);
    // The shell's directory is removed under it; Node's process.cwd() then throws.
    const result = await runCli([], fixture.env, fixture.root, {
      argv: [
        '/bin/sh',
        '-c',
        // The fixture's PATH has no rmdir: the shell's own directory is removed by absolute path.
        `cd "${gone}" && ${existsSync('/bin/rmdir') ? '/bin/rmdir' : '/usr/bin/rmdir'} "${gone}" && exec "$0" "$1"`,
        process.execPath,
        BIN,
      ],
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'claude-auth-doctor: the current directory no longer exists (it was deleted or moved); change to an existing directory and run it again.\n',
    );
    expect(result.stdout).toBe('');
  });

  it('exits 0 for a clean subscription setup and says so in one sentence', async () => {
    const fixture = makeFixture(SCENARIOS['clean subscription']);
    const result = await runCli(['--offline'], fixture.env, fixture.project);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Claude Code will use your claude.ai Max 20x login, billed to your plan.',
    );
    expect(result.stdout).not.toContain('Fix plan');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('leads with the verdict, then the problems, the plan and one line for the rest', async () => {
    const fixture = makeFixture(SCENARIOS['env key from .zshrc over a Max plan']);
    const result = await runCli(['--offline'], fixture.env, fixture.project);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      'Scripts, `claude -p` and the SDK will use ANTHROPIC_API_KEY from ~/.zshrc:1, billed as API credits, not your Max 20x plan.',
    );
    // Only the problems are listed; passes and skips are one count at the end.
    expect(result.stdout).toMatch(/^✖ ANTHROPIC_API_KEY {2}/m);
    expect(result.stdout).not.toContain('Subscription login');
    expect(result.stdout).toMatch(
      /Fix plan\n {2}`claude-auth-doctor fix` does step 1 for you, asking first\. By hand:\n {2}1\. Remove the credential[^\n]*\n {5}- ~\/\.zshrc:1: delete or comment out the line that sets ANTHROPIC_API_KEY\n {5}- This terminal keeps it until you close it; to drop it here: `unset ANTHROPIC_API_KEY`\n {2}2\. Close every terminal/,
    );
    // Started as a plain command, the hint is the plain command.
    expect(result.stdout).toMatch(/\$ claude-auth-doctor\n/);
    expect(lines.at(-2)).toMatch(
      /^\d+ other checks passed, \d+ skipped \(--verbose lists them\)\.$/,
    );
  });

  it('prints every check with --verbose, in the same row format', async () => {
    const fixture = makeFixture(SCENARIOS['env key from .zshrc over a Max plan']);
    const result = await runCli(['--offline', '--verbose'], fixture.env, fixture.project);
    expect(result.stdout).toMatch(/^✔ Subscription login {2}A usable subscription login/m);
    expect(result.stdout).toMatch(/^! Competing credentials {2}/m);
    expect(result.stdout).toMatch(/^- Team policy {2}/m);
    expect(result.stdout).toMatch(/\d+ passed, 2 warnings, 1 failed, \d+ skipped\n$/);
  });

  it('names the run-again command the way the doctor was started', async () => {
    const fixture = makeFixture(SCENARIOS['env key from .zshrc over a Max plan']);
    const hint = async (env: Record<string, string>) => {
      const result = await runCli(['--offline'], { ...fixture.env, ...env }, fixture.project);
      return /\n {5}\$ (.+)\n\n/.exec(result.stdout.split('Run the doctor again')[1]!)?.[1];
    };
    expect(await hint({})).toBe('claude-auth-doctor');
    expect(await hint({ npm_command: 'exec', npm_lifecycle_event: 'npx' })).toBe(
      'npx claude-auth-doctor',
    );
    expect(await hint({ npm_command: 'run-script', npm_lifecycle_event: 'doctor' })).toBe(
      'npm run doctor',
    );
  });

  it('--quiet prints nothing and exits with the result; --strict says warnings failed the run', async () => {
    const failing = makeFixture(SCENARIOS['env key from .zshrc over a Max plan']);
    const quiet = await runCli(['--offline', '--quiet'], failing.env, failing.project);
    expect(quiet).toMatchObject({ code: 1, stdout: '', stderr: '' });
    const warned = makeFixture({
      home: subscriptionHome({
        '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, primaryApiKey: KEYS.consoleKey },
      }),
    });
    const plain = await runCli(['--offline'], warned.env, warned.project);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain('--strict');
    const strict = await runCli(['--offline', '--strict'], warned.env, warned.project);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/--strict: the warnings? failed the run \(exit 1\)\.\n$/);
    const strictQuiet = await runCli(
      ['--offline', '--strict', '--quiet'],
      warned.env,
      warned.project,
    );
    expect(strictQuiet).toMatchObject({ code: 1, stdout: '' });
  });

  it('prints exactly one JSON document in --json mode', async () => {
    const fixture = makeFixture(SCENARIOS['env key from .zshrc over a Max plan']);
    const result = await runCli(['--json', '--offline'], fixture.env, fixture.project);
    expect(result.code).toBe(1);
    const report = parse(result.stdout);
    expect(report.schemaVersion).toBe(3);
    // Every check result names one of the outcomes its check declares.
    for (const check of report.checks)
      expect(Object.keys(checks.find((c) => c.id === check.id)!.outcomes!)).toContain(
        check.outcome,
      );
    expect(report.checks.find((c) => c.id === 'api-key-env')?.outcome).toBe('overrides-unanswered');
    expect(report.auth.effective).toEqual({
      method: 'api-key',
      source: 'env:ANTHROPIC_API_KEY',
      billing: 'api-credits',
    });
    expect(report.auth.interactive.method).toBe('subscription');
    expect(report.auth.authStatus).toEqual(report.auth.effective);
    expect(report.auth.candidates.map((c) => [c.method, c.active, c.fingerprint])).toEqual([
      ['api-key', true, 'AK01'],
      ['subscription', false, 'AC01'],
    ]);
    expect(report.fixPlan.map((s) => s.id)).toEqual([
      'remove-env-credential',
      'restart-terminal',
      'verify',
    ]);
    expect(report.checks.find((c) => c.id === 'api-key-env')?.status).toBe('fail');
    expect(report.environment.claude).toEqual({
      path: `${fixture.bin}/claude`,
      version: '2.1.331',
      installMethod: 'unknown',
    });
    expect(result.stderr).toBe('');
  });

  it('honours --only and --skip', async () => {
    const fixture = makeFixture(SCENARIOS['clean subscription']);
    const only = parse(
      (
        await runCli(
          ['--json', '--offline', '--only', 'api-key-env,config-files'],
          fixture.env,
          fixture.project,
        )
      ).stdout,
    );
    expect(only.checks.map((c) => c.id)).toEqual(['api-key-env', 'config-files']);
    const skip = parse(
      (
        await runCli(
          ['--json', '--offline', '--skip', 'stale-version'],
          fixture.env,
          fixture.project,
        )
      ).stdout,
    );
    expect(skip.checks.map((c) => c.id)).not.toContain('stale-version');
  });

  it('reads system files (managed settings) under CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      system: {
        'etc/claude-code/managed-settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      },
    });
    const run = async (env: Record<string, string>) => {
      const result = await runCli(['--json', '--offline'], env, fixture.project);
      expectNoSecret(result.stdout);
      return parse(result.stdout).auth.candidates.map((c) => c.source);
    };
    const managed = /\/etc\/claude-code\/managed-settings\.json#env\.ANTHROPIC_API_KEY$/;
    expect((await run(fixture.env)).filter((source) => managed.test(source))).toHaveLength(1);
  });

  it('gives the same config-files answer alone as in a full run (no hidden ordering)', async () => {
    // Not JSON (a trailing comma before the last brace): the file's own problem.
    const settings = `{ "env": { "ANTHROPIC_API_KEY": "${KEYS.apiKey}", }`;
    const fixture = makeFixture({
      home: {
        '.claude/settings.json': settings,
        // JSON with keys of the wrong type: problems only the sources reading those keys see.
        '.claude.json': {
          primaryApiKey: KEYS.consoleKey,
          oauthAccount: 'ada@example.com',
          customApiKeyResponses: { approved: 'all' },
          env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken, RETRIES: null },
        },
        '.claude/.credentials.json': credentialsFile({ expiresAt: 'tomorrow' }),
      },
      project: { '.claude/settings.local.json': { apiKeyHelper: 42 } },
    });
    const configFiles = async (args: string[]) => {
      const result = await runCli(['--json', '--offline', ...args], fixture.env, fixture.project);
      expectNoSecret(result.stdout);
      const { durationMs, ...check } = parse(result.stdout).checks.find(
        (c) => c.id === 'config-files',
      )!;
      expect(durationMs).toBeGreaterThanOrEqual(0);
      return check;
    };
    const alone = await configFiles(['--only', 'config-files']);
    expect(alone.outcome).toBe('broken');
    expect(alone.evidence.map((e) => `${e.source} ${e.detail}`)).toEqual([
      `file:~/.claude/settings.json is not valid JSON (syntax error at line 1, column ${settings.length})`,
      'file:~/project/.claude/settings.local.json apiKeyHelper should be a string, found a number',
      'file:~/.claude.json env.RETRIES should be a string, found null',
      'file:~/.claude.json oauthAccount should be an object, found a string',
      'file:~/.claude.json customApiKeyResponses.approved should be an array of strings, found a string',
      'file:~/.claude/.credentials.json claudeAiOauth.expiresAt should be a number (epoch milliseconds), found a string',
    ]);
    expect(await configFiles([])).toEqual(alone);
    expect(await configFiles(['--only', 'api-key-env,config-files,mixed-credentials'])).toEqual(
      alone,
    );
  });

  it('fails warnings under --strict', async () => {
    const fixture = makeFixture({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } });
    expect((await runCli(['--offline'], fixture.env, fixture.project)).code).toBe(0);
    expect((await runCli(['--offline', '--strict'], fixture.env, fixture.project)).code).toBe(1);
  });

  it('finishes within the timeout when the registry and claude both hang', async () => {
    const registry = await fakeRegistry({ mode: 'hang' });
    const fixture = makeFixture({
      ...SCENARIOS['clean subscription'],
      claude: { script: '/bin/sleep 60' },
      env: { npm_config_registry: registry.url },
    });
    const result = await runCli(['--json', '--timeout', '1000'], fixture.env, fixture.project);
    expect(result.ms).toBeLessThan(1000 + 500 + 400); // timeout + budget + Node start-up
    const report = parse(result.stdout);
    expect(report.checks.find((c) => c.id === 'stale-version')?.summary).toContain(
      'did not answer within 1000 ms',
    );
  });

  it('uses the registry when online and compares versions', async () => {
    const registry = await fakeRegistry({
      tags: { latest: '2.2.0' },
      engines: { '2.2.0': '>=22' },
    });
    const fixture = makeFixture({
      ...SCENARIOS['clean subscription'],
      claude: { version: '2.1.197' },
      env: { npm_config_registry: registry.url },
    });
    // The network check's hosts are a closed port while the registry answers: that is its own
    // finding (hosts blocked), not this test's.
    const report = parse(
      (await runCli(['--json', '--skip', 'network'], fixture.env, fixture.project)).stdout,
    );
    const check = report.checks.find((c) => c.id === 'stale-version');
    expect(check?.status).toBe('warn');
    expect(report.fixPlan.map((s) => s.id)).toEqual(['update', 'verify']);
  });

  describe('never prints a planted secret', () => {
    const modes = [
      ['--offline'],
      ['--offline', '--verbose'],
      ['--json', '--offline'],
      ['--offline', '--expect', 'api'],
      ['--offline', '--only', 'nope'],
    ];
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

describe('report, view and the JSON contract (built bin)', () => {
  // Every scenario: the JSON validates against schema/report.schema.json, no report (either
  // format, anonymized or not) holds a planted secret, and `view` of a saved report prints
  // exactly what the doctor printed.
  it.each(Object.keys(SCENARIOS))('%s', async (name) => {
    const fixture = makeFixture(SCENARIOS[name]);
    const run = (args: string[]) => runCli(args, fixture.env, fixture.project);
    const saved = path.join(fixture.root, 'report.json');
    const [json, doctor, savedRun, anonymized, markdown, markdownAnonymized] = await Promise.all([
      run(['--json', '--offline']),
      run(['--offline']),
      run(['report', '--offline', '--format', 'json', '--output', saved]),
      run(['report', '--offline', '--format', 'json', '--anonymize']),
      run(['report', '--offline']),
      run(['report', '--offline', '--anonymize']),
    ]);
    const view = await run(['view', saved]);
    expect(savedRun.code).toBe(0);
    const savedText = readFileSync(saved, 'utf8');
    for (const document of [json.stdout, savedText, anonymized.stdout]) expectSchemaValid(document);
    expect((JSON.parse(anonymized.stdout) as Report).anonymized).toBe(true);
    for (const result of [json, doctor, savedRun, anonymized, markdown, markdownAnonymized, view]) {
      expectNoSecret(result.stdout);
      expectNoSecret(result.stderr);
    }
    expectNoSecret(savedText);
    expect(markdown.stdout).toContain('<details>');
    expect(view.code).toBe(0);
    // When, with what and where the report was made, then what the user saw.
    const report = JSON.parse(savedText) as Report;
    const [header, blank, ...rest] = view.stdout.split('\n');
    expect(header).toMatch(
      new RegExp(
        `^Report made \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC by claude-auth-doctor ${report.tool.version} on .+ \\(linux x64\\), (Claude Code 2\\.1\\.331|no Claude Code on PATH)\\.$`,
      ),
    );
    expect(blank).toBe('');
    expect(rest.join('\n')).toBe(doctor.stdout);
  });

  it('writes --output, refuses to overwrite it without --force (exit 2), and overwrites with it', async () => {
    const fixture = makeFixture(SCENARIOS['clean subscription']);
    const file = path.join(fixture.root, 'report.md');
    const first = await runCli(
      ['report', '--offline', '--output', file],
      fixture.env,
      fixture.project,
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain(`Wrote ${file} (Markdown)`);
    expect(readFileSync(file, 'utf8')).toMatch(/^### Claude Code sign-in report\n/);
    writeFileSync(file, 'keep me');
    const refused = await runCli(
      ['report', '--offline', '--output', file],
      fixture.env,
      fixture.project,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists; choose another file or add --force');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    const forced = await runCli(
      ['report', '--offline', '--format', 'json', '--output', file, '--force'],
      fixture.env,
      fixture.project,
    );
    expect(forced.code).toBe(0);
    expectSchemaValid(readFileSync(file, 'utf8'));
    const missingDir = await runCli(
      ['report', '--offline', '--output', path.join(fixture.root, 'nope', 'r.md')],
      fixture.env,
      fixture.project,
    );
    expect(missingDir.code).toBe(2);
    expect(missingDir.stderr).toContain('no such file or directory');
  });

  it('--anonymize leaves none of the user name, home, email or organisation', async () => {
    const user = 'zebulonquirk';
    const fixture = makeFixture({ claude: null });
    const home = path.join(fixture.root, 'Users', user);
    writeFiles(home, subscriptionHome({ '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }));
    // A claude outside the home carries the user name; run from the home itself, with HOME
    // spelled with a trailing slash, the report shows the home's absolute path.
    const bin = path.join(fixture.root, 'opt', user, 'bin');
    writeFakeClaude(bin, {});
    const env = { HOME: `${home}/`, PATH: bin, USER: user, ANTHROPIC_API_KEY: KEYS.apiKey };
    const planted = [
      user,
      home,
      SUBSCRIPTION_ACCOUNT.emailAddress,
      SUBSCRIPTION_ACCOUNT.organizationName,
    ];
    const plain = await runCli(['report', '--offline'], env, home);
    expect(planted.filter((value) => plain.stdout.includes(value))).toEqual(planted); // the test plants what it looks for
    for (const format of ['markdown', 'json']) {
      const result = await runCli(
        ['report', '--offline', '--anonymize', '--format', format],
        env,
        home,
      );
      expect(result.code).toBe(0);
      expect(
        planted.filter((value) => result.stdout.toLowerCase().includes(value.toLowerCase())),
      ).toEqual([]);
      expectNoSecret(result.stdout);
      expect(result.stdout).toContain('/opt/<user>/bin/claude');
    }
  });

  it.each([
    ['not JSON', 'hello', 'is not JSON'],
    ['another JSON document', '{"name":"something-else"}', 'is not a claude-auth-doctor report'],
    [
      'a newer schemaVersion',
      '{"schemaVersion":4,"tool":{"name":"claude-auth-doctor","version":"9.0.0"}}',
      'is a schemaVersion 4 report, newer than this claude-auth-doctor',
    ],
  ])('view rejects %s with exit 2', async (_, content, message) => {
    const fixture = makeFixture();
    const file = path.join(fixture.root, 'x.json');
    writeFileSync(file, content);
    const result = await runCli(['view', file], fixture.env, fixture.project);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('view of a missing file exits 2', async () => {
    const fixture = makeFixture();
    const result = await runCli(['view', 'missing.json'], fixture.env, fixture.project);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot read missing.json: no such file or directory');
  });

  it('list prints every check, one line each, and --json', async () => {
    const fixture = makeFixture();
    const [text, json] = await Promise.all([
      runCli(['list'], fixture.env, fixture.project),
      runCli(['list', '--json'], fixture.env, fixture.project),
    ]);
    const list = JSON.parse(json.stdout) as { id: string; optIn?: string }[];
    const ids = list.map((c) => c.id);
    expect(ids).toContain('api-key-env');
    const [rows, footer] = text.stdout.trimEnd().split('\n\n');
    expect(rows!.split('\n').map((line) => line.split(' ')[0])).toEqual(ids);
    // Opt-in checks are marked, with how to turn them on.
    expect(list.filter((c) => c.optIn).map((c) => c.id)).toEqual(
      ['claude-auth-status', 'policy', 'verify-credential']
        .filter((id) => ids.includes(id))
        .sort((a, b) => ids.indexOf(a) - ids.indexOf(b)),
    );
    expect(text.stdout).toMatch(/^verify-credential +\(opt-in\) .*Turn it on with --verify/m);
    expect(text.stdout).toMatch(/^api-key-env +ANTHROPIC_API_KEY:/m);
    expect(footer).toContain('3 run only when turned on (opt-in)');
  });

  it("explain prints a check's outcomes and doc link; unknown ids exit 2", async () => {
    const fixture = makeFixture();
    const known = await runCli(['explain', 'api-key-env'], fixture.env, fixture.project);
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(
      /Why it matters[\s\S]*Outcomes[\s\S]*fail {2}overrides-unanswered: ANTHROPIC_API_KEY \(ending in <fingerprint>\)[\s\S]*Docs: https:\/\/code\.claude\.com\/docs\//,
    );
    const unknown = await runCli(['explain', 'nope'], fixture.env, fixture.project);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown check id: nope');
  });

  it('explain --error matches a pasted message to its checks without echoing it', async () => {
    const fixture = makeFixture();
    const pasted = `API Error · invalid api key — FIX EXTERNAL API KEY (${KEYS.apiKey})`;
    const result = await runCli(['explain', '--error', pasted], fixture.env, fixture.project);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"Invalid API key · Fix external API key"');
    expect(result.stdout).toContain('Run: claude-auth-doctor --only api-key-env');
    expectNoSecret(result.stdout);
    const none = await runCli(
      ['explain', '--error', 'something else'],
      fixture.env,
      fixture.project,
    );
    expect(none.code).toBe(1);
    // What to run instead, not only an exit code.
    expect(none.stdout).toContain('claude-auth-doctor --verify');
    expect(none.stdout).toContain('report --anonymize');
  });

  // anthropics/claude-code#19028: the raw 400 a disabled organisation gives, pasted as is.
  it('explain --error reads a pasted raw API error and names the credential checks first', async () => {
    const fixture = makeFixture();
    const pasted =
      'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This organization has been disabled."},"request_id":"req_011CXF1SZ3S3oXChsdxhoUwV"}';
    const result = await runCli(['explain', '--error', pasted], fixture.env, fixture.project);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Checks that explain it: api-key-env');
    expect(result.stdout).toContain('[remove-env-credential]');
    expect(result.stdout).not.toContain('req_011CXF1SZ3S3oXChsdxhoUwV');
  });
});

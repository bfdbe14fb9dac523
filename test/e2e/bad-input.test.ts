import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report, Status } from '../../src/types.js';
import { portableBin, runCli } from '../helpers/cli.js';
import {
  credentialsFile,
  makeFixture,
  subscriptionHome,
  type Fixture,
  type FixtureSpec,
} from '../helpers/fixture.js';
import { fakeRegistry, type RegistryMode } from '../helpers/registry.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// The doctor runs on broken machines by definition: every case ends with a finding that names
// the file or command, the right exit code, valid JSON, no stack trace and no hang.

interface BadCase {
  name: string;
  spec?: FixtureSpec;
  setup?: (fixture: Fixture) => void | Promise<void>;
  env?: (fixture: Fixture) => Record<string, string>;
  args?: string[];
  check: string;
  status: Status;
  /** Text the check's summary or evidence must contain. */
  says: string;
  code?: number;
  asNobody?: boolean;
}

const settings = '.claude/settings.json';
const badSettings = (text: string): FixtureSpec => ({
  home: subscriptionHome({ [settings]: text }),
});
const badCredentials = (oauth: object): FixtureSpec => ({
  home: subscriptionHome({
    '.claude/.credentials.json': {
      claudeAiOauth: {
        ...(credentialsFile() as { claudeAiOauth: object }).claudeAiOauth,
        ...oauth,
      },
    },
  }),
});
const withClaude = (script: string): FixtureSpec => ({
  home: subscriptionHome(),
  claude: { script },
});
const registry =
  (mode: RegistryMode, tags?: Record<string, string>) => async (fixture: Fixture) => {
    const server = await fakeRegistry({ mode, ...(tags ? { tags } : {}) });
    writeFileSync(path.join(fixture.home, '.npmrc'), `registry=${server.url}\n`);
  };

const CASES: BadCase[] = [
  // Claude Code's own files.
  {
    name: 'empty settings',
    spec: badSettings(''),
    check: 'config-files',
    status: 'fail',
    says: '~/.claude/settings.json is empty',
    code: 1,
  },
  {
    name: 'truncated settings',
    spec: badSettings('{"env": {"ANTHROPIC_API_KEY": "sk'),
    check: 'config-files',
    status: 'fail',
    says: 'is not valid JSON',
    code: 1,
  },
  {
    name: 'invalid JSON',
    spec: badSettings('{ env: 1 }'),
    check: 'config-files',
    status: 'fail',
    says: 'syntax error at line 1',
    code: 1,
  },
  {
    name: 'a JSON array',
    spec: badSettings('[]'),
    check: 'config-files',
    status: 'fail',
    says: 'holds an array, not a JSON object',
    code: 1,
  },
  {
    name: 'a JSON string',
    spec: badSettings('"settings"'),
    check: 'config-files',
    status: 'fail',
    says: 'holds a string',
    code: 1,
  },
  {
    name: 'scopes a string',
    spec: badCredentials({ scopes: 'user:inference' }),
    check: 'config-files',
    status: 'warn',
    says: 'claudeAiOauth.scopes should be an array of strings',
    code: 1,
  },
  {
    // Beyond what a Date holds: `new Date(1e300).toISOString()` throws.
    name: 'expiresAt out of range',
    spec: badCredentials({ expiresAt: 1e300 }),
    check: 'config-files',
    status: 'warn',
    says: 'claudeAiOauth.expiresAt is out of range',
    code: 0,
  },
  {
    name: 'expiresAt a string',
    spec: badCredentials({ expiresAt: 'soon' }),
    check: 'config-files',
    status: 'warn',
    says: 'claudeAiOauth.expiresAt should be a number',
  },
  {
    name: 'env an array',
    spec: badSettings('{"env": ["ANTHROPIC_API_KEY"]}'),
    check: 'config-files',
    status: 'warn',
    says: 'env should be an object of strings, found an array',
  },
  {
    name: 'customApiKeyResponses null',
    spec: { home: subscriptionHome({ '.claude.json': { customApiKeyResponses: null } }) },
    check: 'config-files',
    status: 'warn',
    says: 'customApiKeyResponses should be an object, found null',
  },
  {
    name: 'a UTF-8 byte order mark',
    spec: badSettings('\uFEFF{"env": {}}'),
    check: 'config-files',
    status: 'pass',
    says: 'none malformed',
    code: 0,
  },
  {
    name: 'UTF-16',
    setup: (f) =>
      writeFileSync(
        path.join(f.home, settings),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"env":{}}', 'utf16le')]),
      ),
    spec: { home: subscriptionHome() },
    check: 'config-files',
    status: 'fail',
    says: 'is UTF-16 encoded',
    code: 1,
  },
  {
    name: 'NUL bytes',
    spec: badSettings('{"env":\u0000{}}'),
    check: 'config-files',
    status: 'fail',
    says: 'contains NUL bytes',
  },
  {
    name: 'a 100 MB .claude.json',
    spec: { home: { '.claude/.credentials.json': credentialsFile() } },
    setup: (f) =>
      writeFileSync(
        path.join(f.home, '.claude.json'),
        `{\n  "projects": {\n    "/p": "${'x'.repeat(100 * 1024 * 1024)}"\n  },\n  "oauthAccount": {\n    "billingType": "stripe_subscription"\n  }\n}\n`,
      ),
    check: 'subscription-login',
    status: 'pass',
    says: 'Max 20x',
    code: 0,
  },
  {
    name: 'a 20 MB settings file',
    spec: { home: subscriptionHome() },
    setup: (f) =>
      writeFileSync(path.join(f.home, settings), `{"a":"${'x'.repeat(20 * 1024 * 1024)}"}`),
    check: 'config-files',
    status: 'fail',
    says: 'is 20 MB, more than the 16 MB the doctor reads',
  },
  {
    name: 'a directory where a file should be',
    spec: { home: subscriptionHome() },
    setup: (f) => mkdirSync(path.join(f.home, settings), { recursive: true }),
    check: 'config-files',
    status: 'fail',
    says: 'is a directory, not a file',
  },
  {
    name: 'a dangling symlink',
    spec: { home: subscriptionHome() },
    setup: (f) => symlinkSync(path.join(f.home, 'gone.json'), path.join(f.home, settings)),
    check: 'config-files',
    status: 'fail',
    says: 'is a symbolic link to a file that does not exist',
  },
  {
    name: 'a symlink loop',
    spec: { home: subscriptionHome() },
    setup: (f) => {
      symlinkSync(path.join(f.home, 'b.json'), path.join(f.home, 'a.json'));
      symlinkSync(path.join(f.home, 'a.json'), path.join(f.home, 'b.json'));
      symlinkSync(path.join(f.home, 'a.json'), path.join(f.home, settings));
    },
    check: 'config-files',
    status: 'fail',
    says: 'symbolic link loop',
  },
  {
    name: 'a named pipe that would block a read',
    spec: { home: subscriptionHome() },
    setup: (f) => {
      spawnSync('mkfifo', [path.join(f.home, settings)]);
    },
    check: 'config-files',
    status: 'fail',
    says: 'is not a regular file',
  },
  {
    name: 'no read permission',
    asNobody: true,
    spec: { home: subscriptionHome({ [settings]: '{}' }) },
    setup: (f) => chmodSync(path.join(f.home, settings), 0o000),
    check: 'config-files',
    status: 'fail',
    says: '~/.claude/settings.json permission denied',
  },
  // Shell startup files.
  {
    name: 'CRLF line endings',
    spec: {
      home: subscriptionHome({ '.bashrc': `# x\r\nexport ANTHROPIC_API_KEY=${KEYS.apiKey}\r\n` }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    },
    check: 'api-key-env',
    status: 'fail',
    says: 'file:~/.bashrc:2',
  },
  {
    name: 'invalid UTF-8',
    setup: (f) =>
      writeFileSync(
        path.join(f.home, '.zshrc'),
        Buffer.concat([
          Buffer.from([0xc3, 0x28, 0xff, 0x0a]),
          Buffer.from(`export ANTHROPIC_API_KEY=${KEYS.apiKey}\n`),
        ]),
      ),
    spec: { home: subscriptionHome(), env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
    check: 'api-key-env',
    status: 'fail',
    says: 'file:~/.zshrc:2',
  },
  {
    name: 'a 2 MB line',
    spec: {
      home: subscriptionHome({
        '.profile': `export X="${'y'.repeat(2 * 1024 * 1024)}"\nexport ANTHROPIC_API_KEY=${KEYS.apiKey}\n`,
      }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    },
    check: 'api-key-env',
    status: 'fail',
    says: 'file:~/.profile:2',
  },
  {
    name: 'heredocs and strings that mention the variable',
    spec: {
      home: subscriptionHome({
        '.bashrc': `cat <<EOF\nexport ANTHROPIC_API_KEY=${KEYS.apiKey}\nEOF\necho "export ANTHROPIC_API_KEY=${KEYS.apiKey}"\n`,
      }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    },
    check: 'api-key-env',
    status: 'fail',
    says: 'no startup file the doctor read',
  },
  {
    name: 'a sourced file',
    spec: {
      home: subscriptionHome({
        '.bashrc': '. ~/.secrets\n',
        '.secrets': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n`,
      }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    },
    check: 'api-key-env',
    status: 'fail',
    says: 'sourced from ~/.bashrc:1',
  },
  {
    name: 'a source loop',
    spec: {
      home: subscriptionHome({
        '.bashrc': '. ~/.a\n',
        '.a': '. ~/.b\n',
        '.b': `. ~/.a\nexport ANTHROPIC_API_KEY=${KEYS.apiKey}\n`,
      }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    },
    check: 'api-key-env',
    status: 'fail',
    says: 'file:~/.b:2',
  },
  // Environment.
  {
    name: 'HOME pointing nowhere',
    env: (f) => ({ ...f.env, HOME: path.join(f.root, 'missing') }),
    check: 'subscription-login',
    status: 'fail',
    says: 'No subscription login is stored',
    code: 1,
  },
  {
    name: 'an empty PATH',
    env: (f) => ({ ...f.env, PATH: '' }),
    spec: { home: subscriptionHome() },
    check: 'stale-version',
    status: 'fail',
    says: 'no `claude` is on PATH',
  },
  {
    name: 'a relative CLAUDE_CONFIG_DIR',
    spec: { project: { 'conf/.credentials.json': credentialsFile() } },
    env: (f) => ({ ...f.env, CLAUDE_CONFIG_DIR: 'conf' }),
    check: 'subscription-login',
    status: 'pass',
    says: 'Max 20x',
    code: 0,
  },
  {
    name: 'a CLAUDE_CONFIG_DIR that does not exist',
    spec: { home: subscriptionHome() },
    env: (f) => ({ ...f.env, CLAUDE_CONFIG_DIR: path.join(f.root, 'nope') }),
    check: 'subscription-login',
    status: 'fail',
    says: 'No subscription login',
  },
  {
    name: 'an empty ANTHROPIC_API_KEY',
    spec: { home: subscriptionHome(), env: { ANTHROPIC_API_KEY: '' } },
    check: 'api-key-env',
    status: 'pass',
    says: 'not set',
    code: 0,
  },
  {
    name: 'a white-space ANTHROPIC_API_KEY',
    spec: { home: subscriptionHome(), env: { ANTHROPIC_API_KEY: '   ' } },
    check: 'api-key-env',
    status: 'warn',
    says: 'white space only',
  },
  // The claude executable.
  {
    name: 'claude not executable',
    spec: { home: subscriptionHome() },
    setup: (f) => chmodSync(path.join(f.bin, 'claude'), 0o644),
    check: 'stale-version',
    status: 'fail',
    says: 'no `claude` is on PATH',
  },
  {
    name: 'claude exits non-zero',
    spec: withClaude('exit 7'),
    check: 'stale-version',
    status: 'warn',
    says: 'claude --version` exited with code 7',
  },
  {
    name: 'claude prints garbage',
    spec: withClaude('printf "\\001\\002 garbage \\377"'),
    check: 'stale-version',
    status: 'warn',
    says: 'printed no version',
  },
  {
    name: 'claude prints nothing',
    spec: withClaude('true'),
    check: 'stale-version',
    status: 'warn',
    says: 'printed no version',
  },
  {
    name: 'claude prints a version with extra text',
    spec: withClaude('echo "Update available!"; echo "claude v2.1.331 (Claude Code) [native]"'),
    check: 'stale-version',
    status: 'skip',
    says: 'Installed 2.1.331',
  },
  {
    name: 'claude hangs forever',
    spec: withClaude('exec /bin/sleep 120'),
    args: ['--timeout', '800'],
    check: 'stale-version',
    status: 'warn',
    says: 'did not answer within 800 ms',
  },
  {
    name: 'claude prints megabytes',
    spec: withClaude('exec /usr/bin/yes 2.1.331'),
    check: 'stale-version',
    status: 'warn',
    says: 'printed more than 1 MB',
  },
  // The registry.
  ...(
    [
      ['404', 'answered HTTP 404'],
      ['500', 'answered HTTP 500'],
      ['html', 'not a JSON object'],
      ['invalid-json', 'not a JSON object'],
      ['no-dist-tags', 'without dist-tags'],
      ['hang', 'did not answer in time'],
    ] as const
  ).map(([mode, says]): BadCase => ({
    name: `a registry answering ${mode}`,
    spec: { home: subscriptionHome() },
    setup: registry(mode),
    args: ['--timeout', '800'],
    check: 'stale-version',
    status: 'skip',
    says,
    code: 0,
  })),
  {
    name: 'a registry naming a version that is not semver',
    spec: { home: subscriptionHome() },
    setup: registry('ok', { latest: 'banana' }),
    check: 'stale-version',
    status: 'skip',
    says: 'no valid "latest" version',
    code: 0,
  },
  {
    name: 'a registry response that never ends',
    spec: { home: subscriptionHome() },
    setup: registry('endless'),
    args: ['--timeout', '800'],
    check: 'stale-version',
    status: 'skip',
    says: 'did not answer in time',
    code: 0,
  },
];

const NOBODY = { uid: 65534, gid: 65534 };

describe('bad input', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const fixture = makeFixture(c.spec);
    await c.setup?.(fixture);
    const env = c.env?.(fixture) ?? fixture.env;
    const online = c.setup && c.check === 'stale-version' && !c.spec?.claude;
    // Online, the registry answers while the network check's hosts are closed: not these cases.
    const args = ['--json', ...(online ? ['--skip', 'network'] : ['--offline']), ...(c.args ?? [])];
    // Root reads anything, so the permission case runs as an ordinary user when we are root.
    const asNobody = c.asNobody && process.getuid?.() === 0;
    if (asNobody) chmodSync(fixture.root, 0o755);
    const started = Date.now();
    const result = await runCli(
      args,
      env,
      fixture.project,
      asNobody ? { user: NOBODY, bin: portableBin() } : {},
    );
    expect(Date.now() - started).toBeLessThan(8000);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expectNoSecret(result.stdout + result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    const check = report.checks.find((k) => k.id === c.check)!;
    const text = [check.summary, ...check.evidence.map((e) => `${e.source} ${e.detail}`)].join(
      '\n',
    );
    expect(text).toContain(c.says);
    expect(check.status).toBe(c.status);
    expect(result.code).toBe(c.code ?? (report.summary.fail + report.summary.error > 0 ? 1 : 0));
  });

  it('survives a settings file rewritten while it is read', async () => {
    const fixture = makeFixture({ home: subscriptionHome({ [settings]: '{}' }) });
    const file = path.join(fixture.home, settings);
    const writer = spawn(
      '/bin/sh',
      ['-c', `while true; do printf '{"env": {"A": "1"}}' > "${file}"; : > "${file}"; done`],
      { stdio: 'ignore' },
    );
    try {
      for (let i = 0; i < 3; i += 1) {
        const result = await runCli(['--json', '--offline'], fixture.env, fixture.project);
        expect([0, 1]).toContain(result.code);
        const report = JSON.parse(result.stdout) as Report;
        expect(['pass', 'fail']).toContain(
          report.checks.find((c) => c.id === 'config-files')?.status,
        );
      }
    } finally {
      writer.kill('SIGKILL');
    }
  });
});

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import {
  credentialsFile,
  makeFixture,
  SUBSCRIPTION_ACCOUNT,
  type FileSpec,
} from '../helpers/fixture.js';
import { expectNoSecret, KEYS, MARKER, suffix20 } from '../helpers/secrets.js';

// The built bin's `statusline` and `hook session-start`, fed what Claude Code feeds them
// (recorded inputs, hooks facts 12 and 19), and `guard install | uninstall | status`.

/** The status-line input Claude Code 2.1.332 sent after the first answer (facts 19), with unknown extras. */
function statusInput(project: string): string {
  return JSON.stringify({
    session_id: '0d1e2f',
    transcript_path: path.join(project, 't.jsonl'),
    cwd: project,
    prompt_id: 'p1',
    effort: { level: 'high' },
    model: { id: 'claude-opus-5-5', display_name: 'Opus 5.5' },
    workspace: { current_dir: project, project_dir: project, added_dirs: [] },
    version: '2.1.332',
    output_style: { name: 'default' },
    cost: {
      total_cost_usd: 0.012,
      total_duration_ms: 900,
      total_api_duration_ms: 500,
      total_lines_added: 0,
      total_lines_removed: 0,
    },
    context_window: { total_input_tokens: 10, current_usage: null, used_percentage: null },
    exceeds_200k_tokens: false,
    fast_mode: false,
    thinking: { enabled: true },
    prompt_cache: { something_new: 1 },
    a_field_from_the_future: { nested: [1, 2, 3] },
  });
}

const HOOK_INPUT = JSON.stringify({
  session_id: '0d1e2f',
  transcript_path: '/tmp/t.jsonl',
  cwd: '/tmp',
  hook_event_name: 'SessionStart',
  source: 'startup',
});

/** Runs the bin with `input` on stdin and exactly `env`. */
function runWithInput(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  input: string | Buffer,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

const SUB: Record<string, FileSpec> = {
  '.claude/.credentials.json': credentialsFile(),
  '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT },
};
const withResponses = (responses: object): Record<string, FileSpec> => ({
  '.claude/.credentials.json': credentialsFile(),
  '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, customApiKeyResponses: responses },
});
const GREEN = '\u001b[32m';
const RED = '\u001b[31m';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('claude-auth-doctor statusline', () => {
  it('interactive session, key declined at the prompt: the plan pays, in green', async () => {
    const fixture = makeFixture({
      home: withResponses({ approved: [], rejected: [suffix20(KEYS.apiKey)] }),
      claude: null,
    });
    const env = {
      ...fixture.env,
      LANG: 'en_US.UTF-8',
      ANTHROPIC_API_KEY: KEYS.apiKey,
      CLAUDE_CODE_ENTRYPOINT: 'cli',
    };
    const before = filesUnder(fixture.root);
    const run = await runWithInput(
      ['statusline'],
      env,
      fixture.project,
      statusInput(fixture.project),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${GREEN}Max 20x · plan\u001b[39m\n`);
    // Nothing written: a small .claude.json needs no cache.
    expect(filesUnder(fixture.root)).toEqual(before);
  });

  it('key approved at the prompt: marked and red, fingerprint only; NO_COLOR and ASCII', async () => {
    const fixture = makeFixture({
      home: withResponses({ approved: [suffix20(KEYS.apiKey)], rejected: [] }),
      claude: null,
    });
    const env = {
      ...fixture.env,
      LANG: 'en_US.UTF-8',
      ANTHROPIC_API_KEY: KEYS.apiKey,
      CLAUDE_CODE_ENTRYPOINT: 'cli',
    };
    const run = await runWithInput(
      ['statusline'],
      env,
      fixture.project,
      statusInput(fixture.project),
    );
    expect(run.stdout).toBe(`${RED}! API key …AK01 · API credits\u001b[39m\n`);
    const plain = await runWithInput(
      ['statusline'],
      { ...env, NO_COLOR: '1', LANG: 'C' },
      fixture.project,
      statusInput(fixture.project),
    );
    expect(plain.stdout).toBe('! API key ...AK01 - API credits\n');
    expectNoSecret(run.stdout + plain.stdout);
  });

  it('never fails the line: bad input, broken files, no HOME', async () => {
    const fixture = makeFixture({
      home: { '.claude.json': '{ broken', '.claude/.credentials.json': '[1,' },
      claude: null,
    });
    const env = { ...fixture.env, NO_COLOR: '1' };
    for (const input of [
      '',
      'not json',
      '[1,2]',
      '{"workspace": 7}',
      Buffer.alloc(3 * 1024 * 1024, 0x7b),
    ]) {
      const run = await runWithInput(['statusline'], env, fixture.project, input);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('not logged in\n');
      expect(run.stderr).toBe('');
    }
    const homeless = await runWithInput(
      ['statusline'],
      { PATH: '/usr/bin:/bin', NO_COLOR: '1', HOME: path.join(fixture.root, 'nowhere') },
      fixture.root,
      '{}',
    );
    expect(homeless.code).toBe(0);
    expect(homeless.stdout).toBe('not logged in\n');
  });

  it('wraps the user’s own status line: same input, its lines first, the segment appended', async () => {
    const fixture = makeFixture({ home: SUB, claude: null });
    const saved = path.join(fixture.root, 'seen.json');
    const own = `/bin/cat > '${saved}'; echo "Opus 5.5 | ~/project"; echo "second line"; exit 3`;
    const input = statusInput(fixture.project);
    const run = await runWithInput(
      ['statusline', '--wrap', own],
      { ...fixture.env, NO_COLOR: '1', LANG: 'C.UTF-8' },
      fixture.project,
      input,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Opus 5.5 | ~/project  Max 20x · plan\nsecond line\n');
    expect(readFileSync(saved, 'utf8')).toBe(input);
  });

  it('reads a large .claude.json without parsing it whole, and keeps no secret in its cache', async () => {
    const projects: Record<string, object> = {};
    for (let i = 0; i < 6000; i += 1)
      projects[`/home/u/p${i}`] = {
        history: [{ display: 'x'.repeat(200) }],
        hasTrustDialogAccepted: true,
      };
    const fixture = makeFixture({
      home: {
        '.claude/.credentials.json': credentialsFile(),
        '.claude.json': {
          projects,
          oauthAccount: SUBSCRIPTION_ACCOUNT,
          primaryApiKey: KEYS.consoleKey,
          customApiKeyResponses: { approved: [suffix20(KEYS.apiKey)], rejected: [] },
        },
      },
      claude: null,
    });
    expect(statSync(path.join(fixture.home, '.claude.json')).size).toBeGreaterThan(1024 * 1024);
    const env = {
      ...fixture.env,
      NO_COLOR: '1',
      LANG: 'C.UTF-8',
      ANTHROPIC_API_KEY: KEYS.apiKey,
      CLAUDE_CODE_ENTRYPOINT: 'cli',
    };
    for (let i = 0; i < 2; i += 1) {
      const run = await runWithInput(
        ['statusline'],
        env,
        fixture.project,
        statusInput(fixture.project),
      );
      expect(run.stdout).toBe('! API key …AK01 · API credits\n');
    }
    const cache = path.join(
      fixture.home,
      '.cache',
      'claude-auth-doctor',
      'guard',
      'claude-json.json',
    );
    expect(statSync(cache).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(cache)).mode & 0o077).toBe(0);
    const text = readFileSync(cache, 'utf8');
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(suffix20(KEYS.apiKey));
    // A changed file is read again: the key is no longer approved.
    const config = path.join(fixture.home, '.claude.json');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(suffix20(KEYS.apiKey), 'x'.repeat(20)),
    );
    const after = await runWithInput(
      ['statusline'],
      env,
      fixture.project,
      statusInput(fixture.project),
    );
    expect(after.stdout).toBe('Max 20x · plan\n');
  });
});

describe('claude-auth-doctor hook session-start', () => {
  it('prints nothing at all when the session uses what is expected', async () => {
    const fixture = makeFixture({ home: SUB, claude: null });
    const run = await runWithInput(
      ['hook', 'session-start'],
      { ...fixture.env, CLAUDE_CODE_ENTRYPOINT: 'sdk-cli' },
      fixture.project,
      HOOK_INPUT,
    );
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints hook JSON with a systemMessage when an API key bills instead of the plan', async () => {
    const fixture = makeFixture({ home: SUB, claude: null });
    const run = await runWithInput(
      ['hook', 'session-start'],
      { ...fixture.env, ANTHROPIC_API_KEY: KEYS.apiKey, CLAUDE_CODE_ENTRYPOINT: 'sdk-cli' },
      fixture.project,
      HOOK_INPUT,
    );
    expect(run.code).toBe(0);
    expectNoSecret(run.stdout);
    expect(JSON.parse(run.stdout)).toEqual({
      systemMessage:
        'claude-auth-doctor: this session bills API credits: ANTHROPIC_API_KEY (ending in AK01) is used instead of your Max 20x plan. Run `claude-auth-doctor fix` to remove it.',
    });
  });

  it('with --expect api an API key is what was meant', async () => {
    const fixture = makeFixture({ home: SUB, claude: null });
    const run = await runWithInput(
      ['hook', 'session-start', '--expect', 'api'],
      { ...fixture.env, ANTHROPIC_API_KEY: KEYS.apiKey },
      fixture.project,
      HOOK_INPUT,
    );
    expect(run.stdout).toBe('');
  });

  it('reads the expectation from the user configuration file', async () => {
    const fixture = makeFixture({
      home: { ...SUB, '.config/claude-auth-doctor/config.json': { expect: 'api' } },
      claude: null,
    });
    const run = await runWithInput(
      ['hook', 'session-start'],
      { ...fixture.env, ANTHROPIC_API_KEY: KEYS.apiKey },
      fixture.project,
      HOOK_INPUT,
    );
    expect(run.stdout).toBe('');
  });
});

describe('claude-auth-doctor guard', () => {
  const settingsFile = (home: string) => path.join(home, '.claude', 'settings.json');

  it('install asks first: without a terminal or --yes it only shows the diff', async () => {
    const fixture = makeFixture({ home: SUB, claude: null });
    const run = await runCli(['guard', 'install'], fixture.env, fixture.project);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('+++ ~/.claude/settings.json (after)');
    expect(run.stdout).toContain('nothing was changed');
    expect(() => statSync(settingsFile(fixture.home))).toThrow();
    const dry = await runCli(['guard', 'install', '--dry-run'], fixture.env, fixture.project);
    expect(dry.code).toBe(0);
    expect(() => statSync(settingsFile(fixture.home))).toThrow();
  });

  it('install --yes, then fix --undo puts the settings back byte for byte', async () => {
    const original =
      '{\n  "model": "opus",\n  "env": {\n    "ANTHROPIC_API_KEY": "' + KEYS.apiKey + '"\n  }\n}\n';
    const fixture = makeFixture({
      home: { ...SUB, '.claude/settings.json': original },
      claude: null,
    });
    const install = await runCli(['guard', 'install', '--yes'], fixture.env, fixture.project);
    expect(install.code).toBe(0);
    expectNoSecret(install.stdout + install.stderr);
    expect(install.stdout).toContain('✔ edited ~/.claude/settings.json');
    const data = JSON.parse(readFileSync(settingsFile(fixture.home), 'utf8')) as {
      statusLine: { command: string };
    };
    expect(data.statusLine.command).toContain('claude-auth-doctor.cjs statusline');
    const again = await runCli(['guard', 'install', '--yes'], fixture.env, fixture.project);
    expect(again.stdout).toContain('already installed');
    const undo = await runCli(['fix', '--undo'], fixture.env, fixture.project);
    expect(undo.code).toBe(0);
    expect(readFileSync(settingsFile(fixture.home), 'utf8')).toBe(original);
  });

  it('installs under disableAllHooks and says Claude Code will not run it', async () => {
    const fixture = makeFixture({
      home: { ...SUB, '.claude/settings.json': { disableAllHooks: true } },
      claude: null,
    });
    const install = await runCli(['guard', 'install', '--yes'], fixture.env, fixture.project);
    expect(install.code).toBe(0);
    expect(install.stdout).toContain(
      'disableAllHooks is true in ~/.claude/settings.json: Claude Code runs no hook and no status line',
    );
    const status = await runCli(['guard', 'status'], fixture.env, fixture.project);
    expect(status.stdout).toContain(
      '~/.claude/settings.json (user): status line, SessionStart hook',
    );
    expect(status.stdout).toContain('Claude Code will not run all of it');
  });

  it('status names managed settings that allow only managed hooks, a status line that wins, and folder trust', async () => {
    const fixture = makeFixture({
      home: {
        ...SUB,
        '.claude/settings.json': { statusLine: { type: 'command', command: 'date' } },
      },
      project: {
        '.claude/settings.local.json': { statusLine: { type: 'command', command: 'echo project' } },
      },
      system: { 'etc/claude-code/managed-settings.json': { allowManagedHooksOnly: true } },
      claude: null,
    });
    expect((await runCli(['guard', 'install', '--yes'], fixture.env, fixture.project)).code).toBe(
      0,
    );
    const status = await runCli(['guard', 'status'], fixture.env, fixture.project);
    expect(status.stdout).toContain('status line (wrapping your `date`), SessionStart hook');
    expect(status.stdout).toContain('allowManagedHooksOnly is true in managed settings');
    expect(status.stdout).toContain(
      'The status line in ~/project/.claude/settings.local.json (local) takes precedence',
    );
    const project = await runCli(
      ['guard', 'install', '--yes', '--scope', 'project'],
      fixture.env,
      fixture.project,
    );
    expect(project.code).toBe(0);
    expect(project.stdout).toContain('This folder is not trusted yet');
    expect(
      JSON.parse(readFileSync(path.join(fixture.project, '.claude', 'settings.json'), 'utf8')),
    ).toHaveProperty('hooks.SessionStart');
    const uninstall = await runCli(['guard', 'uninstall', '--yes'], fixture.env, fixture.project);
    expect(uninstall.code).toBe(0);
    expect(JSON.parse(readFileSync(settingsFile(fixture.home), 'utf8'))).toEqual({
      statusLine: { type: 'command', command: 'date' },
    });
  });
});

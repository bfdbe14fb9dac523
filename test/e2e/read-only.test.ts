import { lstatSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { credentialsFile, makeFixture, SUBSCRIPTION_ACCOUNT } from '../helpers/fixture.js';
import { fakeRegistry } from '../helpers/registry.js';
import { KEYS } from '../helpers/secrets.js';

/** Contents, modes and mtimes of every file and directory under `root`, except `skip`. */
function snapshot(root: string, skip: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (skip.some((s) => file.startsWith(s))) continue;
      const info = lstatSync(file);
      const content = info.isFile() ? readFileSync(file, 'base64') : '';
      out[path.relative(root, file)] = `${info.mode.toString(8)} ${info.mtimeMs} ${content}`;
      if (info.isDirectory()) walk(file);
    }
  };
  walk(root);
  return out;
}

describe('the doctor changes nothing', () => {
  it('leaves the fixture home byte for byte, mode for mode, mtime for mtime', async () => {
    const server = await fakeRegistry();
    const fixture = makeFixture({
      home: {
        '.claude/.credentials.json': credentialsFile(),
        '.claude.json': {
          oauthAccount: SUBSCRIPTION_ACCOUNT,
          primaryApiKey: KEYS.consoleKey,
          autoUpdates: false,
        },
        '.claude/settings.json': {
          apiKeyHelper: 'my-helper',
          env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken },
        },
        '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n`,
        '.npmrc': `registry=${server.url}\n`,
      },
      project: {
        '.claude/settings.local.json': { env: { CLAUDE_CODE_USE_BEDROCK: '0' } },
        '.env': 'A=1\n',
      },
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    // The doctor's own cache is the one place it may write (its parent exists on real machines).
    const cache = path.join(fixture.home, '.cache', 'claude-auth-doctor');
    mkdirSync(cache, { recursive: true });
    const before = snapshot(fixture.root, [cache]);
    // Each run must end as it should: a crash writes nothing too, and must not pass for read-only.
    for (const [args, code, prints] of [
      [[], 1, /Fix plan/],
      [['--json'], 1, /^\{\n {2}"schemaVersion"/],
      [['--verbose'], 1, /Fix plan/],
      [['--offline'], 1, /Fix plan/],
      [['--json', '--strict', '--expect', 'api'], 1, /"checks"/],
      [['--help'], 0, /Usage|Options/],
      [['--only', 'nope'], 2, /^$/],
    ] as const) {
      const result = await runCli([...args], fixture.env, fixture.project);
      expect({ args, code: result.code }).toEqual({ args, code });
      expect(result.stdout).toMatch(prints);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(snapshot(fixture.root, [cache])).toEqual(before);
  });
});

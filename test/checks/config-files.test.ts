import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Context } from '../../src/context.js';
import type { Files } from '../../src/world/world.js';
import check from '../../checks/config-files.js';
import { makeFixture, subscriptionHome, SUBSCRIPTION_ACCOUNT } from '../helpers/fixture.js';
import { globalConfig } from '../../src/sources/claude-json.js';
import { readJsonFile } from '../../src/sources/json-file.js';
import { settingsFiles } from '../../src/sources/settings.js';
import { coversEveryOutcome, runCheck } from '../helpers/check.js';
import { KEYS } from '../helpers/secrets.js';
import { planSteps } from '../helpers/check.js';
import { unreadableSettings } from '../helpers/scenarios.js';

coversEveryOutcome(check);

describe('config-files', () => {
  it('passes and counts the files it read', async () => {
    const result = await runCheck(
      check,
      makeFixture({ home: subscriptionHome({ '.claude/settings.json': { env: {} } }) }).context(),
    );
    expect(result).toMatchObject({ outcome: 'all-valid', values: { count: 3 } });
    expect(result.evidence).toBeUndefined();
  });

  it.each([
    [
      'invalid JSON',
      '{ "env": { "A": 1, }',
      'is not valid JSON (syntax error at line 1, column 20)',
    ],
    ['an empty file', '', 'is empty'],
    ['an array', '[1, 2]', 'holds an array, not a JSON object'],
    ['a string', '"hello"', 'holds a string, not a JSON object'],
  ])('fails for %s, naming the file', async (_, text, problem) => {
    const fixture = makeFixture({ home: { '.claude/settings.json': text } });
    const result = await runCheck(check, fixture.context());
    expect(result.status).toBe('fail');
    expect(result.evidence).toEqual([{ source: 'file:~/.claude/settings.json', detail: problem }]);
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const fixture = makeFixture({ home: { '.claude/settings.json': '\uFEFF{"env":{}}' } });
    expect((await runCheck(check, fixture.context())).status).toBe('pass');
  });

  it('warns for keys of the wrong type and goes on', async () => {
    const fixture = makeFixture({
      home: {
        '.claude/settings.json': { env: ['ANTHROPIC_API_KEY'] },
        '.claude/.credentials.json': {
          claudeAiOauth: { scopes: 'user:inference', expiresAt: 'tomorrow' },
        },
        '.claude.json': { customApiKeyResponses: null, primaryApiKey: KEYS.consoleKey },
      },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.status).toBe('warn');
    expect(result.evidence?.map((e) => e.detail)).toEqual([
      'env should be an object of strings, found an array',
      'customApiKeyResponses should be an object, found null',
      'claudeAiOauth.expiresAt should be a number (epoch milliseconds), found a string',
      'claudeAiOauth.scopes should be an array of strings, found a string',
    ]);
  });

  it('reports a directory where a file should be', async () => {
    const fixture = makeFixture({ home: { '.claude/settings.json': '{}' } });
    mkdirSync(path.join(fixture.home, '.claude.json'));
    const result = await runCheck(check, fixture.context());
    const details = result.evidence?.map((e) => `${e.source} ${e.detail}`);
    expect(details).toContain('file:~/.claude.json is a directory, not a file');
    expect(result.status).toBe('fail');
  });
});

// textcortex/claude-code-sandbox#14, anthropics/claude-code#2842: a file root owns after
// `sudo claude`. Root reads anything, so the test gives the context the answer the system gives
// an ordinary user (the end-to-end suite runs the real case as nobody).
describe('config-files: a file you may not read', () => {
  it('plans owner and mode fixes, not JSON advice', async () => {
    const fixture = unreadableSettings();
    const real = fixture.world({ uid: 1000 });
    const file = path.join(fixture.home, '.claude', 'settings.json');
    // This machine's world, except that reading the settings file is denied.
    const files: Files = {
      ...real.files,
      read: async (name, limit) =>
        name === file
          ? { ok: false, code: 'EACCES', message: 'permission denied' }
          : real.files.read(name, limit),
    };
    const ctx = new Context({ world: { ...real, files }, options: fixture.context().options });
    const result = await runCheck(check, ctx);
    expect(result).toMatchObject({ status: 'fail', outcome: 'no-permission' });
    expect(planSteps(result)).toEqual(['fix-permissions', 'verify']);
    expect(result.plan?.[0]?.locations).toEqual([
      { kind: 'by-hand', text: 'sudo chown "$(id -un)" ~/.claude/settings.json' },
      { kind: 'by-hand', text: 'chmod u+rw ~/.claude/settings.json' },
    ]);
    expect(result.fix?.join('\n')).not.toContain('JSON.parse');
  });
});

// Sources return their problems beside their facts; the memoized file record they share is
// never changed, so no reader's answer depends on which other reader ran first.
describe('config-files: no hidden ordering between readers', () => {
  it('leaves the shared file record as read', async () => {
    const fixture = makeFixture({ home: { '.claude/settings.json': { env: ['A'] } } });
    const ctx = fixture.context();
    const file = path.join(fixture.home, '.claude', 'settings.json');
    const record = await readJsonFile(ctx, file);
    const [user] = await settingsFiles(ctx);
    expect(user?.problems).toEqual(['env should be an object of strings, found an array']);
    expect(record.problems).toEqual([]);
    expect(user?.file).toBe(record);
  });

  it('gives each reader of a large .claude.json the keys it asked for, whoever came first', async () => {
    const projects = Object.fromEntries(
      Array.from({ length: 4000 }, (_, i) => [`/p/${i}`, { history: 'x'.repeat(300) }]),
    );
    const fixture = makeFixture({
      home: { '.claude.json': { projects, oauthAccount: SUBSCRIPTION_ACCOUNT, autoUpdates: 'no' } },
    });
    const ctx = fixture.context();
    // The guard reads only `projects` of the same file.
    const guardView = await readJsonFile(ctx, path.join(fixture.home, '.claude.json'), [
      'projects',
    ]);
    expect(Object.keys(guardView.data)).toEqual(['projects']);
    const config = await globalConfig(ctx);
    expect(config.oauthAccount?.emailAddress).toBe(SUBSCRIPTION_ACCOUNT.emailAddress);
    expect(config.problems).toEqual(['autoUpdates should be true or false, found a string']);
    expect((await runCheck(check, ctx)).evidence?.map((e) => e.detail)).toEqual(config.problems);
  });
});

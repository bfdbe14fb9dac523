import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../checks/credentials-permissions.js';
import { coversEveryOutcome, runCheck, sources } from '../helpers/check.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

coversEveryOutcome(check);

describe('credentials-permissions', () => {
  it('passes without stored credentials, and when they are 0600 and yours', async () => {
    expect((await runCheck(check, makeFixture().context())).outcome).toBe('none-stored');
    const result = await runCheck(
      check,
      makeFixture({
        home: { ...subscriptionHome(), '.claude.json': { primaryApiKey: KEYS.consoleKey } },
      }).context(),
    );
    expect(result.outcome).toBe('private');
    expect(result.values?.count).toBe(2);
  });

  it.each([
    [0o644, '.claude/.credentials.json', 'readable by every user (mode 0644)'],
    [0o640, '.claude/.credentials.json', 'readable by its group (mode 0640)'],
    [0o604, '.claude.json', 'readable by every user (mode 0604)'],
  ])('warns about mode %o on %s', async (mode, file, detail) => {
    const fixture = makeFixture({
      home: { ...subscriptionHome(), '.claude.json': { primaryApiKey: KEYS.consoleKey } },
    });
    chmodSync(path.join(fixture.home, file), mode);
    const result = await runCheck(check, fixture.context());
    expect(result.status).toBe('warn');
    expect(result.evidence).toEqual([{ source: `file:~/${file}`, detail }]);
    expect(result.fix?.[0]).toContain(`chmod 600 ~/${file}`);
  });

  it('warns about a backup of .claude.json that others can read', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    mkdirSync(path.join(fixture.home, '.claude/backups'));
    writeFileSync(
      path.join(fixture.home, '.claude/backups/.claude.json.backup.1764000000000'),
      JSON.stringify({ primaryApiKey: KEYS.consoleKey }),
      { mode: 0o644 },
    );
    const result = await runCheck(check, fixture.context());
    expect(result.status).toBe('warn');
    expect(sources(result)).toEqual(['file:~/.claude/backups/.claude.json.backup.1764000000000']);
  });

  it('warns about files owned by another user', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const result = await runCheck(check, fixture.context({ uid: 4242 }));
    expect(result.status).toBe('warn');
    expect(result.evidence?.[0]?.detail).toMatch(/owned by user id \d+, not you \(4242\)/);
    expect(result.fix?.[0]).toContain('chown');
  });

  it('skips on Windows', async () => {
    expect(
      (
        await runCheck(
          check,
          makeFixture({ home: subscriptionHome() }).context({ platform: 'win32' }),
        )
      ).status,
    ).toBe('skip');
  });
});

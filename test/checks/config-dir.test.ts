import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import check from '../../checks/config-dir.js';
import { coversEveryOutcome, planSteps, runCheck, sources } from '../helpers/check.js';
import {
  credentialsFile,
  makeFixture,
  subscriptionHome,
  writeFakeClaude,
} from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

coversEveryOutcome(check);

describe('config-dir', () => {
  it('passes when CLAUDE_CONFIG_DIR is not set', async () => {
    expect(
      (await runCheck(check, makeFixture({ home: subscriptionHome() }).context())).outcome,
    ).toBe('not-set');
  });

  it('passes and says where files are read from when the moved directory holds the login', async () => {
    const fixture = makeFixture({
      home: { 'alt/.credentials.json': credentialsFile(), 'alt/.claude.json': {} },
    });
    const result = await runCheck(
      check,
      fixture.context({ env: { ...fixture.env, CLAUDE_CONFIG_DIR: `${fixture.home}/alt` } }),
    );
    expect(result.outcome).toBe('moved');
    expect(result.values).toEqual({ dir: '~/alt', login: ', where a login is stored' });
    expect(sources(result)).toEqual([
      'env:CLAUDE_CONFIG_DIR',
      'file:~/alt/.claude.json',
      'file:~/alt/.credentials.json#claudeAiOauth',
    ]);
  });

  it('warns about a login left in ~/.claude and plans a new login', async () => {
    const fixture = makeFixture({
      home: {
        ...subscriptionHome(),
        '.claude.json': { primaryApiKey: KEYS.consoleKey },
        'alt/settings.json': {},
      },
    });
    const result = await runCheck(
      check,
      fixture.context({ env: { ...fixture.env, CLAUDE_CONFIG_DIR: `${fixture.home}/alt` } }),
    );
    expect(result.outcome).toBe('login-left-behind');
    expect(sources(result)).toContain('file:~/.claude/.credentials.json#claudeAiOauth');
    expect(sources(result)).toContain('file:~/.claude.json#primaryApiKey');
    expect(planSteps(result)).toEqual(['login', 'verify']);
  });

  it.each([
    ['empty', '', /set but empty/],
    ['relative', 'alt', /is relative \("alt"\)/],
    ['missing', '@HOME@/nowhere', /nowhere does not exist/],
  ])('warns about an %s value', async (_name, value, summary) => {
    const fixture = makeFixture({
      home: { 'alt/.credentials.json': credentialsFile() },
      project: { 'alt/.keep': '' },
    });
    const result = await runCheck(
      check,
      fixture.context({
        env: { ...fixture.env, CLAUDE_CONFIG_DIR: value.replace('@HOME@', fixture.home) },
      }),
    );
    expect(result.outcome).toBe('bad-dir');
    expect(result.values?.problems).toMatch(summary);
  });

  it('names both a missing directory and a login left behind', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const env = { ...fixture.env, CLAUDE_CONFIG_DIR: `${fixture.home}/nowhere` };
    const result = await runCheck(check, fixture.context({ env }));
    expect(result.outcome).toBe('bad-dir-login-left-behind');
    expect(result.fix).toHaveLength(2);
  });

  it('on macOS names the suffixed Keychain entry and a login left in the default one', async () => {
    const fixture = makeFixture({ home: { 'alt/.keep': '' } });
    // `security` finds only the default entry; it is asked for presence, never with -w.
    writeFakeClaude(
      fixture.bin,
      {
        script:
          'for a in "$@"; do [ "$a" = -w ] && exit 99; done\n[ "$3" = "Claude Code-credentials" ] && exit 0\nexit 44',
      },
      'security',
    );
    const dir = `${fixture.home}/alt`;
    const suffix = createHash('sha256').update(dir).digest('hex').slice(0, 8);
    const result = await runCheck(
      check,
      fixture.context({ platform: 'darwin', env: { ...fixture.env, CLAUDE_CONFIG_DIR: dir } }),
    );
    expect(result.outcome).toBe('login-left-behind');
    expect(sources(result)).toContain(`keychain:Claude Code-credentials-${suffix}`);
    expect(sources(result)).toContain('keychain:Claude Code-credentials');
  });
});

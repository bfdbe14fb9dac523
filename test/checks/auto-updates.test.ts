import path from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../checks/auto-updates.js';
import { coversEveryOutcome, planSteps, runCheck, sources } from '../helpers/check.js';
import { makeFixture, type FixtureSpec } from '../helpers/fixture.js';
import { nativeInstall } from '../helpers/installs.js';
import { noClaudeInstalled } from '../helpers/scenarios.js';

coversEveryOutcome(check);

const failedUpdate = {
  timestamp: '2026-11-20T08:00:00Z',
  path: 'native',
  outcome: 'failed',
  status: 'error',
  version_from: '2.1.300',
  version_to: null,
  error_code: 'EACCES',
};

describe('auto-updates', () => {
  it.each<[string, FixtureSpec, string, object, string[]]>([
    ['nothing turns them off', {}, 'on', { channel: 'latest', managed: '' }, ['default']],
    [
      'DISABLE_AUTOUPDATER=0 is not a yes',
      { env: { DISABLE_AUTOUPDATER: '0' } },
      'on',
      {},
      ['default'],
    ],
    [
      'the stable channel',
      { home: { '.claude/settings.json': { autoUpdatesChannel: 'stable' } } },
      'on',
      { channel: 'stable' },
      ['file:~/.claude/settings.json#autoUpdatesChannel'],
    ],
    [
      'autoUpdates false on a protected native install',
      {
        home: {
          '.claude.json': {
            autoUpdates: false,
            installMethod: 'native',
            autoUpdatesProtectedForNative: true,
          },
        },
      },
      'on',
      {},
      ['default'],
    ],
    [
      'DISABLE_AUTOUPDATER from ~/.zshrc',
      { env: { DISABLE_AUTOUPDATER: '1' }, home: { '.zshrc': 'export DISABLE_AUTOUPDATER=1\n' } },
      'off',
      { offBy: 'DISABLE_AUTOUPDATER' },
      ['env:DISABLE_AUTOUPDATER', 'file:~/.zshrc:1', 'default'],
    ],
    [
      'DISABLE_UPDATES with any value',
      { env: { DISABLE_UPDATES: '0' } },
      'off',
      { offBy: 'DISABLE_UPDATES' },
      ['env:DISABLE_UPDATES', 'env:DISABLE_UPDATES', 'default'],
    ],
    [
      'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC in settings',
      {
        home: {
          '.claude/settings.json': { env: { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' } },
        },
      },
      'off',
      { offBy: 'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC' },
      ['file:~/.claude/settings.json#env.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC', 'default'],
    ],
    [
      'autoUpdates false in .claude.json',
      { home: { '.claude.json': { autoUpdates: false, installMethod: 'global' } } },
      'off',
      { offBy: 'autoUpdates: false in ~/.claude.json', configFile: ['~/.claude.json'] },
      ['file:~/.claude.json#autoUpdates', 'default'],
    ],
  ])('%s', async (_, spec, outcome, values, evidence) => {
    const result = await runCheck(check, makeFixture(spec).context());
    expect(result.outcome).toBe(outcome);
    expect(result.values).toMatchObject(values);
    expect(sources(result)).toEqual(evidence);
    if (outcome === 'off')
      expect(result.fix?.[0]).toMatch(/^To turn auto-updates back on, (remove|delete)/);
  });

  it('names the startup file line to delete', async () => {
    const result = await runCheck(
      check,
      makeFixture({
        env: { DISABLE_AUTOUPDATER: 'true' },
        home: { '.bashrc': '# x\nexport DISABLE_AUTOUPDATER=true\n' },
      }).context(),
    );
    expect(result.fix?.[0]).toBe(
      'To turn auto-updates back on, remove DISABLE_AUTOUPDATER where it is set: ~/.bashrc:2: delete or comment out the line that sets DISABLE_AUTOUPDATER.',
    );
  });

  it('warns about a failed last update and plans the update for the claude that runs', async () => {
    const fixture = makeFixture({
      claude: null,
      home: { '.claude/.last-update-result.json': failedUpdate },
    });
    nativeInstall(fixture.home, '2.1.300');
    const result = await runCheck(
      check,
      fixture.context({ env: { ...fixture.env, PATH: path.join(fixture.home, '.local', 'bin') } }),
    );
    expect(result.outcome).toBe('last-update-problem');
    expect(result.values?.problems).toBe(
      'the last update failed (last update failed 2.1.300 -> ? (native install) error EACCES at 2026-11-20T08:00:00Z)',
    );
    expect(planSteps(result)).toEqual(['update', 'verify']);
    expect(result.plan?.[0]?.command).toBe('claude update');
  });

  it('warns when the last update went to another install than the one that runs', async () => {
    const update = {
      ...failedUpdate,
      path: 'npm-global',
      outcome: 'success',
      version_to: '2.1.331',
      error_code: null,
    };
    const fixture = makeFixture({
      claude: null,
      home: { '.claude/.last-update-result.json': update },
    });
    nativeInstall(fixture.home, '2.1.300');
    const result = await runCheck(
      check,
      fixture.context({ env: { ...fixture.env, PATH: path.join(fixture.home, '.local', 'bin') } }),
    );
    expect(result.outcome).toBe('last-update-problem');
    expect(result.values?.problems).toBe(
      'the last update went to the npm-global install, but the claude that runs is the native one',
    );
  });

  it('passes after a successful update of the claude that runs', async () => {
    const update = { ...failedUpdate, outcome: 'success', version_to: '2.1.331', error_code: null };
    const fixture = makeFixture({
      claude: null,
      home: { '.claude/.last-update-result.json': update },
    });
    nativeInstall(fixture.home, '2.1.331');
    const result = await runCheck(
      check,
      fixture.context({ env: { ...fixture.env, PATH: path.join(fixture.home, '.local', 'bin') } }),
    );
    expect(result.outcome).toBe('on');
    expect(result.evidence?.at(-1)?.detail).toBe(
      'last update success 2.1.300 -> 2.1.331 (native install) at 2026-11-20T08:00:00Z',
    );
  });
});

describe('auto-updates without any claude', () => {
  it('does not pass: nothing is installed to update (issue 19)', async () => {
    const result = await runCheck(check, noClaudeInstalled().context());
    expect(result).toMatchObject({ status: 'skip', outcome: 'not-installed' });
    expect(planSteps(result)).toEqual([]);
  });
});

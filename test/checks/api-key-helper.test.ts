import { describe, expect, it } from 'vitest';
import check from '../../checks/api-key-helper.js';
import { coversEveryOutcome, planSteps, runCheck, sources } from '../helpers/check.js';
import { makeFixture, subscriptionHome, type FixtureSpec } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

const helper = (command: string) => ({ '.claude/settings.json': { apiKeyHelper: command } });

coversEveryOutcome(check);

describe('api-key-helper', () => {
  it.each<[string, FixtureSpec, string, object]>([
    ['none', { home: subscriptionHome() }, 'none', {}],
    [
      'expected API billing',
      { home: helper('op read op://vault/anthropic') },
      'supplies-key',
      { overKey: '' },
    ],
    [
      'wins over ANTHROPIC_API_KEY',
      { home: helper('op read x'), env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      'supplies-key',
      { overKey: ' It wins even over ANTHROPIC_API_KEY.' },
    ],
    [
      'ignored under a provider',
      { home: subscriptionHome(helper('op read x')), env: { CLAUDE_CODE_USE_BEDROCK: '1' } },
      'ignored-by-provider',
      { provider: 'bedrock' },
    ],
    ['a key pasted into the command', { home: helper(`echo ${KEYS.apiKey}`) }, 'key-pasted', {}],
    [
      'over a subscription',
      { home: subscriptionHome(helper('op read x')) },
      'overrides-subscription',
      { where: '~/.claude/settings.json (user settings)' },
    ],
    [
      'a pasted key over a subscription',
      { home: subscriptionHome(helper(`echo ${KEYS.apiKey}`)) },
      'overrides-subscription-pasted',
      {},
    ],
  ])('%s', async (_name, spec, outcome, values) => {
    const result = await runCheck(check, makeFixture(spec).context());
    expect(result.outcome).toBe(outcome);
    expect(result.values ?? {}).toMatchObject(values);
  });

  it('shows the command with the key masked and says to revoke it', async () => {
    const result = await runCheck(
      check,
      makeFixture({ home: helper(`echo ${KEYS.apiKey}`) }).context(),
    );
    expect(result.evidence?.[0]?.detail).toBe('user settings run `echo` (in effect)');
    expect(result.outcome).toBe('key-pasted');
    expect(result.values?.pasted).toBe('~/.claude/settings.json');
  });

  it('names every file, the winner and the removal, managed ones for the administrator', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(helper('op read user')),
      project: { '.claude/settings.local.json': { apiKeyHelper: 'op read project' } },
      system: { 'etc/claude-code/managed-settings.d/10-helper.json': { apiKeyHelper: 'corp-key' } },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.status).toBe('fail');
    expect(sources(result)).toEqual([
      'file:~/.claude/settings.json#apiKeyHelper',
      'file:~/project/.claude/settings.local.json#apiKeyHelper',
      `file:${fixture.system}/etc/claude-code/managed-settings.d/10-helper.json#apiKeyHelper`,
    ]);
    expect(result.evidence?.map((e) => e.detail.endsWith('(in effect)'))).toEqual([
      false,
      false,
      true,
    ]);
    expect(planSteps(result)).toEqual(['remove-env-credential', 'verify']);
    expect(result.plan?.[0]?.locations).toEqual([
      { kind: 'settings-key', path: `${fixture.home}/.claude/settings.json`, key: 'apiKeyHelper' },
      {
        kind: 'settings-key',
        path: `${fixture.project}/.claude/settings.local.json`,
        key: 'apiKeyHelper',
      },
      {
        kind: 'settings-key',
        path: `${fixture.system}/etc/claude-code/managed-settings.d/10-helper.json`,
        key: 'apiKeyHelper',
        managed: true,
      },
    ]);
  });

  it('notes an apiKeyHelper in .claude.json, which Claude Code ignores', async () => {
    const result = await runCheck(
      check,
      makeFixture({ home: { '.claude.json': { apiKeyHelper: 'x' } } }).context(),
    );
    expect(result.status).toBe('pass');
    expect(result.evidence?.[0]?.detail).toContain('is ignored');
  });
});

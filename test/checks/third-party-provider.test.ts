import { describe, expect, it } from 'vitest';
import check from '../../checks/third-party-provider.js';
import { coversEveryOutcome, planSteps, runCheck, sources } from '../helpers/check.js';
import { makeFixture, subscriptionHome, type FixtureSpec } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

coversEveryOutcome(check);

describe('third-party-provider', () => {
  it.each<[string, FixtureSpec, string, object]>([
    ['no switch', { home: subscriptionHome() }, 'no-switch', {}],
    [
      'a switch set to 0',
      { home: subscriptionHome(), env: { CLAUDE_CODE_USE_BEDROCK: '0' } },
      'switch-off',
      { off: 'CLAUDE_CODE_USE_BEDROCK' },
    ],
    [
      'a switch set to 2',
      { env: { CLAUDE_CODE_USE_VERTEX: '2' } },
      'switch-off',
      { off: 'CLAUDE_CODE_USE_VERTEX' },
    ],
    [
      'Bedrock on its own',
      { env: { CLAUDE_CODE_USE_BEDROCK: '1' } },
      'provider-expected',
      { provider: 'bedrock' },
    ],
    [
      'Bedrock with an API key and API billing expected',
      { env: { CLAUDE_CODE_USE_BEDROCK: 'yes', ANTHROPIC_API_KEY: KEYS.apiKey } },
      'provider-expected',
      {},
    ],
    [
      'Bedrock over a subscription',
      { home: subscriptionHome(), env: { CLAUDE_CODE_USE_BEDROCK: 'true' } },
      'provider-over-subscription',
      { credentials: ' and every Anthropic credential present' },
    ],
    [
      'Vertex from project settings over a subscription',
      {
        home: subscriptionHome(),
        project: { '.claude/settings.local.json': { env: { CLAUDE_CODE_USE_VERTEX: '1' } } },
      },
      'provider-over-subscription',
      { provider: 'vertex' },
    ],
    [
      'Foundry beats Vertex',
      {
        home: subscriptionHome(),
        env: { CLAUDE_CODE_USE_VERTEX: '1', CLAUDE_CODE_USE_FOUNDRY: 'on' },
      },
      'provider-over-subscription',
      { provider: 'foundry' },
    ],
  ])('%s', async (_name, spec, outcome, values) => {
    const result = await runCheck(check, makeFixture(spec).context());
    expect(result.outcome).toBe(outcome);
    expect(result.values ?? {}).toMatchObject(values);
  });

  it('names where the switch is set and plans its removal', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({ '.zshrc': 'export CLAUDE_CODE_USE_BEDROCK=1\n' }),
      env: { CLAUDE_CODE_USE_BEDROCK: '1' },
    });
    const result = await runCheck(check, fixture.context());
    expect(sources(result)).toEqual(['env:CLAUDE_CODE_USE_BEDROCK', 'file:~/.zshrc:1']);
    expect(planSteps(result)).toEqual(['remove-env-credential', 'restart-terminal', 'verify']);
    expect(result.plan?.[0]).toEqual({
      step: 'remove-env-credential',
      command: 'unset CLAUDE_CODE_USE_BEDROCK',
      locations: [
        {
          kind: 'shell-line',
          path: `${fixture.home}/.zshrc`,
          line: 1,
          name: 'CLAUDE_CODE_USE_BEDROCK',
          dialect: 'posix',
        },
      ],
    });
  });
});

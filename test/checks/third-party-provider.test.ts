import { describe, expect, it } from 'vitest';
import check from '../../checks/third-party-provider.js';
import { planSteps, runCheck, sources } from '../helpers/check.js';
import { makeFixture, subscriptionHome, type FixtureSpec } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

describe('third-party-provider', () => {
  it.each<[string, FixtureSpec, string, RegExp]>([
    ['no switch', { home: subscriptionHome() }, 'pass', /talks to Anthropic/],
    [
      'a switch set to 0',
      { home: subscriptionHome(), env: { CLAUDE_CODE_USE_BEDROCK: '0' } },
      'pass',
      /CLAUDE_CODE_USE_BEDROCK set to a value that does not count/,
    ],
    ['a switch set to 2', { env: { CLAUDE_CODE_USE_VERTEX: '2' } }, 'pass', /does not count/],
    [
      'Bedrock on its own',
      { env: { CLAUDE_CODE_USE_BEDROCK: '1' } },
      'pass',
      /bedrock is the provider/,
    ],
    [
      'Bedrock with an API key and API billing expected',
      { env: { CLAUDE_CODE_USE_BEDROCK: 'yes', ANTHROPIC_API_KEY: KEYS.apiKey } },
      'pass',
      /not used/,
    ],
    [
      'Bedrock over a subscription',
      { home: subscriptionHome(), env: { CLAUDE_CODE_USE_BEDROCK: 'true' } },
      'warn',
      /your subscription and every Anthropic credential present are ignored/,
    ],
    [
      'Vertex from project settings over a subscription',
      {
        home: subscriptionHome(),
        project: { '.claude/settings.local.json': { env: { CLAUDE_CODE_USE_VERTEX: '1' } } },
      },
      'warn',
      /vertex is the provider/,
    ],
    [
      'Foundry beats Vertex',
      {
        home: subscriptionHome(),
        env: { CLAUDE_CODE_USE_VERTEX: '1', CLAUDE_CODE_USE_FOUNDRY: 'on' },
      },
      'warn',
      /foundry is the provider/,
    ],
  ])('%s', async (_name, spec, status, summary) => {
    const result = await runCheck(check, makeFixture(spec).context());
    expect(result.status).toBe(status);
    expect(result.summary).toMatch(summary);
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
      details: ['~/.zshrc:1: delete or comment out the line that sets CLAUDE_CODE_USE_BEDROCK'],
      edits: [
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

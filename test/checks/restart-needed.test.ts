import { describe, expect, it } from 'vitest';
import check from '../../checks/restart-needed.js';
import { coversEveryOutcome, planSteps, runCheck, sources } from '../helpers/check.js';
import { makeFixture, subscriptionHome, type FixtureSpec } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';
import { setupTokenInLaunchingShell } from '../helpers/scenarios.js';

const zsh = { SHELL: '/bin/zsh' };
const key = { ANTHROPIC_API_KEY: KEYS.apiKey };

coversEveryOutcome(check);

describe('restart-needed', () => {
  it.each<[string, FixtureSpec, string]>([
    ['nothing set anywhere', { home: subscriptionHome(), env: zsh }, 'up-to-date'],
    [
      'the shell matches .zshrc',
      { home: { '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }, env: { ...zsh, ...key } },
      'up-to-date',
    ],
    [
      'X=... then export X',
      {
        home: { '.zshrc': `ANTHROPIC_API_KEY=${KEYS.apiKey}\nexport ANTHROPIC_API_KEY\n` },
        env: { ...zsh, ...key },
      },
      'up-to-date',
    ],
    [
      'a computed value',
      {
        home: { '.zshrc': 'export ANTHROPIC_API_KEY=$(pass show anthropic)\n' },
        env: { ...zsh, ...key },
      },
      'up-to-date',
    ],
    [
      '.bashrc sets it but the shell is zsh',
      { home: { '.bashrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }, env: zsh },
      'up-to-date',
    ],
    [
      'a commented-out line',
      { home: { '.zshrc': `# export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }, env: zsh },
      'up-to-date',
    ],
    ['a key a CI runner injected', { env: { ...key, CI: 'true' } }, 'up-to-date'],
    [
      'a .env nothing loads',
      { project: { '.env': `ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }, env: zsh },
      'up-to-date',
    ],
    [
      'removed from every startup file',
      { home: { '.zshrc': '# removed\n' }, env: { ...zsh, ...key } },
      'stale',
    ],
    [
      'edited to another value',
      { home: { '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey2}\n` }, env: { ...zsh, ...key } },
      'stale',
    ],
    [
      'added to .zshrc, not yet in the shell',
      { home: { '.zshrc': `export ANTHROPIC_AUTH_TOKEN=${KEYS.authToken}\n` }, env: zsh },
      'pending',
    ],
    [
      'a fish universal variable',
      {
        home: { '.config/fish/fish_variables': 'SETUVAR --export CLAUDE_CODE_USE_BEDROCK:1\n' },
        env: { SHELL: '/usr/bin/fish' },
      },
      'pending',
    ],
    [
      'a .env loaded by direnv',
      { project: { '.envrc': 'dotenv\n', '.env': `ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }, env: zsh },
      'pending',
    ],
    [
      '/etc/environment',
      {
        system: { 'etc/environment': `ANTHROPIC_API_KEY="${KEYS.apiKey}"\n` },
        env: { SHELL: '/bin/bash' },
      },
      'pending',
    ],
  ])('%s', async (_name, spec, outcome) => {
    const result = await runCheck(check, makeFixture(spec).context());
    expect(result.outcome).toBe(outcome);
  });

  it('explains a variable no startup file sets and plans unset + restart', async () => {
    const result = await runCheck(check, makeFixture({ env: { ...zsh, ...key } }).context());
    expect(result.outcome).toBe('stale');
    expect(result.values?.parts).toBe(
      'ANTHROPIC_API_KEY in this shell is not what the startup files set',
    );
    expect(result.evidence?.[0]?.detail).toContain('no startup file sets it');
    expect(result.plan?.[0]).toEqual({
      step: 'remove-env-credential',
      command: 'unset ANTHROPIC_API_KEY',
    });
    expect(planSteps(result)).toEqual(['remove-env-credential', 'restart-terminal', 'verify']);
  });

  it('names the edited line', async () => {
    const fixture = makeFixture({
      home: { '.zshrc': `\nexport ANTHROPIC_API_KEY=${KEYS.apiKey2}\n` },
      env: { ...zsh, ...key },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.evidence?.[0]?.detail).toContain('differs from the one in ~/.zshrc:2');
  });

  it('points at the line a new terminal will pick up', async () => {
    const fixture = makeFixture({
      project: {
        '.envrc': '# direnv\ndotenv_if_exists .env.local\n',
        '.env.local': `ANTHROPIC_API_KEY=${KEYS.apiKey}\n`,
      },
      env: zsh,
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('pending');
    expect(sources(result)).toEqual(['file:~/project/.env.local:1']);
    expect(result.values?.parts).toBe('ANTHROPIC_API_KEY will appear in new terminals');
  });
});

// The documented `claude setup-token` workflow (valbaudo/dawn#36): the token exported only in
// the shell that starts Claude Code. It is the credential in use, as expected: not out of date,
// and never unset.
describe('restart-needed: a token the launching process set', () => {
  it('is intended, not stale, and plans nothing', async () => {
    const result = await runCheck(check, setupTokenInLaunchingShell().context());
    expect(result).toMatchObject({ status: 'pass', outcome: 'inherited' });
    expect(result.values).toMatchObject({ names: 'CLAUDE_CODE_OAUTH_TOKEN' });
    expect(planSteps(result)).toEqual([]);
  });

  it('an API key with no startup file is still stale unless you said you expect API billing', async () => {
    const fixture = makeFixture({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } });
    expect((await runCheck(check, fixture.context())).outcome).toBe('stale');
    expect((await runCheck(check, fixture.context({ expect: 'api' }))).outcome).toBe('inherited');
  });
});

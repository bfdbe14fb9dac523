import { describe, expect, it } from 'vitest';
import check from '../../checks/restart-needed.js';
import { planSteps, runCheck, sources } from '../helpers/check.js';
import { makeFixture, subscriptionHome, type FixtureSpec } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

const zsh = { SHELL: '/bin/zsh' };
const key = { ANTHROPIC_API_KEY: KEYS.apiKey };

describe('restart-needed', () => {
  it.each<[string, FixtureSpec, string]>([
    ['nothing set anywhere', { home: subscriptionHome(), env: zsh }, 'pass'],
    [
      'the shell matches .zshrc',
      { home: { '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }, env: { ...zsh, ...key } },
      'pass',
    ],
    [
      'X=... then export X',
      {
        home: { '.zshrc': `ANTHROPIC_API_KEY=${KEYS.apiKey}\nexport ANTHROPIC_API_KEY\n` },
        env: { ...zsh, ...key },
      },
      'pass',
    ],
    [
      'a computed value',
      {
        home: { '.zshrc': 'export ANTHROPIC_API_KEY=$(pass show anthropic)\n' },
        env: { ...zsh, ...key },
      },
      'pass',
    ],
    [
      '.bashrc sets it but the shell is zsh',
      { home: { '.bashrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }, env: zsh },
      'pass',
    ],
    [
      'a commented-out line',
      { home: { '.zshrc': `# export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }, env: zsh },
      'pass',
    ],
    ['a key a CI runner injected', { env: { ...key, CI: 'true' } }, 'pass'],
    [
      'a .env nothing loads',
      { project: { '.env': `ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }, env: zsh },
      'pass',
    ],
    [
      'removed from every startup file',
      { home: { '.zshrc': '# removed\n' }, env: { ...zsh, ...key } },
      'warn',
    ],
    [
      'edited to another value',
      { home: { '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey2}\n` }, env: { ...zsh, ...key } },
      'warn',
    ],
    [
      'added to .zshrc, not yet in the shell',
      { home: { '.zshrc': `export ANTHROPIC_AUTH_TOKEN=${KEYS.authToken}\n` }, env: zsh },
      'warn',
    ],
    [
      'a fish universal variable',
      {
        home: { '.config/fish/fish_variables': 'SETUVAR --export CLAUDE_CODE_USE_BEDROCK:1\n' },
        env: { SHELL: '/usr/bin/fish' },
      },
      'warn',
    ],
    [
      'a .env loaded by direnv',
      { project: { '.envrc': 'dotenv\n', '.env': `ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }, env: zsh },
      'warn',
    ],
    [
      '/etc/environment',
      {
        system: { 'etc/environment': `ANTHROPIC_API_KEY="${KEYS.apiKey}"\n` },
        env: { SHELL: '/bin/bash' },
      },
      'warn',
    ],
  ])('%s', async (_name, spec, status) => {
    const result = await runCheck(check, makeFixture(spec).context());
    expect(result.status).toBe(status);
  });

  it('explains a variable no startup file sets and plans unset + restart', async () => {
    const result = await runCheck(check, makeFixture({ env: { ...zsh, ...key } }).context());
    expect(result.summary).toContain(
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
    expect(result.status).toBe('warn');
    expect(sources(result)).toEqual(['file:~/project/.env.local:1']);
    expect(result.summary).toContain('ANTHROPIC_API_KEY will appear in new terminals');
  });
});

import { describe, expect, it } from 'vitest';
import check from '../../checks/api-key-env.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { coversEveryOutcome, planSteps, runCheck, sources } from '../helpers/check.js';
import { KEYS, suffix20 } from '../helpers/secrets.js';
import { markerLine } from '../../src/fix/shell-line.js';

const zshrc = (key: string) =>
  `# my zsh\nexport PATH=$HOME/bin:$PATH\n\nexport ANTHROPIC_API_KEY=${key}\nalias ll='ls -l'\n`;

coversEveryOutcome(check);

describe('api-key-env', () => {
  it('passes when no key is set anywhere', async () => {
    const result = await runCheck(check, makeFixture({ home: subscriptionHome() }).context());
    expect(result.outcome).toBe('not-set');
  });

  it('fails with the file and line when a shell startup file sets the key and a subscription is expected', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({ '.zshrc': zshrc(KEYS.apiKey) }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('overrides-unanswered');
    expect(sources(result)).toEqual(['env:ANTHROPIC_API_KEY', 'file:~/.zshrc:4']);
    expect(result.values?.fingerprint).toBe('AK01');
    expect(planSteps(result)).toEqual(['remove-env-credential', 'restart-terminal', 'verify']);
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'shell-line',
        path: `${fixture.home}/.zshrc`,
        line: 4,
        name: 'ANTHROPIC_API_KEY',
        dialect: 'posix',
      },
    ]);
  });

  it.each([
    ['.bashrc', 'export ANTHROPIC_API_KEY="@KEY@"\n', 1],
    ['.bash_profile', 'ANTHROPIC_API_KEY=@KEY@\nexport ANTHROPIC_API_KEY\n', 1],
    ['.profile', "\n\nexport ANTHROPIC_API_KEY='@KEY@'\n", 3],
    ['.zprofile', 'export ANTHROPIC_API_KEY=@KEY@\n', 1],
    ['.zshenv', 'export ANTHROPIC_API_KEY=@KEY@\n', 1],
    ['.config/fish/config.fish', 'set -gx ANTHROPIC_API_KEY @KEY@\n', 1],
  ])('finds the key in %s', async (file, text, line) => {
    const fixture = makeFixture({
      home: subscriptionHome({ [file]: text.replace('@KEY@', KEYS.apiKey) }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    const result = await runCheck(check, fixture.context());
    expect(sources(result)).toContain(`file:~/${file}:${line}`);
  });

  it('ignores commented-out lines and lines that set another value', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.bashrc': `# export ANTHROPIC_API_KEY=${KEYS.apiKey}\nexport ANTHROPIC_API_KEY=${KEYS.apiKey2}\n`,
      }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.status).toBe('fail');
    expect(sources(result)).toEqual(['env:ANTHROPIC_API_KEY', 'env:ANTHROPIC_API_KEY']);
    expect(result.evidence?.[1]?.detail).toContain('parent process');
  });

  it('names the settings file and JSON path', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.claude/settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      }),
    });
    const result = await runCheck(check, fixture.context());
    expect(result.status).toBe('fail');
    expect(sources(result)).toEqual(['file:~/.claude/settings.json#env.ANTHROPIC_API_KEY']);
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'settings-env',
        path: `${fixture.home}/.claude/settings.json`,
        name: 'ANTHROPIC_API_KEY',
      },
    ]);
  });

  it('reports a project .env only when it holds the same value as the environment', async () => {
    const same = makeFixture({
      home: subscriptionHome(),
      project: { '.env': `ANTHROPIC_API_KEY=${KEYS.apiKey}\n` },
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    expect(sources(await runCheck(check, same.context()))).toContain('file:~/project/.env:1');
    const other = makeFixture({
      home: subscriptionHome(),
      project: { '.env': `ANTHROPIC_API_KEY=${KEYS.apiKey2}\n` },
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    expect(sources(await runCheck(check, other.context()))).not.toContain('file:~/project/.env:1');
  });

  it.each(['approved', 'rejected'] as const)(
    'says what the %s prompt answer means',
    async (answer) => {
      const responses = {
        approved: answer === 'approved' ? [suffix20(KEYS.apiKey)] : [],
        rejected: answer === 'rejected' ? [suffix20(KEYS.apiKey)] : [],
      };
      const fixture = makeFixture({
        home: subscriptionHome({ '.claude.json': { customApiKeyResponses: responses } }),
        env: { ANTHROPIC_API_KEY: KEYS.apiKey },
      });
      const result = await runCheck(check, fixture.context({ expect: 'subscription' }));
      expect(result.outcome).toBe(`overrides-${answer}`);
    },
  );

  it('passes when API billing is what the user expects', async () => {
    const fixture = makeFixture({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } });
    expect((await runCheck(check, fixture.context())).outcome).toBe('expected');
    expect((await runCheck(check, fixture.context({ expect: 'api' }))).outcome).toBe('expected');
  });

  it('warns about a key of white space only and plans its removal', async () => {
    const fixture = makeFixture({ home: subscriptionHome(), env: { ANTHROPIC_API_KEY: '  ' } });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('blank');
    expect(planSteps(result)).toEqual(['remove-env-credential', 'restart-terminal']);
  });

  it('warns when the key is shadowed by an apiKeyHelper', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({ '.claude/settings.json': { apiKeyHelper: 'my-helper' } }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('shadowed');
    expect(result.values?.winner).toBe('api-key-helper');
  });

  it('tells a terminal older than `fix` to open a new one, instead of blaming the parent process', async () => {
    const zshrc = `${markerLine('ANTHROPIC_API_KEY', '2026-11-25')}\n# export ANTHROPIC_API_KEY=${KEYS.apiKey}\n`;
    const fixture = makeFixture({
      home: subscriptionHome({ '.zshrc': zshrc }),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.status).toBe('fail');
    expect(result.evidence?.[1]?.detail).toBe(
      "ANTHROPIC_API_KEY is still in this shell's environment, but `claude-auth-doctor fix` commented out the line that set it in ~/.zshrc",
    );
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'by-hand',
        text: 'ANTHROPIC_API_KEY is only left in this terminal: open a new one (or run `unset ANTHROPIC_API_KEY`)',
      },
    ]);
  });

  it('describes every place as a location for `fix`', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.zshrc': zshrc(KEYS.apiKey),
        '.claude/settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      }),
      system: {
        'etc/claude-code/managed-settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
      },
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'shell-line',
        path: `${fixture.home}/.zshrc`,
        line: 4,
        name: 'ANTHROPIC_API_KEY',
        dialect: 'posix',
      },
      {
        kind: 'settings-env',
        path: `${fixture.home}/.claude/settings.json`,
        name: 'ANTHROPIC_API_KEY',
      },
      {
        kind: 'settings-env',
        path: `${fixture.system}/etc/claude-code/managed-settings.json`,
        name: 'ANTHROPIC_API_KEY',
        managed: true,
      },
    ]);
  });
});

describe('ANTHROPIC_API_KEY set by a startup file this terminal has not run', () => {
  it('is announced by its own check, with the line and what new terminals will do', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({ '.zshrc': `# zsh\nexport ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }),
      env: { SHELL: '/bin/zsh' },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('pending');
    expect(result.summary).toMatch(
      /^ANTHROPIC_API_KEY is not in this terminal, but ~\/\.zshrc:2 sets it: new terminals will /,
    );
    expect(sources(result)).toEqual(['file:~/.zshrc:2']);
    expect(result.plan?.[0]?.locations).toEqual([
      {
        kind: 'shell-line',
        path: `${fixture.home}/.zshrc`,
        line: 2,
        name: 'ANTHROPIC_API_KEY',
        dialect: 'posix',
      },
    ]);
  });

  it("is not announced from another shell's files", async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.config/fish/config.fish': `set -gx ANTHROPIC_API_KEY ${KEYS.apiKey}\n`,
      }),
      env: { SHELL: '/bin/zsh' },
    });
    expect((await runCheck(check, fixture.context())).outcome).toBe('not-set');
  });
});

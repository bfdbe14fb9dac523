import {
  chmodSync,
  chownSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realOps } from '../../src/fix/atomic.js';
import { markerLine } from '../../src/fix/shell-line.js';
import { backups, fix, snapshot, stateDir, undo } from '../helpers/fix.js';
import {
  makeFixture,
  subscriptionHome,
  SUBSCRIPTION_ACCOUNT,
  credentialsFile,
  type FixtureSpec,
} from '../helpers/fixture.js';
import { fakeRegistry } from '../helpers/registry.js';
import { KEYS } from '../helpers/secrets.js';

const KEY = KEYS.apiKey;
const ENV = { ANTHROPIC_API_KEY: KEY };
const MARK = markerLine('ANTHROPIC_API_KEY', '2026-11-25');
const read = (file: string) => readFileSync(file, 'utf8');

interface DialectCase {
  file: string;
  text: string;
  expected: string;
  env?: Record<string, string>;
}

const DIALECTS: Record<string, DialectCase> = {
  bash: {
    file: '.bashrc',
    text: `# .bashrc\nexport PATH="$HOME/bin:$PATH"\nexport ANTHROPIC_API_KEY="${KEY}"\nalias ll='ls -l'\n`,
    expected: `# .bashrc\nexport PATH="$HOME/bin:$PATH"\n${MARK}\n# export ANTHROPIC_API_KEY="${KEY}"\nalias ll='ls -l'\n`,
    env: ENV,
  },
  zsh: {
    file: '.zshrc',
    text: `setopt autocd\nif [[ -n $SSH_TTY ]]; then\n  PS1='%m> '\n  export ANTHROPIC_API_KEY=${KEY}\nfi`,
    expected: `setopt autocd\nif [[ -n $SSH_TTY ]]; then\n  PS1='%m> '\n  ${MARK}\n  # export ANTHROPIC_API_KEY=${KEY}\nfi`,
    env: ENV,
  },
  fish: {
    file: '.config/fish/config.fish',
    text: `if status is-interactive\n    set -gx ANTHROPIC_API_KEY ${KEY}\nend\n`,
    expected: `if status is-interactive\n    ${MARK}\n    # set -gx ANTHROPIC_API_KEY ${KEY}\nend\n`,
    env: ENV,
  },
  PowerShell: {
    file: '.config/powershell/Microsoft.PowerShell_profile.ps1',
    text: `Import-Module posh-git\r\n$env:ANTHROPIC_API_KEY = '${KEY}'\r\n`,
    expected: `Import-Module posh-git\r\n${MARK}\r\n# $env:ANTHROPIC_API_KEY = '${KEY}'\r\n`,
    env: ENV,
  },
  'settings JSON': {
    file: '.claude/settings.json',
    text: `{\n    "model": "opus",\n    "env": {\n        "ANTHROPIC_API_KEY": "${KEY}",\n        "BASH_DEFAULT_TIMEOUT_MS": "60000"\n    },\n    "permissions": {"allow": []}\n}`,
    expected: `{\n    "model": "opus",\n    "env": {\n        "BASH_DEFAULT_TIMEOUT_MS": "60000"\n    },\n    "permissions": {"allow": []}\n}`,
  },
};

describe('fix on fixture homes', () => {
  describe.each(Object.entries(DIALECTS))('%s', (_, { file, text, expected, env }) => {
    it('edits exactly, backs up the original, changes nothing the second time, and undoes byte for byte', async () => {
      const fixture = makeFixture({
        home: subscriptionHome({ [file]: text }),
        ...(env ? { env } : {}),
      });
      const target = path.join(fixture.home, file);
      chmodSync(target, 0o640);

      const first = await fix(fixture, { yes: true });
      expect(read(target)).toBe(expected);
      expect(statSync(target).mode & 0o777).toBe(0o640);
      expect(first.out).toContain(`✔ edited ~/${file}`);
      expect(first.out).toMatch(
        /Before → after[\s\S]*✖ fail\s+→ ✔ pass\s+ANTHROPIC_API_KEY \[api-key-env\]/,
      );
      expect(first.code).toBe(0);
      const runs = Object.values(backups(fixture));
      expect(runs).toHaveLength(1);
      expect(runs[0]![`1-${path.basename(file)}`]).toBe(text);
      expect(readdirSync(path.dirname(target)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

      // The same terminal still has the variable: nothing in a file is left to change.
      const home = snapshot(fixture.home);
      const second = await fix(fixture, { yes: true });
      expect(snapshot(fixture.home)).toEqual(home);
      if (env)
        expect(second.out).toContain(
          'ANTHROPIC_API_KEY is only left in this terminal: open a new one (or run `unset ANTHROPIC_API_KEY`)',
        );
      else expect(second.out).toContain('Nothing to fix: no check found a problem.');
      expect(Object.keys(backups(fixture))).toHaveLength(1);

      const undone = await undo(fixture);
      expect(undone.code).toBe(0);
      expect(undone.out).toContain(`restored ~/${file}`);
      expect(read(target)).toBe(text);
      expect(statSync(target).mode & 0o777).toBe(0o640);
      expect((await undo(fixture)).out).toContain('Nothing to undo');
    });
  });

  it('comments out every line in a sourced file, and the legacy env block of .claude.json', async () => {
    const config = {
      oauthAccount: SUBSCRIPTION_ACCOUNT,
      env: { ANTHROPIC_API_KEY: KEY },
      projects: {},
    };
    const fixture = makeFixture({
      home: {
        '.claude/.credentials.json': credentialsFile(),
        '.claude.json': config,
        '.bashrc': '. ~/.secrets.sh\n',
        '.secrets.sh': `export ANTHROPIC_API_KEY=${KEY}\nexport OTHER=1\nexport ANTHROPIC_API_KEY=${KEY}\n`,
      },
      env: ENV,
    });
    await fix(fixture, { yes: true });
    expect(read(path.join(fixture.home, '.secrets.sh'))).toBe(
      `${MARK}\n# export ANTHROPIC_API_KEY=${KEY}\nexport OTHER=1\n${MARK}\n# export ANTHROPIC_API_KEY=${KEY}\n`,
    );
    expect(read(path.join(fixture.home, '.claude.json'))).toBe(
      `${JSON.stringify({ ...config, env: {} }, null, 2)}\n`,
    );
    expect(read(path.join(fixture.home, '.bashrc'))).toBe('. ~/.secrets.sh\n');
  });

  it('removes apiKeyHelper from settings with the rest kept', async () => {
    const text = '{\n  "apiKeyHelper": "~/bin/key.sh",\n  "theme": "dark"\n}\n';
    const fixture = makeFixture({ home: subscriptionHome({ '.claude/settings.json': text }) });
    await fix(fixture, { yes: true });
    expect(read(path.join(fixture.home, '.claude/settings.json'))).toBe(
      '{\n  "theme": "dark"\n}\n',
    );
  });

  it('--dry-run prints masked diffs and changes nothing', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.bashrc': DIALECTS.bash!.text,
        '.claude/settings.json': DIALECTS['settings JSON']!.text,
      }),
      env: ENV,
    });
    const before = snapshot(fixture.root);
    const run = await fix(fixture, { dryRun: true });
    expect(snapshot(fixture.root)).toEqual(before);
    expect(run.code).toBe(0);
    expect(run.questions).toEqual([]);
    expect(run.out).toContain('--- ~/.bashrc (before)\n');
    expect(run.out).toContain('-export ANTHROPIC_API_KEY="[masked]"\n');
    expect(run.out).toContain('+# export ANTHROPIC_API_KEY="[masked]"\n');
    expect(run.out).toContain('-        "ANTHROPIC_API_KEY": "[masked]",\n');
    expect(run.out).toContain('(dry run: not written)');
  });

  it('without a terminal and without --yes prints the plan, asks nothing, changes nothing and exits 1', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({ '.bashrc': DIALECTS.bash!.text }),
      env: ENV,
    });
    const before = snapshot(fixture.root);
    const run = await fix(fixture, { answers: null });
    expect(run.code).toBe(1);
    expect(run.out).toContain('No terminal to ask on, and no --yes');
    expect(run.out).toContain('-export ANTHROPIC_API_KEY="[masked]"');
    expect(snapshot(fixture.root)).toEqual(before);
  });

  it('edits a symlinked startup file at its target and says so', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({ 'dotfiles/zshrc': DIALECTS.bash!.text }),
      env: ENV,
    });
    const link = path.join(fixture.home, '.zshrc');
    symlinkSync(path.join(fixture.home, 'dotfiles/zshrc'), link);
    const run = await fix(fixture, { yes: true });
    expect(run.out).toContain('~/.zshrc is a symbolic link: editing its target, ~/dotfiles/zshrc');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(read(path.join(fixture.home, 'dotfiles/zshrc'))).toBe(DIALECTS.bash!.expected);
    await undo(fixture);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(read(link)).toBe(DIALECTS.bash!.text);
  });

  describe('safety', () => {
    const twoFiles = (): FixtureSpec => ({
      home: subscriptionHome({
        '.bashrc': DIALECTS.bash!.text,
        '.claude/settings.json': DIALECTS['settings JSON']!.text,
      }),
      env: ENV,
    });

    it('a write failing in the middle leaves each file fully old or fully new, and undo knows which', async () => {
      const fixture = makeFixture(twoFiles());
      const settings = path.join(fixture.home, '.claude/settings.json');
      const failing = {
        rename: async (from: string, to: string) =>
          to === settings
            ? Promise.reject(Object.assign(new Error('EROFS'), { code: 'EROFS' }))
            : realOps.rename(from, to),
      };
      const run = await fix(fixture, { yes: true, writeOps: failing });
      expect(run.code).toBe(1);
      expect(run.out).toContain(
        '✖ ~/.claude/settings.json: could not write it: read-only file system',
      );
      expect(read(path.join(fixture.home, '.bashrc'))).toBe(DIALECTS.bash!.expected);
      expect(read(settings)).toBe(DIALECTS['settings JSON']!.text);
      expect(readdirSync(path.dirname(settings)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      await undo(fixture);
      expect(read(path.join(fixture.home, '.bashrc'))).toBe(DIALECTS.bash!.text);
      expect(read(settings)).toBe(DIALECTS['settings JSON']!.text);
    });

    it('writes nothing when a file changed while it was asking', async () => {
      const fixture = makeFixture(twoFiles());
      const bashrc = path.join(fixture.home, '.bashrc');
      const changed = `${DIALECTS.bash!.text}alias g=git\n`;
      const run = await fix(fixture, {
        answers: ['yes'],
        onAsk: () => writeFileSync(bashrc, changed),
      });
      expect(run.out).toContain(
        '✖ ~/.bashrc: it changed while fix was waiting; nothing was written',
      );
      expect(read(bashrc)).toBe(changed);
      expect(read(path.join(fixture.home, '.claude/settings.json'))).toBe(
        DIALECTS['settings JSON']!.text,
      );
      expect(backups(fixture)).toEqual({});
    });

    it('leaves a read-only file alone and says what to do by hand', async () => {
      const fixture = makeFixture(twoFiles());
      const bashrc = path.join(fixture.home, '.bashrc');
      chmodSync(bashrc, 0o444);
      const run = await fix(fixture, { yes: true });
      expect(read(bashrc)).toBe(DIALECTS.bash!.text);
      expect(run.out).toContain(
        '~/.bashrc:3: the file is read-only; comment out the line that sets ANTHROPIC_API_KEY by hand',
      );
      expect(read(path.join(fixture.home, '.claude/settings.json'))).toBe(
        DIALECTS['settings JSON']!.expected,
      );
    });

    it('undo names files changed since, refuses without --force, restores with it', async () => {
      const fixture = makeFixture(twoFiles());
      await fix(fixture, { yes: true });
      const bashrc = path.join(fixture.home, '.bashrc');
      writeFileSync(bashrc, `${read(bashrc)}alias g=git\n`);
      const edited = read(bashrc);
      const refused = await undo(fixture);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('Changed since that fix: ~/.bashrc');
      expect(read(bashrc)).toBe(edited);
      expect(read(path.join(fixture.home, '.claude/settings.json'))).toBe(
        DIALECTS['settings JSON']!.expected,
      );
      expect((await undo(fixture, true)).code).toBe(0);
      expect(read(bashrc)).toBe(DIALECTS.bash!.text);
      expect(read(path.join(fixture.home, '.claude/settings.json'))).toBe(
        DIALECTS['settings JSON']!.text,
      );
    });

    it("keeps the file's group and mode (another group's when run as root)", async () => {
      const fixture = makeFixture(twoFiles());
      const bashrc = path.join(fixture.home, '.bashrc');
      chmodSync(bashrc, 0o640);
      const { uid } = statSync(bashrc);
      const gid = process.getuid?.() === 0 ? 4322 : statSync(bashrc).gid;
      chownSync(bashrc, uid, gid);
      await fix(fixture, { yes: true });
      expect(read(bashrc)).toBe(DIALECTS.bash!.expected);
      expect([statSync(bashrc).uid, statSync(bashrc).gid, statSync(bashrc).mode & 0o777]).toEqual([
        uid,
        gid,
        0o640,
      ]);
      await undo(fixture);
      expect(read(bashrc)).toBe(DIALECTS.bash!.text);
      expect([statSync(bashrc).uid, statSync(bashrc).gid, statSync(bashrc).mode & 0o777]).toEqual([
        uid,
        gid,
        0o640,
      ]);
    });

    it('keeps backups private', async () => {
      const fixture = makeFixture(twoFiles());
      await fix(fixture, { yes: true });
      const [run] = readdirSync(path.join(stateDir(fixture), 'backups'));
      const dir = path.join(stateDir(fixture), 'backups', run!);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const file of readdirSync(dir))
        expect(statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
    });

    it.each([
      [
        'managed settings',
        {
          system: { 'etc/claude-code/managed-settings.json': { env: { ANTHROPIC_API_KEY: KEY } } },
        },
        'managed settings set ANTHROPIC_API_KEY; ask your administrator to remove it',
      ],
      [
        'a project .env',
        { project: { '.env': `ANTHROPIC_API_KEY=${KEY}\n` }, env: ENV },
        '~/project/.env:1: remove ANTHROPIC_API_KEY (a tool loading .env puts it in the environment)',
      ],
      [
        'a computed value',
        { home: { '.bashrc': 'export ANTHROPIC_API_KEY="$(pass show anthropic)"\n' }, env: ENV },
        '~/.bashrc:1: sets ANTHROPIC_API_KEY from other variables or commands',
      ],
      [
        'a fish universal variable',
        {
          home: { '.config/fish/fish_variables': `SETUVAR --export ANTHROPIC_API_KEY:${KEY}\n` },
          env: ENV,
        },
        'run `set -e -U ANTHROPIC_API_KEY` in fish',
      ],
      [
        'no file at all (CI secret, IDE)',
        { env: ENV },
        'ANTHROPIC_API_KEY comes from outside your startup files',
      ],
    ])('leaves %s to the user, with the exact instruction', async (_, spec, instruction) => {
      const base = subscriptionHome();
      const fixture = makeFixture({
        ...spec,
        home: { ...base, ...(spec as FixtureSpec).home },
      } as FixtureSpec);
      const before = snapshot(fixture.root);
      const run = await fix(fixture, { yes: true });
      expect(run.out).toContain(instruction);
      expect(run.out).toMatch(/Still to do yourself\n {2}- /);
      expect(snapshot(fixture.root)).toEqual(before);
    });
  });

  describe('commands and questions', () => {
    // Subscription and a stored Console key: the plan logs out and in; the env key adds edits.
    const consoleBesideLogin: FixtureSpec = {
      home: {
        '.claude/.credentials.json': credentialsFile(),
        '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, primaryApiKey: KEYS.consoleKey },
        '.bashrc': DIALECTS.bash!.text,
      },
      env: ENV,
      claude: {
        script: `echo "$* DISABLE_AUTOUPDATER=$DISABLE_AUTOUPDATER" >> "$HOME/../claude-args.log"\ncase "$1" in --version) echo "2.1.331 (Claude Code)";; auth) echo 'Successfully logged out'; printf '{"oauthAccount":{}}' > "$HOME/.claude.json";; esac`,
      },
    };
    const argsLog = (fixture: { root: string }) => path.join(fixture.root, 'claude-args.log');

    it('asks before each step and runs `claude auth logout` with the auto-updater off', async () => {
      const fixture = makeFixture(consoleBesideLogin);
      const log = argsLog(fixture);
      const run = await fix(fixture, { answers: ['yes', 'yes'] });
      expect(run.questions).toEqual(['  Apply these edits?', '  Run it?']);
      expect(run.out).toContain('$ claude auth logout');
      expect(run.out).toContain('    | Successfully logged out');
      const calls = read(log).trim().split('\n');
      expect(calls).toContain('auth logout DISABLE_AUTOUPDATER=1');
      expect(
        calls.every(
          (c) =>
            c === '--version DISABLE_AUTOUPDATER=1' || c === 'auth logout DISABLE_AUTOUPDATER=1',
        ),
      ).toBe(true);
      // Problems and plan, not the full list; before/after for changed rows only; what is left
      // for the user last; then one verdict.
      expect(run.out).not.toContain('Subscription login');
      expect(run.out).toMatch(
        /Before → after {2}\(\d+ unchanged; as a new terminal will see it, without ANTHROPIC_API_KEY\)\n( {2}[^\n]+\n)+\nStill to do yourself[\s\S]*Log in with the Claude account that has your plan\n {6}\$ claude auth login --claudeai[\s\S]*\$ claude-auth-doctor\n\nIn a new terminal: Claude Code will use your claude\.ai Max 20x login, billed to your plan\.\n$/,
      );
      expect(run.out).toMatch(/! warn {2}→ ✔ pass {2}Competing credentials/);
      const table = run.out.split('Before → after')[1]!.split('\n\n')[0]!;
      expect(table).not.toContain('Claude Code version');
    });

    it('n skips a step, q stops asking, a answers the rest', async () => {
      const skipped = makeFixture(consoleBesideLogin);
      const log = argsLog(skipped);
      const no = await fix(skipped, { answers: ['no', 'quit'] });
      expect(no.questions).toHaveLength(2);
      expect(no.code).toBe(1);
      expect(no.out).toContain('Nothing was changed.');
      expect(read(path.join(skipped.home, '.bashrc'))).toBe(DIALECTS.bash!.text);
      expect(read(log)).not.toContain('auth');
      expect(no.out).toContain('  - ~/.bashrc: make the edit shown above (not applied)\n');
      expect(no.out).toContain('  - run `claude auth logout` (not done)\n');

      const quit = await fix(skipped, { answers: ['quit'] });
      expect(quit.questions).toHaveLength(1);
      expect(quit.out).toContain('Skipped; stopping here.');

      const all = await fix(skipped, { answers: ['all'] });
      expect(all.questions).toHaveLength(1);
      expect(read(path.join(skipped.home, '.bashrc'))).toBe(DIALECTS.bash!.expected);
      expect(read(log)).toContain('auth logout DISABLE_AUTOUPDATER=1');
    });

    it('bounds the update with its own timeout and reports it', async () => {
      const registry = await fakeRegistry({ tags: { latest: '2.2.0' } });
      const fixture = makeFixture({
        home: subscriptionHome(),
        env: { npm_config_registry: registry.url },
        claude: {
          script:
            'case "$1" in --version) echo "2.1.197 (Claude Code)";; update) exec /bin/sleep 30;; esac',
        },
      });
      const started = Date.now();
      const run = await fix(fixture, { yes: true, offline: false, updateTimeoutMs: 400 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(run.out).toContain('$ claude update');
      expect(run.out).toContain('✖ `claude update` did not finish within 400 ms');
      expect(run.code).toBe(1);
    });
  });
});

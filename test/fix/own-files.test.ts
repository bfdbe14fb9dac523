import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/fix/backup.js';
import { markerLine } from '../../src/fix/shell-line.js';
import { backups, fix, snapshot, stateDir, undo } from '../helpers/fix.js';
import { makeFixture, subscriptionHome, type Fixture } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

// `fix` writes only the user's own files, and `--undo` writes back only what a fix of this user
// could have written. Each case is one an attacker (or a careless setup) could arrange.

const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
const KEY = KEYS.apiKey;
const ENV = { ANTHROPIC_API_KEY: KEY };
const BASHRC = `# .bashrc\nexport PATH="$HOME/bin:$PATH"\nexport ANTHROPIC_API_KEY="${KEY}"\nalias ll='ls -l'\n`;
const EDITED = `# .bashrc\nexport PATH="$HOME/bin:$PATH"\n${markerLine('ANTHROPIC_API_KEY', '2026-11-25')}\n# export ANTHROPIC_API_KEY="${KEY}"\nalias ll='ls -l'\n`;
const read = (file: string) => readFileSync(file, 'utf8');

function home(files: Record<string, string> = {}): Fixture {
  return makeFixture({ home: subscriptionHome(files), env: ENV });
}

describe('fix writes only the user’s own files', () => {
  it('leaves a symbolic link to a file outside HOME to the user, with the exact instruction', async () => {
    const fixture = home();
    const outside = path.join(fixture.root, 'shared', 'bashrc');
    mkdirSync(path.dirname(outside));
    writeFileSync(outside, BASHRC);
    symlinkSync(outside, path.join(fixture.home, '.bashrc'));
    const before = snapshot(fixture.root);
    const run = await fix(fixture, { yes: true });
    expect(run.out).toContain(
      `~/.bashrc:3: it is a symbolic link to ${outside}, outside your home directory, so fix leaves it alone; comment out line 3 of ${outside} (it sets ANTHROPIC_API_KEY) by hand, as its owner`,
    );
    expect(run.out).toMatch(/Still to do yourself\n {2}- ~\/\.bashrc:3: it is a symbolic link/);
    expect(snapshot(fixture.root)).toEqual(before);
    expect(backups(fixture)).toEqual({});
  });

  it('leaves a symbolic link to a system file (root-owned, outside HOME) alone, as root too', async () => {
    const fixture = home();
    const system = path.join(fixture.system, 'opt', 'dotfiles', 'bashrc');
    mkdirSync(path.dirname(system), { recursive: true });
    writeFileSync(system, BASHRC);
    symlinkSync(system, path.join(fixture.home, '.bashrc'));
    const run = await fix(fixture, { yes: true });
    expect(run.out).toContain(`comment out line 3 of ${system} (it sets ANTHROPIC_API_KEY)`);
    expect(read(system)).toBe(BASHRC);
  });

  it('leaves a file of another user alone (as root with a real second uid), and its target through a link', async () => {
    const fixture = home({
      '.bashrc': BASHRC,
      'dotfiles/zshrc': BASHRC.replace('bashrc', 'zshrc'),
    });
    const bashrc = path.join(fixture.home, '.bashrc');
    const dotfile = path.join(fixture.home, 'dotfiles/zshrc');
    symlinkSync(dotfile, path.join(fixture.home, '.zshrc'));
    // As root: the files really belong to nobody. Otherwise the run is told it is another uid.
    if (ROOT) for (const file of [bashrc, dotfile]) chownSync(file, NOBODY, NOBODY);
    const uid = ROOT ? undefined : statSync(bashrc).uid + 1;
    const owner = ROOT ? NOBODY : statSync(bashrc).uid;
    const before = snapshot(fixture.root);
    const run = await fix(fixture, { yes: true, ...(uid !== undefined ? { uid } : {}) });
    expect(run.out).toContain(
      `~/.bashrc:3: ~/.bashrc belongs to another user (uid ${owner}), so fix leaves it alone; comment out line 3 of ~/.bashrc (it sets ANTHROPIC_API_KEY) by hand, as its owner`,
    );
    expect(run.out).toContain(
      `~/.zshrc:3: ~/dotfiles/zshrc belongs to another user (uid ${owner}), so fix leaves it alone`,
    );
    expect(snapshot(fixture.root)).toEqual(before);
  });

  it('still edits a symbolic link to the user’s own file inside HOME, at its target', async () => {
    const fixture = home({ 'dotfiles/bashrc': BASHRC });
    symlinkSync(path.join(fixture.home, 'dotfiles/bashrc'), path.join(fixture.home, '.bashrc'));
    const run = await fix(fixture, { yes: true });
    expect(run.out).toContain('✔ edited ~/dotfiles/bashrc (the target of ~/.bashrc)');
    expect(read(path.join(fixture.home, 'dotfiles/bashrc'))).toBe(EDITED);
  });

  it('edits a hard-linked file in place, so both names change, and undo restores both', async () => {
    const fixture = home({ 'dotfiles/bashrc': BASHRC });
    const twin = path.join(fixture.home, 'dotfiles/bashrc');
    const bashrc = path.join(fixture.home, '.bashrc');
    linkSync(twin, bashrc);
    chmodSync(bashrc, 0o640);
    const run = await fix(fixture, { yes: true });
    expect(run.out).toContain(
      'has 2 names (hard links): editing it in place, so every name changes',
    );
    expect(read(bashrc)).toBe(EDITED);
    expect(read(twin)).toBe(EDITED);
    expect(statSync(bashrc).ino).toBe(statSync(twin).ino);
    expect(statSync(bashrc).nlink).toBe(2);
    expect(statSync(bashrc).mode & 0o777).toBe(0o640);
    // The doctor then sees no key in either name.
    expect(run.out).toMatch(/✖ fail\s+→ ✔ pass\s+ANTHROPIC_API_KEY/);
    const manifest = JSON.parse(Object.values(backups(fixture))[0]!['manifest.json']!);
    expect(manifest.files[0]).toMatchObject({ inPlace: true, written: true });

    expect((await undo(fixture)).code).toBe(0);
    expect(read(bashrc)).toBe(BASHRC);
    expect(read(twin)).toBe(BASHRC);
    expect(statSync(bashrc).nlink).toBe(2);
  });

  const weakState: [string, (f: Fixture) => void, string][] = [
    [
      'writable by everyone',
      (f) => {
        mkdirSync(stateDir(f));
        chmodSync(stateDir(f), 0o777);
      },
      'is writable by everyone (mode 777)',
    ],
    [
      'a symbolic link',
      (f) => {
        mkdirSync(path.join(f.root, 'elsewhere'));
        symlinkSync(path.join(f.root, 'elsewhere'), stateDir(f));
      },
      'is a symbolic link',
    ],
  ];
  if (ROOT)
    weakState.push([
      'owned by another user',
      (f) => {
        mkdirSync(stateDir(f), { mode: 0o700 });
        chownSync(stateDir(f), NOBODY, NOBODY);
      },
      `is owned by another user (uid ${NOBODY})`,
    ]);
  it.each(weakState)(
    'keeps no backups in a state directory that is %s, and so writes nothing',
    async (_, weaken, why) => {
      const fixture = home({ '.bashrc': BASHRC });
      weaken(fixture);
      const before = snapshot(fixture.root);
      const run = await fix(fixture, { yes: true });
      expect(run.out).toContain(
        `✖ ~/.bashrc: could not back it up: ${stateDir(fixture)} ${why}, so fix does not keep backups there; nothing was written`,
      );
      expect(snapshot(fixture.root)).toEqual(before);
    },
  );
});

describe('two fix runs at once', () => {
  it('leave every file as one run would, and each undo restores its own run', async () => {
    const fixture = home({ '.bashrc': BASHRC });
    const bashrc = path.join(fixture.home, '.bashrc');
    // Both runs plan on the same file, then answer yes at the same moment.
    let asked = 0;
    let release!: () => void;
    const together = new Promise<void>((resolve) => (release = resolve));
    const onAsk = async () => {
      asked += 1;
      if (asked === 2) release();
      await together;
    };
    const [a, b] = await Promise.all([
      fix(fixture, { answers: ['yes'], onAsk }),
      fix(fixture, { answers: ['yes'], onAsk }),
    ]);
    expect(read(bashrc)).toBe(EDITED);
    const outs = [a.out, b.out];
    expect(outs.filter((o) => o.includes('✔ edited ~/.bashrc'))).toHaveLength(1);
    expect(
      outs.filter((o) =>
        o.includes('✖ ~/.bashrc: it changed while fix was waiting; nothing was written'),
      ),
    ).toHaveLength(1);
    expect(Object.keys(backups(fixture))).toHaveLength(1);
    expect(existsLock(fixture)).toBe(false);

    expect((await undo(fixture)).code).toBe(0);
    expect(read(bashrc)).toBe(BASHRC);
    expect((await undo(fixture)).out).toContain('Nothing to undo');
  });

  it('waits for a run holding the lock, and takes over the lock of a run that died', async () => {
    const fixture = home({ '.bashrc': BASHRC });
    const lock = path.join(stateDir(fixture), 'fix.lock');
    mkdirSync(stateDir(fixture), { mode: 0o700 });
    // A live holder (this very process) has the lock: the run waits for it.
    const host = (await import('node:os')).hostname();
    writeFileSync(lock, `${process.pid}\n${host}\n`);
    let fixed = false;
    const running = fix(fixture, { yes: true }).then((r) => {
      fixed = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fixed).toBe(false);
    expect(read(path.join(fixture.home, '.bashrc'))).toBe(BASHRC);
    rmSync(lock);
    expect((await running).out).toContain('✔ edited ~/.bashrc');
    expect(read(path.join(fixture.home, '.bashrc'))).toBe(EDITED);
    await undo(fixture);

    // A lock left by a process that no longer exists (a crash) does not block.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(lock, `${dead}\n${host}\n`);
    const run = await fix(fixture, { yes: true });
    expect(run.out).toContain('✔ edited ~/.bashrc');
    expect(existsLock(fixture)).toBe(false);
  });
});

function existsLock(fixture: Fixture): boolean {
  return readdirSync(stateDir(fixture)).includes('fix.lock');
}

// A manifest is what `--undo` writes back. One planted in the state directory (or left by
// something else) must not make it write outside the user's files, set special bits, or give a
// file away.
describe('undo refuses a manifest a fix of this user could not have written', () => {
  const EVIL = 'evil contents\n';

  /** A run directory with one entry, whose target currently holds the "after" contents. */
  function planted(
    fixture: Fixture,
    target: string,
    entry: Record<string, unknown> = {},
  ): { dir: string } {
    const dir = path.join(stateDir(fixture), 'backups', '2026-11-25T09-00-00.000Z-001');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(stateDir(fixture), 0o700);
    writeFileSync(path.join(dir, '1-backup'), EVIL, { mode: 0o600 });
    const now = readFileSync(target);
    const info = statSync(target);
    const manifest = {
      tool: 'claude-auth-doctor',
      version: '0.1.0',
      createdAt: '2026-11-25T09:00:00.000Z',
      files: [
        {
          path: target,
          backup: '1-backup',
          before: sha256(EVIL),
          after: sha256(now),
          written: true,
          mode: info.mode & 0o777,
          uid: info.uid,
          gid: info.gid,
          ...entry,
        },
      ],
    };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest), { mode: 0o600 });
    return { dir };
  }

  it('control: a manifest like fix writes is honoured (so the cases below can fail)', async () => {
    const fixture = home({ '.bashrc': BASHRC });
    const bashrc = path.join(fixture.home, '.bashrc');
    planted(fixture, bashrc);
    expect((await undo(fixture)).code).toBe(0);
    expect(read(bashrc)).toBe(EVIL);
  });

  it('refuses a setuid or setgid mode', async () => {
    const fixture = home({ '.bashrc': BASHRC });
    const bashrc = path.join(fixture.home, '.bashrc');
    const { dir } = planted(fixture, bashrc, { mode: 0o4755 });
    const result = await undo(fixture);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `Refusing to undo from ${dir}: its manifest asks for ~/.bashrc to get mode 4755 (a setuid, setgid or sticky bit).`,
    );
    expect(result.out).toContain('Nothing was restored.');
    expect(read(bashrc)).toBe(BASHRC);
    expect(statSync(bashrc).mode & 0o7777).toBe(0o644);
  });

  it('refuses a path outside HOME and the settings directories', async () => {
    const fixture = home();
    const victim = path.join(fixture.root, 'elsewhere', 'authorized_keys');
    mkdirSync(path.dirname(victim));
    writeFileSync(victim, 'ssh-ed25519 AAAA user\n');
    planted(fixture, victim);
    const result = await undo(fixture);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `its manifest names ${victim}, outside your home and Claude Code's settings directories`,
    );
    expect(read(victim)).toBe('ssh-ed25519 AAAA user\n');
  });

  it('refuses a path inside HOME reached through a symbolic link to elsewhere', async () => {
    const fixture = home();
    const elsewhere = path.join(fixture.root, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, 'passwd'), 'root:x:0:0\n');
    symlinkSync(elsewhere, path.join(fixture.home, 'link'));
    planted(fixture, path.join(fixture.home, 'link', 'passwd'));
    const result = await undo(fixture);
    expect(result.code).toBe(1);
    expect(result.out).toContain('~/link/passwd, outside your home');
    expect(read(path.join(elsewhere, 'passwd'))).toBe('root:x:0:0\n');
  });

  it('refuses to give a file to another user', async () => {
    const fixture = home({ '.bashrc': BASHRC });
    const bashrc = path.join(fixture.home, '.bashrc');
    planted(fixture, bashrc, { uid: NOBODY, gid: NOBODY });
    const result = await undo(fixture);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `its manifest asks for ~/.bashrc to be owned by another user (uid ${NOBODY})`,
    );
    expect(read(bashrc)).toBe(BASHRC);
    expect(statSync(bashrc).uid).toBe(process.getuid?.());
  });

  it('refuses a backup name that leaves the run directory', async () => {
    const fixture = home({ '.bashrc': BASHRC });
    planted(fixture, path.join(fixture.home, '.bashrc'), { backup: '../../../secret' });
    const result = await undo(fixture);
    expect(result.code).toBe(1);
    expect(result.out).toContain('names its backup or contents oddly');
  });

  const weakened: [string, (f: Fixture) => void, string][] = [
    [
      'the backups directory is writable by everyone',
      (f: Fixture) => chmodSync(path.join(stateDir(f), 'backups'), 0o777),
      'backups is writable by everyone (mode 777), so the backups there may not be yours',
    ],
    [
      'the state directory is a symbolic link',
      (f: Fixture) => {
        const moved = path.join(f.root, 'moved-state');
        spawnSync('mv', [stateDir(f), moved]);
        symlinkSync(moved, stateDir(f));
      },
      'state is a symbolic link, so the backups there may not be yours',
    ],
    [
      'the run directory is writable by everyone',
      (f: Fixture) => {
        const [run] = readdirSync(path.join(stateDir(f), 'backups'));
        chmodSync(path.join(stateDir(f), 'backups', run!), 0o777);
      },
      'is writable by everyone (mode 777).',
    ],
    ...(ROOT
      ? ([
          [
            'the manifest belongs to another user',
            (f: Fixture) => {
              const [run] = readdirSync(path.join(stateDir(f), 'backups'));
              chownSync(path.join(stateDir(f), 'backups', run!, 'manifest.json'), NOBODY, NOBODY);
            },
            `manifest.json is owned by another user (uid ${NOBODY})`,
          ],
        ] as [string, (f: Fixture) => void, string][])
      : []),
  ];
  it.each(weakened)('refuses when %s', async (_, weaken, message) => {
    const fixture = home({ '.bashrc': BASHRC });
    const bashrc = path.join(fixture.home, '.bashrc');
    planted(fixture, bashrc);
    weaken(fixture);
    const result = await undo(fixture);
    expect(result.code).toBe(1);
    expect(result.out).toContain(message);
    expect(result.out).toContain('Nothing was restored.');
    expect(read(bashrc)).toBe(BASHRC);
    expect(lstatSync(bashrc).isFile()).toBe(true);
  });
});

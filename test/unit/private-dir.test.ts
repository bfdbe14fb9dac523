import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LockBusy, withLock } from '../../src/world/lock.js';
import { currentUser, privateDir, readPrivateFile } from '../../src/world/private-dir.js';

const roots: string[] = [];
afterEach(() => {
  while (roots.length) rmSync(roots.pop()!, { recursive: true, force: true });
});

function root(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cad-private-'));
  roots.push(dir);
  return dir;
}

const user = currentUser()!;
const ROOT = user.uid === 0;

describe('privateDir (ssh StrictModes style)', () => {
  it('creates the missing parts 0700 and accepts them', () => {
    const base = path.join(root(), 'xdg');
    expect(privateDir(base, ['a', 'b'], true, user)).toEqual({
      ok: true,
      dir: path.join(base, 'a', 'b'),
    });
    expect(statSync(path.join(base, 'a', 'b')).mode & 0o777).toBe(0o700);
    expect(privateDir(base, ['a', 'b'], false, user)).toMatchObject({ ok: true });
  });

  it('does not create anything unless asked', () => {
    const base = root();
    expect(privateDir(base, ['a'], false, user)).toEqual({
      ok: false,
      path: path.join(base, 'a'),
      reason: 'does not exist',
    });
  });

  it('accepts a shared sticky base like /tmp, and a base writable by the user’s own group, but not by another group', () => {
    const base = root();
    chmodSync(base, 0o1777);
    expect(privateDir(base, ['a'], true, user)).toMatchObject({ ok: true });
    chmodSync(base, 0o777);
    expect(privateDir(base, ['a'], false, user)).toMatchObject({
      ok: false,
      reason: 'is writable by everyone',
    });
    chmodSync(base, 0o775);
    expect(privateDir(base, ['a'], false, user)).toMatchObject({ ok: true });
    expect(privateDir(base, ['a'], false, { ...user, gid: user.gid + 1 })).toMatchObject({
      ok: false,
      reason: 'is writable by its group',
    });
  });

  it('follows a symbolic link for the base, never for a part', () => {
    const top = root();
    mkdirSync(path.join(top, 'real', 'a'), { recursive: true, mode: 0o700 });
    symlinkSync(path.join(top, 'real'), path.join(top, 'base'));
    expect(privateDir(path.join(top, 'base'), ['a'], false, user)).toMatchObject({ ok: true });
    symlinkSync(path.join(top, 'real', 'a'), path.join(top, 'real', 'b'));
    expect(privateDir(path.join(top, 'base'), ['b'], true, user)).toMatchObject({
      ok: false,
      reason: 'is a symbolic link',
    });
  });

  it('refuses a part owned by another user (root accepted), or writable by others', () => {
    const base = root();
    mkdirSync(path.join(base, 'a'), { mode: 0o700 });
    // Seen from another uid, the directory belongs to someone else.
    expect(privateDir(base, ['a'], false, { uid: user.uid + 4242, gid: user.gid })).toMatchObject(
      ROOT ? { ok: true } : { ok: false, reason: `is owned by another user (uid ${user.uid})` },
    );
    if (ROOT) {
      chownSync(path.join(base, 'a'), 65534, 65534);
      expect(privateDir(base, ['a'], false, user)).toMatchObject({
        ok: false,
        reason: 'is owned by another user (uid 65534)',
      });
      chownSync(path.join(base, 'a'), user.uid, user.gid);
    }
    chmodSync(path.join(base, 'a'), 0o770);
    expect(privateDir(base, ['a'], false, user)).toMatchObject({
      ok: false,
      reason: 'is writable by its group (mode 770)',
    });
  });

  it('reads a file only when private and not a link, without blocking on a FIFO', () => {
    const dir = root();
    const file = path.join(dir, 'f');
    writeFileSync(file, 'data', { mode: 0o600 });
    expect(readPrivateFile(file, user, 100)).toEqual({ ok: true, bytes: Buffer.from('data') });
    expect(readPrivateFile(file, user, 2)).toMatchObject({ ok: false, reason: 'is too large' });
    chmodSync(file, 0o646);
    expect(readPrivateFile(file, user, 100)).toMatchObject({
      ok: false,
      reason: 'is writable by everyone (mode 646)',
    });
    symlinkSync(file, path.join(dir, 'link'));
    expect(readPrivateFile(path.join(dir, 'link'), user, 100)).toMatchObject({
      ok: false,
      reason: 'is a symbolic link',
    });
    expect(readPrivateFile(path.join(dir, 'none'), user, 100)).toMatchObject({
      ok: false,
      missing: true,
    });
  });
});

describe('withLock', () => {
  it('gives up after waiting for a live holder, naming it', async () => {
    const lock = path.join(root(), 'fix.lock');
    await withLock(lock, 0, async () => {
      await expect(withLock(lock, 200, async () => 'never')).rejects.toThrow(LockBusy);
      await expect(withLock(lock, 0, async () => 'never')).rejects.toThrow(
        `another claude-auth-doctor fix (pid ${process.pid}) is changing files`,
      );
    });
    // Released: the next one gets it at once.
    expect(await withLock(lock, 0, async () => 'mine')).toBe('mine');
  });
});

import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { makeDirSync } from './make-dir.js';

// The doctor's cache and state directories hold code (the V8 code cache), answers that steer
// its output and `fix` (the registry cache), and backups that `fix --undo` writes back. Anyone
// who can write there could make the doctor run their code or restore their files. So, like
// ssh's StrictModes, the doctor uses a directory or a file there only when it is private:
// owned by the user (or root), writable by nobody else, and not a symbolic link. Otherwise it
// works without it. All synchronous: boot.ts needs these before anything runs, and a handful
// of lstat calls cost microseconds.

/** Who the doctor runs as; null where there are no uids (Windows). */
export interface User {
  uid: number;
  gid: number;
}

export function currentUser(): User | null {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  return uid === undefined || gid === undefined ? null : { uid, gid };
}

export type Checked = { ok: true; dir: string } | { ok: false; path: string; reason: string };

// A FIFO planted under the name of a file would block open(2) for reading: O_NONBLOCK.
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const READ_FLAGS = constants.O_RDONLY | O_NOFOLLOW | (constants.O_NONBLOCK ?? 0);

const ownedByOther = (info: Stats, user: User) => info.uid !== user.uid && info.uid !== 0;

/** Why a directory or file inside the private tree cannot be trusted; null when it can. */
export function unsafeBecause(info: Stats, user: User, kind: 'directory' | 'file'): string | null {
  if (info.isSymbolicLink()) return 'is a symbolic link';
  if (kind === 'directory' ? !info.isDirectory() : !info.isFile()) return `is not a ${kind}`;
  if (ownedByOther(info, user)) return `is owned by another user (uid ${info.uid})`;
  if (info.mode & 0o022)
    return `is writable by ${info.mode & 0o002 ? 'everyone' : 'its group'} (mode ${(info.mode & 0o777).toString(8)})`;
  return null;
}

/**
 * The XDG base (`~/.cache`, `$XDG_STATE_HOME`) is the user's choice and may be a symbolic link
 * or a shared directory such as /tmp: followed, and accepted when nobody else can replace what
 * the doctor keeps in it (sticky, or writable only by the user's own private group).
 */
function baseUnsafeBecause(info: Stats, user: User): string | null {
  if (!info.isDirectory()) return 'is not a directory';
  if (ownedByOther(info, user)) return `is owned by another user (uid ${info.uid})`;
  const sticky = (info.mode & 0o1000) !== 0;
  if (info.mode & 0o002 && !sticky) return 'is writable by everyone';
  if (info.mode & 0o020 && !sticky && info.gid !== user.gid) return 'is writable by its group';
  return null;
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

function statFailure(error: unknown): string {
  return codeOf(error) === 'ENOENT' ? 'does not exist' : `cannot be used (${codeOf(error)})`;
}

/**
 * `base/parts...` when every part of it is private, creating missing parts (mode 0700) when
 * `create`; else which path is not, and why. Each part is checked with lstat, so a symbolic
 * link anywhere below the base is refused rather than followed.
 */
export function privateDir(
  base: string,
  parts: readonly string[],
  create: boolean,
  user: User | null,
): Checked {
  const full = path.join(base, ...parts);
  if (!user) return { ok: true, dir: full };
  try {
    if (create) makeDirSync(base, 0o700);
    const why = baseUnsafeBecause(statSync(base), user);
    if (why) return { ok: false, path: base, reason: why };
  } catch (error) {
    return { ok: false, path: base, reason: statFailure(error) };
  }
  let dir = base;
  for (const part of parts) {
    dir = path.join(dir, part);
    try {
      let info: Stats;
      try {
        info = lstatSync(dir);
      } catch (error) {
        if (!create || codeOf(error) !== 'ENOENT') throw error;
        try {
          mkdirSync(dir, { mode: 0o700 });
        } catch (made) {
          if (codeOf(made) !== 'EEXIST') throw made;
        }
        info = lstatSync(dir);
      }
      const why = unsafeBecause(info, user, 'directory');
      if (why) return { ok: false, path: dir, reason: why };
    } catch (error) {
      return { ok: false, path: dir, reason: statFailure(error) };
    }
  }
  return { ok: true, dir };
}

export type PrivateRead =
  { ok: true; bytes: Buffer } | { ok: false; missing: boolean; reason: string };

/**
 * A file of a private directory (see privateDir), read through one descriptor opened without
 * following a symbolic link, and used only when that descriptor's file is private too.
 */
export function readPrivateFile(file: string, user: User | null, limit: number): PrivateRead {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (error) {
    const code = codeOf(error);
    return {
      ok: false,
      missing: code === 'ENOENT',
      // O_NOFOLLOW answers a symbolic link with ELOOP.
      reason: code === 'ELOOP' ? 'is a symbolic link' : statFailure(error),
    };
  }
  try {
    const info = fstatSync(fd);
    const why = user ? unsafeBecause(info, user, 'file') : info.isFile() ? null : 'is not a file';
    if (why) return { ok: false, missing: false, reason: why };
    if (info.size > limit) return { ok: false, missing: false, reason: 'is too large' };
    return { ok: true, bytes: readFileSync(fd) };
  } catch (error) {
    return { ok: false, missing: false, reason: statFailure(error) };
  } finally {
    closeSync(fd);
  }
}

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface Ownership {
  mode: number;
  /** Owner to keep; left out for the doctor's own files. */
  uid?: number;
  gid?: number;
}

/** The steps tests may replace, to fail a write or crash in the middle of a run. */
export interface WriteOps {
  rename(from: string, to: string): Promise<void>;
  /**
   * Called between two steps of writing (`locked`, `recorded:1`, `written:2`, ...); a crash
   * test kills the process there (CLAUDE_AUTH_DOCTOR_TEST_CRASH_AT, src/world/crash.ts).
   */
  checkpoint?(step: string): void;
}

export const realOps: WriteOps = { rename };

/**
 * Replaces `file` with `data` atomically: a temporary file in the same directory, with the
 * old mode and owner, fsynced, then renamed over the original. A reader (or a crash) sees the
 * old file or the new one, never half of it.
 */
export async function writeAtomic(
  file: string,
  data: string | Buffer,
  keep: Ownership,
  ops: WriteOps = realOps,
  /** Names the checkpoint before the rename (`temp-written:<label>`). */
  label?: string,
): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `${tempPrefix(file)}${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
      const now = await handle.stat();
      // Only root can give a file away; anyone else writes their own files, so this is a no-op.
      if (
        keep.uid !== undefined &&
        keep.gid !== undefined &&
        (now.uid !== keep.uid || now.gid !== keep.gid)
      ) {
        await handle.chown(keep.uid, keep.gid);
      }
      // Never a setuid, setgid or sticky bit: only a file's permissions are kept.
      await handle.chmod(keep.mode & 0o777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (label) ops.checkpoint?.(`temp-written:${label}`);
    await ops.rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

const tempPrefix = (file: string) => `.${path.basename(file).slice(0, 200)}.cad-`;

/**
 * Removes the temporary files a crashed run left beside `file` (named as writeAtomic names
 * them, regular files of this user only). Called under the state directory's lock, so no
 * other run is writing one.
 */
export async function removeStaleTemps(file: string, uid: number | null): Promise<void> {
  const prefix = tempPrefix(file);
  const dir = path.dirname(file);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{8}\.tmp$/.test(name.slice(prefix.length))) continue;
    const info = await lstat(path.join(dir, name)).catch(() => null);
    if (info?.isFile() && (uid === null || info.uid === uid))
      await rm(path.join(dir, name), { force: true });
  }
}

/** A file that is no longer the one planned on: replaced, or changed, since. */
export class FileChanged extends Error {
  readonly code = 'ECHANGED';
}

/**
 * Rewrites `file` in place, through one descriptor opened without following a link, when it is
 * still the file `expected` (same device, inode and bytes): a file with several names (hard
 * links) keeps them all, each showing the new text. Not atomic for a reader; a crash in the
 * middle leaves a file that `--undo --force` restores from the backup taken before.
 */
export async function writeInPlace(
  file: string,
  data: string | Buffer,
  expected: { dev: number; ino: number; bytes: Buffer | null },
): Promise<void> {
  const handle = await open(file, constants.O_RDWR | (constants.O_NOFOLLOW ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.dev !== expected.dev || info.ino !== expected.ino)
      throw new FileChanged('it was replaced while fix was waiting');
    if (expected.bytes && !(await handle.readFile()).equals(expected.bytes))
      throw new FileChanged('it changed while fix was waiting');
    const bytes = Buffer.from(data);
    await handle.write(bytes, 0, bytes.length, 0);
    await handle.truncate(bytes.length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// Makes the rename itself durable; not every platform can open a directory.
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

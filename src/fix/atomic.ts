import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface Ownership {
  mode: number;
  /** Owner to keep; left out for the doctor's own files. */
  uid?: number;
  gid?: number;
}

/** The one step tests may replace, to fail a write in the middle of a run. */
export interface WriteOps {
  rename(from: string, to: string): Promise<void>;
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
): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(
    dir,
    `.${path.basename(file).slice(0, 200)}.cad-${randomBytes(4).toString('hex')}.tmp`,
  );
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
      await handle.chmod(keep.mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await ops.rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
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

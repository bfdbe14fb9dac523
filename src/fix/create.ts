import { open } from 'node:fs/promises';
import path from 'node:path';
import { makeDir } from '../world/make-dir.js';

export interface Created {
  mode: number;
  uid: number;
  gid: number;
  dev: number;
  ino: number;
  nlink: number;
}

/**
 * Creates `file` holding `text` when it does not exist yet (never overwrites: `wx`), so a
 * planned edit of a file that is missing can go through the usual backup and undo: undo then
 * brings back this starting text. Returns the new file's identity, or null when a file is
 * already there.
 */
export async function createIfMissing(
  file: string,
  text: string,
  mode = 0o644,
): Promise<Created | null> {
  await makeDir(path.dirname(file), 0o755);
  let handle;
  try {
    handle = await open(file, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw error;
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
    const info = await handle.stat();
    return {
      mode: info.mode,
      uid: info.uid,
      gid: info.gid,
      dev: info.dev,
      ino: info.ino,
      nlink: info.nlink,
    };
  } finally {
    await handle.close();
  }
}

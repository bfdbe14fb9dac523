import { open } from 'node:fs/promises';
import path from 'node:path';
import { makeDir } from '../world/make-dir.js';

/**
 * Creates `file` holding `text` when it does not exist yet (never overwrites: `wx`), so a
 * planned edit of a file that is missing can go through the usual backup and undo: undo then
 * brings back this starting text. Returns false when the file is already there.
 */
export async function createIfMissing(file: string, text: string, mode = 0o644): Promise<boolean> {
  await makeDir(path.dirname(file), 0o755);
  let handle;
  try {
    handle = await open(file, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

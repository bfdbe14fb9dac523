import { constants as fsConstants } from 'node:fs';
import { access, lstat, readFile, stat } from './fs.js';

// File primitives behind the Context; nothing else calls them.

export const MB = 1024 * 1024;

export type RawRead = { ok: true; bytes: Buffer } | { ok: false; code: string; message: string };

/**
 * Reads a regular file only: a FIFO would block the run forever and a device never ends, so
 * anything else is refused with a reason, as is a file over `limit`.
 */
export async function readRegularFile(file: string, limit: number): Promise<{ ok: true; bytes: Buffer } | { ok: false; code: string; message: string }> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { ok: false, code: 'EISDIR', message: 'is a directory, not a file' };
    if (!info.isFile()) return { ok: false, code: 'ENOTREG', message: 'is not a regular file (a pipe, socket or device)' };
    if (info.size > limit) {
      return { ok: false, code: 'ETOOBIG', message: `is ${Math.round(info.size / MB)} MB, more than the ${limit / MB} MB the doctor reads` };
    }
    return { ok: true, bytes: await readFile(file) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (await lstat(file).catch(() => null))?.isSymbolicLink()) {
      return { ok: false, code: 'EDANGLING', message: 'is a symbolic link to a file that does not exist' };
    }
    return { ok: false, ...describeFsError(error) };
  }
}

export function describeFsError(error: unknown): { code: string; message: string } {
  const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  const messages: Record<string, string> = {
    ENOENT: 'does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory, not a file',
    ELOOP: 'symbolic link loop',
    ENOTDIR: 'a parent is not a directory',
  };
  return { code, message: messages[code] ?? `cannot be read (${code})` };
}

export async function isExecutable(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}


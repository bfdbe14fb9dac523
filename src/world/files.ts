import { constants as fsConstants } from 'node:fs';
import { access, close, lstat, open, read, stat } from './fs.js';

// File primitives behind the Context; nothing else calls them.

export const MB = 1024 * 1024;

export type ReadFailure = { ok: false; code: string; message: string };
export type RawRead = { ok: true; bytes: Buffer } | ReadFailure;

/** How much of a large file is in memory at once (readRegularFileChunks). */
const CHUNK_BYTES = MB;

/**
 * Reads a regular file only: a FIFO would block the run forever and a device never ends, so
 * anything else is refused with a reason, as is a file over `limit`. The file is opened
 * non-blocking (opening a FIFO then returns at once, and a /proc file with nothing to say
 * fails instead of waiting) and read at most `limit` + 1 bytes, so a file that lies about its
 * size, or grows, still ends.
 */
export async function readRegularFile(file: string, limit: number): Promise<RawRead> {
  let fd: number | undefined;
  try {
    const refused = await refuse(file, limit);
    if (typeof refused !== 'number') return refused;
    fd = await open(file, OPEN_FLAGS);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The stated size plus one byte reads a file that stays the same in one buffer and sees
      // its end in the next call; more comes in chunks (a file that grew; /proc files state 0).
      const want = total === 0 ? refused + 1 : 64 * 1024;
      const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(want, limit + 1 - total)));
      const length = await read(fd, buffer);
      if (length === 0) break;
      chunks.push(buffer.subarray(0, length));
      total += length;
      if (total > limit) return tooBig(total, limit);
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (error) {
    return failure(file, error);
  } finally {
    if (fd !== undefined) await close(fd).catch(() => undefined);
  }
}

const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Feeds a regular file to `sink` in chunks of one reused buffer, so a 50 MB file takes 1 MB of
 * memory instead of 50, and none of the page faults of a fresh 50 MB buffer (measured on a
 * 2-core VM: 54 MB read whole took 150-200 ms, in chunks 6 ms). A chunk is valid only during
 * the call; `sink` returns false to stop. The same guard and limit as readRegularFile.
 */
export async function readRegularFileChunks(
  file: string,
  limit: number,
  sink: (chunk: Uint8Array) => boolean,
): Promise<{ ok: true } | ReadFailure> {
  let fd: number | undefined;
  try {
    const refused = await refuse(file, limit);
    if (typeof refused !== 'number') return refused;
    fd = await open(file, OPEN_FLAGS);
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let total = 0;
    for (;;) {
      const length = await read(fd, buffer);
      total += length;
      // The file may have grown since the guard looked at it.
      if (total > limit) return tooBig(total, limit);
      if (length === 0 || !sink(buffer.subarray(0, length))) return { ok: true };
    }
  } catch (error) {
    return failure(file, error);
  } finally {
    if (fd !== undefined) await close(fd).catch(() => undefined);
  }
}

/** The file's stated size, or why it is not read. */
async function refuse(file: string, limit: number): Promise<ReadFailure | number> {
  const info = await stat(file);
  if (info.isDirectory())
    return { ok: false, code: 'EISDIR', message: 'is a directory, not a file' };
  if (!info.isFile())
    return {
      ok: false,
      code: 'ENOTREG',
      message: 'is not a regular file (a pipe, socket or device)',
    };
  return info.size > limit ? tooBig(info.size, limit) : info.size;
}

function tooBig(size: number, limit: number): ReadFailure {
  return {
    ok: false,
    code: 'ETOOBIG',
    message: `is ${Math.round(size / MB)} MB, more than the ${limit / MB} MB the doctor reads`,
  };
}

async function failure(file: string, error: unknown): Promise<ReadFailure> {
  if (
    (error as NodeJS.ErrnoException).code === 'ENOENT' &&
    (await lstat(file).catch(() => null))?.isSymbolicLink()
  ) {
    return {
      ok: false,
      code: 'EDANGLING',
      message: 'is a symbolic link to a file that does not exist',
    };
  }
  return { ok: false, ...describeFsError(error) };
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

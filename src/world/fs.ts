import {
  accessSync,
  constants,
  closeSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';

// The file system as the rest of the doctor sees it: promises, so a world that is not this
// machine's disk (an in-memory one in tests) fits the same seam. Underneath, the calls are
// synchronous on purpose. The doctor reads a few dozen small files, mostly one after another
// (a startup file decides which one comes next), and every callback call is a round trip
// through libuv's thread pool that waits for the main thread to be idle: measured with
// `npm run bench`, the plain run took 64 ms with the callback API and 52 ms with this.
// Nothing here can block on a file's contents: files are opened non-blocking and anything but
// a regular file is refused before it is read (src/world/files.ts). What remains is a stalled
// network file system, which would stall the thread pool just the same.

const settle = <T>(run: () => T): Promise<T> => {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error as Error);
  }
};

export const access = (file: string, mode?: number): Promise<void> =>
  settle(() => accessSync(file, mode));
export const close = (fd: number): Promise<void> => settle(() => closeSync(fd));
export const lstat = (file: string): Promise<Stats> => settle(() => lstatSync(file));
export const open = (file: string, flags: string | number): Promise<number> =>
  settle(() => openSync(file, flags));
export const readdir = (dir: string): Promise<string[]> => settle(() => readdirSync(dir));
/** Reads into `buffer` from the current position; resolves to the number of bytes read. */
export const read = (fd: number, buffer: Uint8Array): Promise<number> =>
  settle(() => readSync(fd, buffer, 0, buffer.length, null));
export function readFile(file: string | URL): Promise<Buffer>;
export function readFile(file: string | URL, encoding: 'utf8'): Promise<string>;
export function readFile(file: string | URL, encoding?: 'utf8'): Promise<Buffer | string> {
  // Opened non-blocking: a FIFO (say, a file swapped for one after the caller checked it) reads
  // as empty instead of waiting for a writer forever.
  return settle(() => {
    const fd = openSync(file, NON_BLOCKING);
    try {
      return encoding ? readFileSync(fd, encoding) : readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  });
}
const NON_BLOCKING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
// The native realpath(3): one call instead of an lstat per path component.
export const realpath = (file: string): Promise<string> => settle(() => realpathSync.native(file));
export const rename = (from: string, to: string): Promise<void> =>
  settle(() => renameSync(from, to));
export const rm = (file: string, options?: { force?: boolean; recursive?: boolean }) =>
  settle(() => rmSync(file, options));
export const stat = (file: string): Promise<Stats> => settle(() => statSync(file));
export const writeFile = (
  file: string,
  data: string | Uint8Array,
  options?: { mode?: number; flag?: string },
): Promise<void> => settle(() => writeFileSync(file, data, options));

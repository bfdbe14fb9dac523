import {
  access as accessCb,
  close as closeCb,
  lstat as lstatCb,
  open as openCb,
  read as readCb,
  readdir as readdirCb,
  readFile as readFileCb,
  realpath as realpathCb,
  rename as renameCb,
  rm as rmCb,
  stat as statCb,
  writeFile as writeFileCb,
} from 'node:fs';
import { promisify } from 'node:util';

// Promise versions of the callback functions Node has loaded before any of our code runs.
// node:fs/promises would cost ~1.5 ms more to load (it brings readline and the file
// watchers), as much as a whole check. Named imports: a default import of node:fs makes the
// bundle copy all its ~100 properties.

export const access = promisify(accessCb);
export const close = promisify(closeCb);
export const lstat = promisify(lstatCb);
export const open = promisify(openCb);
export const readdir = promisify(readdirCb);
/** Reads into `buffer` from the current position; resolves to the number of bytes read. */
export const read = (fd: number, buffer: Uint8Array): Promise<number> =>
  new Promise((resolve, reject) => {
    readCb(fd, buffer, 0, buffer.length, null, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    );
  });
export const readFile = promisify(readFileCb);
// The native realpath(3), as fs/promises uses: one call instead of an lstat per path component.
export const realpath = promisify(realpathCb.native);
export const rename = promisify(renameCb);
export const rm = promisify(rmCb);
export const stat = promisify(statCb);
export const writeFile = promisify(writeFileCb);

import fs from 'node:fs';
import { promisify } from 'node:util';

// Promise versions of the callback functions Node has loaded before any of our code runs.
// node:fs/promises would cost ~1.5 ms more to load (it brings readline and the file
// watchers), as much as a whole check.

export const access = promisify(fs.access);
export const lstat = promisify(fs.lstat);
export const mkdir = promisify(fs.mkdir);
export const readdir = promisify(fs.readdir);
export const readFile = promisify(fs.readFile);
// The native realpath(3), as fs/promises uses: one call instead of an lstat per path component.
export const realpath = promisify(fs.realpath.native);
export const rename = promisify(fs.rename);
export const rm = promisify(fs.rm);
export const stat = promisify(fs.stat);
export const writeFile = promisify(fs.writeFile);

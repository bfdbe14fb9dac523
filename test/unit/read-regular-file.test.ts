import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegularFile } from '../../src/world/files.js';
import { readFile } from '../../src/world/fs.js';

// The one reader behind ctx.readText and friends: synchronous underneath (src/world/fs.ts), so
// it must never wait on a file's contents.
const dir = mkdtempSync(path.join(tmpdir(), 'cad-read-'));

describe('readRegularFile', () => {
  it('reads a file exactly, in one buffer when its size holds', async () => {
    const file = path.join(dir, 'bytes');
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
    writeFileSync(file, bytes);
    const read = await readRegularFile(file, 1024 * 1024);
    expect(read.ok && read.bytes.equals(bytes)).toBe(true);
  });

  it('reads a /proc file, whose stated size is 0, to its end', async () => {
    const read = await readRegularFile('/proc/self/status', 1024 * 1024);
    expect(read.ok && read.bytes.toString('utf8')).toMatch(/^Name:/);
  });

  it('stops at the limit even when the stated size is smaller (a file that grows, /proc)', async () => {
    const read = await readRegularFile('/proc/self/maps', 64);
    expect(read).toMatchObject({ ok: false, code: 'ETOOBIG' });
  });

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(await readRegularFile(fifo, 1024)).toMatchObject({ ok: false, code: 'ENOTREG' });
  });

  it('refuses a device and a directory, and names a missing file', async () => {
    expect(await readRegularFile('/dev/zero', 1024)).toMatchObject({ ok: false, code: 'ENOTREG' });
    expect(await readRegularFile(dir, 1024)).toMatchObject({ ok: false, code: 'EISDIR' });
    expect(await readRegularFile(path.join(dir, 'none'), 1024)).toMatchObject({
      ok: false,
      code: 'ENOENT',
    });
  });

  it('refuses a file over the limit by its stated size, before reading it', async () => {
    const file = path.join(dir, 'big');
    writeFileSync(file, 'x'.repeat(2048));
    expect(await readRegularFile(file, 1024)).toMatchObject({ ok: false, code: 'ETOOBIG' });
    expect(readFileSync(file, 'utf8')).toHaveLength(2048);
  });

  it('the plain readFile (config, trust store) never waits on a FIFO either', async () => {
    const fifo = path.join(dir, 'fifo-plain');
    execFileSync('mkfifo', [fifo]);
    expect(await readFile(fifo, 'utf8')).toBe('');
  });
});

import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDir, makeDirSync } from '../../src/world/make-dir.js';

const roots: string[] = [];
afterEach(() => {
  while (roots.length) rmSync(roots.pop()!, { recursive: true, force: true });
});

function root(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cad-make-dir-'));
  roots.push(dir);
  return dir;
}

/** Both variants, the async one awaited. */
const variants = [
  ['makeDirSync', async (dir: string, mode: number) => makeDirSync(dir, mode)],
  ['makeDir', makeDir],
] as const;

describe.each(variants)('%s', (_, make) => {
  it('creates every missing level with the mode, and accepts what exists', async () => {
    const base = root();
    const dir = path.join(base, 'a', 'b', 'c');
    await make(dir, 0o700);
    for (const level of ['a', 'a/b', 'a/b/c'])
      expect(statSync(path.join(base, level)).mode & 0o777).toBe(0o700);
    await expect(make(dir, 0o700)).resolves.toBeUndefined();
  });

  it('fails with ENOTDIR when a parent is a file', async () => {
    const base = root();
    writeFileSync(path.join(base, 'file'), '');
    await expect(make(path.join(base, 'file', 'a', 'b'), 0o700)).rejects.toMatchObject({
      code: 'ENOTDIR',
    });
  });

  it('fails with ENOENT, once, under a dangling symbolic link', async () => {
    const base = root();
    symlinkSync(path.join(base, 'gone'), path.join(base, 'dangling'));
    await expect(make(path.join(base, 'dangling', 'a'), 0o700)).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  // procfs answers ENOENT under an existing parent; Node's `recursive: true` loops forever there.
  it('fails instead of looping under /proc', async () => {
    await expect(make('/proc/claude-auth-doctor-test/a/b', 0o700)).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

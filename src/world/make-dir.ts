import { mkdir as mkdirCb, mkdirSync } from 'node:fs';
import path from 'node:path';

// `mkdir -p` without Node's `recursive: true`, which never returns when a parent exists but
// cannot hold the child: procfs answers mkdir with ENOENT, so Node creates the parent (EEXIST),
// retries the child (ENOENT) and loops forever, spinning a core (sync) or never settling
// (async). A cache directory under /proc (XDG_CACHE_HOME or HOME set there) hung the doctor at
// exit. Here each level is tried at most twice, so such a path ends in the child's error.

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

export function makeDirSync(dir: string, mode: number): void {
  try {
    mkdirSync(dir, { mode });
    return;
  } catch (error) {
    if (code(error) === 'EEXIST') return;
    if (code(error) !== 'ENOENT' || path.dirname(dir) === dir) throw error;
  }
  makeDirSync(path.dirname(dir), mode);
  try {
    mkdirSync(dir, { mode });
  } catch (error) {
    if (code(error) !== 'EEXIST') throw error;
  }
}

export async function makeDir(dir: string, mode: number): Promise<void> {
  const make = () =>
    new Promise<void>((resolve, reject) =>
      mkdirCb(dir, { mode }, (error) =>
        error && code(error) !== 'EEXIST' ? reject(error) : resolve(),
      ),
    );
  try {
    await make();
    return;
  } catch (error) {
    if (code(error) !== 'ENOENT' || path.dirname(dir) === dir) throw error;
  }
  await makeDir(path.dirname(dir), mode);
  await make();
}

import { hostname } from 'node:os';
import { lstat, readFile, rm, writeFile } from './fs.js';

// One `fix` (or `--undo`) at a time changes files: two at once would each check a file, then
// both write it, and each backup would miss the other's change. The lock is a file created with
// O_EXCL in the private state directory, holding the owner's pid and host. A lock whose process
// is gone (a crash, a kill -9) is stale and taken over.

export class LockBusy extends Error {
  constructor(readonly pid: number) {
    super(`another claude-auth-doctor fix (pid ${pid}) is changing files`);
  }
}

const POLL_MS = 50;

/** Runs `work` holding `file`; waits up to `waitMs` for another holder, then throws LockBusy. */
export async function withLock<T>(
  file: string,
  waitMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  const token = `${process.pid}\n${hostname()}\n`;
  for (;;) {
    try {
      // O_CREAT | O_EXCL: exactly one process creates it, and a planted link is never followed.
      await writeFile(file, token, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await holderOf(file);
    if (holder?.stale) {
      // Only the lock that was read: a new one taken meanwhile has another inode.
      const now = await lstat(file).catch(() => null);
      if (now && now.ino === holder.ino) await rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new LockBusy(holder?.pid ?? 0);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    await rm(file, { force: true }).catch(() => undefined);
  }
}

async function holderOf(
  file: string,
): Promise<{ pid: number; ino: number; stale: boolean } | null> {
  try {
    const info = await lstat(file);
    const [pid, host] = (await readFile(file, 'utf8')).split('\n');
    const number = Number(pid);
    // Written in one call right after creation: an empty file is a lock being taken.
    if (!pid && Date.now() - info.mtimeMs < 5000) return { pid: 0, ino: info.ino, stale: false };
    const valid = Number.isSafeInteger(number) && number > 0;
    // Another host sharing the home (NFS) cannot be asked; its lock is trusted.
    const alive = valid && (host !== hostname() || isAlive(number));
    return { pid: number, ino: info.ino, stale: !alive };
  } catch {
    // Released in the meantime (or unreadable): look again shortly.
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

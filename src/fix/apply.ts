import type { Context } from '../context.js';
import { LockBusy, withLock } from '../world/lock.js';
import { realOps, removeStaleTemps, writeAtomic, writeInPlace, type WriteOps } from './atomic.js';
import {
  addBackup,
  backupsDir,
  lockFile,
  saveManifest,
  sha256,
  startRun,
  type BackupRun,
  type ManifestFile,
} from './backup.js';
import type { FileChange } from './plan-edits.js';

export interface ApplyResult {
  written: FileChange[];
  /** The first failure; files after it are left as they were. */
  failure?: { change: FileChange; message: string };
  backupDir?: string;
}

/** How long a run waits for another `fix` (or `--undo`) that is writing. */
export const LOCK_WAIT_MS = 10_000;

/**
 * Backs every file up, then writes each: atomically (a temporary file renamed over it), or in
 * place for a file with other names (hard links), so every name changes. A file that changed
 * since the plan was made stops the step before anything is written; a failed write stops it
 * there. Each manifest entry is recorded before its file is written, so whatever happens (a
 * crash included) `--undo` can restore every file that changed. One run writes at a time: the
 * state directory's lock is held from the check to the last write.
 */
export async function applyChanges(
  ctx: Context,
  changes: readonly FileChange[],
  stateDir: string,
  ops: WriteOps = realOps,
): Promise<ApplyResult> {
  if (changes.length === 0) return { written: [] };
  const nothing = (message: string): ApplyResult => ({
    written: [],
    failure: { change: changes[0]!, message },
  });
  const backups = backupsDir(ctx, stateDir, true);
  if (!backups.ok)
    return nothing(
      `could not back it up: ${ctx.display(backups.path)} ${backups.reason}, so fix does not keep backups there; nothing was written`,
    );
  try {
    return await withLock(lockFile(stateDir), LOCK_WAIT_MS, () =>
      applyLocked(ctx, changes, backups.dir, ops),
    );
  } catch (error) {
    if (error instanceof LockBusy)
      return nothing(`${error.message}; nothing was written, run fix again when it has finished`);
    return nothing(`could not back it up: ${reason(error)}; nothing was written`);
  }
}

async function applyLocked(
  ctx: Context,
  changes: readonly FileChange[],
  backups: string,
  ops: WriteOps,
): Promise<ApplyResult> {
  ops.checkpoint?.('locked');
  // Checked under the lock: a second `fix` planned on the same files finds them changed.
  for (const change of changes) {
    const now = await ctx.readBytesNow(change.target);
    if (!now?.equals(change.original)) {
      return {
        written: [],
        failure: { change, message: 'it changed while fix was waiting; nothing was written' },
      };
    }
  }
  let run: BackupRun;
  const entries: ManifestFile[] = [];
  try {
    run = await startRun(backups, ctx.now());
    ops.checkpoint?.('run-created');
    for (const change of changes)
      entries.push(
        await addBackup(
          run,
          {
            path: change.target,
            before: sha256(change.original),
            after: sha256(change.after),
            ...change.owner,
            ...(change.links > 1 ? { inPlace: true } : {}),
          },
          change.original,
          ops,
        ),
      );
  } catch (error) {
    return {
      written: [],
      failure: {
        change: changes[entries.length]!,
        message: `could not back it up: ${reason(error)}; nothing was written`,
      },
    };
  }
  const written: FileChange[] = [];
  for (const [index, change] of changes.entries()) {
    const label = String(index + 1);
    try {
      await removeStaleTemps(change.target, ctx.uid);
      if (change.links > 1)
        await writeInPlace(change.target, change.after, {
          dev: change.dev,
          ino: change.ino,
          bytes: change.original,
        });
      else await writeAtomic(change.target, change.after, change.owner, ops, label);
      ops.checkpoint?.(`written:${label}`);
      written.push(change);
      entries[index]!.written = true;
      await saveManifest(run, ops);
      ops.checkpoint?.(`marked:${label}`);
    } catch (error) {
      return {
        written,
        failure: {
          change,
          message:
            error instanceof Error && 'code' in error && error.code === 'ECHANGED'
              ? `${error.message}; nothing more was written`
              : `could not ${written.includes(change) ? 'record' : 'write'} it: ${reason(error)}`,
        },
        backupDir: run.dir,
      };
    }
  }
  ops.checkpoint?.('done');
  return { written, backupDir: run.dir };
}

export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
  };
  return (
    (code && known[code]) ??
    code ??
    (error instanceof Error ? error.message.split('\n')[0]! : String(error))
  );
}

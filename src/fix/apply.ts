import type { Context } from '../context.js';
import { writeAtomic, type WriteOps } from './atomic.js';
import { addBackup, saveManifest, startRun, type BackupRun, type ManifestFile } from './backup.js';
import type { FileChange } from './plan-edits.js';

export interface ApplyResult {
  written: FileChange[];
  /** The first failure; files after it are left as they were. */
  failure?: { change: FileChange; message: string };
  backupDir?: string;
}

/**
 * Backs every file up, then writes each atomically. A file that changed since the plan was
 * made stops the step before anything is written; a failed write stops it there, and every
 * file is either fully old or fully new (the manifest says which, for `--undo`).
 */
export async function applyChanges(
  ctx: Context,
  changes: readonly FileChange[],
  stateDir: string,
  ops?: WriteOps,
): Promise<ApplyResult> {
  for (const change of changes) {
    const now = await ctx.readBytesNow(change.target);
    if (!now?.equals(change.original)) {
      return {
        written: [],
        failure: { change, message: 'it changed while fix was waiting; nothing was written' },
      };
    }
  }
  if (changes.length === 0) return { written: [] };
  let run: BackupRun;
  const entries: ManifestFile[] = [];
  try {
    run = await startRun(stateDir, ctx.now());
    for (const change of changes)
      entries.push(
        await addBackup(run, change.target, change.original, change.after, change.owner),
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
    try {
      await writeAtomic(change.target, change.after, change.owner, ops);
      written.push(change);
      entries[index]!.written = true;
      await saveManifest(run);
    } catch (error) {
      return {
        written,
        failure: {
          change,
          message: `could not ${written.includes(change) ? 'record' : 'write'} it: ${reason(error)}`,
        },
        backupDir: run.dir,
      };
    }
  }
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

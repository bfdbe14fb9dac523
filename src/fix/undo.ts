import path from 'node:path';
import type { Context } from '../context.js';
import { reason } from './apply.js';
import { writeAtomic } from './atomic.js';
import { listRuns, saveManifest, sha256, type ManifestFile } from './backup.js';

export interface UndoResult {
  code: 0 | 1;
  lines: string[];
}

/**
 * Restores the backups of the last run that wrote something and was not undone yet. Files
 * changed since that run are named, and only overwritten with `force`.
 */
export async function undoLastFix(
  ctx: Context,
  stateDir: string,
  force: boolean,
): Promise<UndoResult> {
  const run = (await listRuns(ctx, stateDir)).find(
    (r) => !r.manifest.undoneAt && r.manifest.files.some((f) => f.written),
  );
  if (!run) return { code: 0, lines: ['Nothing to undo: no earlier fix changed a file.'] };
  const lines = [
    `Undoing the fix of ${run.manifest.createdAt} (backups in ${ctx.display(run.dir)}):`,
  ];

  // A file still as it was before (its write failed or was never recorded) needs nothing.
  const files: ManifestFile[] = [];
  const changedSince: string[] = [];
  for (const file of run.manifest.files) {
    const now = await ctx.readBytesNow(file.path);
    const hash = now ? sha256(now) : null;
    if (hash === file.before) continue;
    files.push(file);
    if (hash !== file.after) changedSince.push(ctx.display(file.path));
  }
  if (changedSince.length) {
    lines.push(`  Changed since that fix: ${changedSince.join(', ')}`);
    if (!force) {
      lines.push(
        'Nothing was restored. Run `claude-auth-doctor fix --undo --force` to overwrite them with the backups anyway.',
      );
      return { code: 1, lines };
    }
  }
  for (const file of files) {
    const backup = await ctx.readBytesNow(path.join(run.dir, file.backup));
    if (!backup || sha256(backup) !== file.before) {
      lines.push(`  ✖ ${ctx.display(file.path)}: its backup is missing or damaged; left as it is`);
      return { code: 1, lines };
    }
    try {
      await writeAtomic(file.path, backup, { mode: file.mode, uid: file.uid, gid: file.gid });
    } catch (error) {
      lines.push(`  ✖ ${ctx.display(file.path)}: could not restore it: ${reason(error)}`);
      return { code: 1, lines };
    }
    lines.push(`  ✔ restored ${ctx.display(file.path)}`);
  }
  run.manifest.undoneAt = ctx.now().toISOString();
  await saveManifest(run);
  lines.push('Open a new terminal so the restored startup files take effect.');
  return { code: 0, lines };
}

import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { claudePaths } from '../platform/paths.js';
import { LockBusy, withLock } from '../world/lock.js';
import { readPrivateFile } from '../world/private-dir.js';
import { LOCK_WAIT_MS, reason } from './apply.js';
import { removeStaleTemps, writeAtomic, writeInPlace, type Ownership } from './atomic.js';
import {
  backupsDir,
  listRuns,
  lockFile,
  MAX_BACKUP_BYTES,
  saveManifest,
  sha256,
  type BackupRun,
  type ManifestFile,
} from './backup.js';

export interface UndoResult {
  code: 0 | 1;
  lines: string[];
}

/**
 * Restores the backups of the last run that wrote something and was not undone yet. Files
 * changed since that run are named, and only overwritten with `force`. A manifest is what
 * `--undo` writes, so it is used only from a private state directory and only when every entry
 * is one a fix of this user could have made (see `refusal`).
 */
export async function undoLastFix(
  ctx: Context,
  stateDir: string,
  force: boolean,
): Promise<UndoResult> {
  const backups = backupsDir(ctx, stateDir, false);
  if (!backups.ok) {
    if (backups.reason === 'does not exist')
      return { code: 0, lines: ['Nothing to undo: no earlier fix changed a file.'] };
    return {
      code: 1,
      lines: [
        `Not undoing: ${ctx.display(backups.path)} ${backups.reason}, so the backups there may not be yours. Nothing was restored.`,
      ],
    };
  }
  try {
    return await withLock(lockFile(stateDir), LOCK_WAIT_MS, () =>
      undoLocked(ctx, backups.dir, force),
    );
  } catch (error) {
    if (error instanceof LockBusy)
      return {
        code: 1,
        lines: [`Not undoing: ${error.message}; run it again when it has finished.`],
      };
    throw error;
  }
}

interface FileNow {
  entry: ManifestFile;
  hash: string | null;
}

async function undoLocked(ctx: Context, backups: string, force: boolean): Promise<UndoResult> {
  let run: BackupRun | undefined;
  let files: FileNow[] = [];
  for (const listed of await listRuns(ctx, backups)) {
    if ('refused' in listed) return refused(ctx, listed.dir, `${listed.refused}`);
    if (listed.manifest.undoneAt) continue;
    const why = await refusal(ctx, listed.manifest);
    if (why) return refused(ctx, listed.dir, why);
    // A run that crashed mid-write may have left its temporary files.
    for (const entry of listed.manifest.files) await removeStaleTemps(entry.path, ctx.uid);
    files = [];
    for (const entry of listed.manifest.files) {
      const now = await ctx.readBytesNow(entry.path);
      files.push({ entry, hash: now ? sha256(now) : null });
    }
    // Written, or recorded and then cut short by a crash after its rename: the file says which.
    if (files.some((f) => f.entry.written || f.hash === f.entry.after)) {
      run = listed;
      break;
    }
  }
  if (!run) return { code: 0, lines: ['Nothing to undo: no earlier fix changed a file.'] };
  const lines = [
    `Undoing the fix of ${run.manifest.createdAt} (backups in ${ctx.display(run.dir)}):`,
  ];

  // A file still as it was before (its write failed or was never recorded) needs nothing.
  const restore = files.filter((f) => f.hash !== f.entry.before);
  const changedSince = restore
    .filter((f) => f.hash !== f.entry.after)
    .map((f) => ctx.display(f.entry.path));
  if (changedSince.length) {
    lines.push(`  Changed since that fix: ${changedSince.join(', ')}`);
    if (!force) {
      lines.push(
        'Nothing was restored. Run `claude-auth-doctor fix --undo --force` to overwrite them with the backups anyway.',
      );
      return { code: 1, lines };
    }
  }
  for (const { entry } of restore) {
    const why = await nowRefusal(ctx, entry.path);
    if (why) {
      lines.push(`  ✖ ${ctx.display(entry.path)}: ${why}; nothing was restored`);
      return { code: 1, lines };
    }
  }
  for (const { entry } of restore) {
    const read = readPrivateFile(path.join(run.dir, entry.backup), ctx.user, MAX_BACKUP_BYTES);
    const backup = read.ok ? read.bytes : null;
    if (!backup || sha256(backup) !== entry.before) {
      lines.push(`  ✖ ${ctx.display(entry.path)}: its backup is missing or damaged; left as it is`);
      return { code: 1, lines };
    }
    try {
      await restoreFile(entry, backup);
    } catch (error) {
      lines.push(`  ✖ ${ctx.display(entry.path)}: could not restore it: ${reason(error)}`);
      return { code: 1, lines };
    }
    lines.push(`  ✔ restored ${ctx.display(entry.path)}`);
  }
  run.manifest.undoneAt = ctx.now().toISOString();
  await saveManifest(run);
  lines.push('Open a new terminal so the restored startup files take effect.');
  return { code: 0, lines };
}

/**
 * Writes the backup back with the recorded permissions, never a setuid, setgid or sticky bit,
 * and the owner the file has now (none is ever given away). A file with several names is
 * restored in place, so every name gets its text back.
 */
async function restoreFile(entry: ManifestFile, backup: Buffer): Promise<void> {
  const now = await lstat(entry.path).catch(() => null);
  if (now && now.nlink > 1) {
    await writeInPlace(entry.path, backup, { dev: now.dev, ino: now.ino, bytes: null });
    return;
  }
  const keep: Ownership = now
    ? { mode: entry.mode & 0o777, uid: now.uid, gid: now.gid }
    : { mode: entry.mode & 0o777 };
  await writeAtomic(entry.path, backup, keep);
}

function refused(ctx: Context, dir: string, why: string): UndoResult {
  return {
    code: 1,
    lines: [
      `Refusing to undo from ${ctx.display(dir)}: ${why}.`,
      'A fix you ran never writes that, so these backups are not ones it made. Nothing was restored.',
      `Look at that directory, and remove it if you do not know where it came from.`,
    ],
  };
}

const HASH = /^[0-9a-f]{64}$/;
const BACKUP_NAME = /^[0-9]{1,6}-[^/\\]{1,255}$/;
const MAX_FILES = 1000;

/**
 * Why this manifest is not one a fix of this user made (null when it could be): every path
 * must be a plain absolute path inside the user's home, Claude Code's configuration directory
 * or XDG_CONFIG_HOME (or a `.claude/settings*.json`), reached through no symbolic link, and
 * owned by the user; no mode with a setuid, setgid or sticky bit; no other owner.
 */
async function refusal(ctx: Context, manifest: BackupRun['manifest']): Promise<string | null> {
  if (manifest.files.length > MAX_FILES) return `its manifest names ${manifest.files.length} files`;
  const roots = await allowedRoots(ctx);
  for (const entry of manifest.files as unknown[]) {
    const why = await entryRefusal(ctx, entry, roots);
    if (why) return why;
  }
  return null;
}

async function entryRefusal(ctx: Context, entry: unknown, roots: string[]): Promise<string | null> {
  const e = entry as Partial<Record<keyof ManifestFile, unknown>>;
  if (
    typeof entry !== 'object' ||
    entry === null ||
    typeof e.path !== 'string' ||
    typeof e.backup !== 'string' ||
    typeof e.before !== 'string' ||
    typeof e.after !== 'string' ||
    !Number.isInteger(e.mode) ||
    !Number.isInteger(e.uid) ||
    !Number.isInteger(e.gid)
  )
    return 'its manifest has an entry that is not one fix writes';
  const file = e.path;
  const shown = ctx.display(file);
  if (!path.isAbsolute(file) || path.normalize(file) !== file || file.includes('\0'))
    return `its manifest names "${shown}", which is not a plain absolute path`;
  if (
    !BACKUP_NAME.test(e.backup) ||
    e.backup.includes('..') ||
    !HASH.test(e.before) ||
    !HASH.test(e.after)
  )
    return `its manifest entry for ${shown} names its backup or contents oddly`;
  const mode = e.mode as number;
  if (mode < 0 || mode > 0o7777 || mode & 0o7000)
    return `its manifest asks for ${shown} to get mode ${mode.toString(8)} (a setuid, setgid or sticky bit)`;
  if (ctx.uid !== null && e.uid !== ctx.uid)
    return `its manifest asks for ${shown} to be owned by another user (uid ${e.uid})`;
  // Where the file is now: its directory reached through no symbolic link, inside a root.
  const dir = await realpath(path.dirname(file)).catch(() => null);
  const inside = (root: string) => {
    const rel = path.relative(root, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  const settingsFile =
    /^settings(\.local)?\.json$/.test(path.basename(file)) &&
    path.basename(path.dirname(file)) === '.claude';
  if (dir !== path.dirname(file) || !(settingsFile || roots.some(inside)))
    return `its manifest names ${shown}, outside your home and Claude Code's settings directories`;
  return null;
}

/** Why the file as it is now must not be written back (it was replaced since); null when it may. */
async function nowRefusal(ctx: Context, file: string): Promise<string | null> {
  const now = await lstat(file).catch(() => null);
  if (now?.isSymbolicLink()) return 'it is a symbolic link now';
  if (now && !now.isFile()) return 'it is not a regular file now';
  if (now && ctx.uid !== null && now.uid !== ctx.uid)
    return `it belongs to another user now (uid ${now.uid})`;
  return null;
}

/** The home, Claude Code's configuration directory and XDG_CONFIG_HOME, as real paths. */
async function allowedRoots(ctx: Context): Promise<string[]> {
  const candidates = [ctx.home, claudePaths(ctx).configDir, ctx.env.XDG_CONFIG_HOME ?? ''];
  const roots: string[] = [];
  for (const root of candidates.filter((r) => r && path.isAbsolute(r)))
    roots.push((await realpath(root).catch(() => null)) ?? root);
  return roots;
}

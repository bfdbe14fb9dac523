import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { VERSION } from '../version.js';
import { privateDir, readPrivateFile, unsafeBecause, type Checked } from '../world/private-dir.js';
import { writeAtomic, type Ownership, type WriteOps } from './atomic.js';

// Every file fix mode edits is copied first into `<state>/backups/<timestamp>/`, next to a
// manifest that `fix --undo` reads. Backups hold secrets like the originals: private modes.
// The manifest says what `--undo` will write, so it is trusted only in a private directory
// (src/world/private-dir.ts), and each entry is checked again before it is used (undo.ts).

export interface ManifestFile extends Required<Ownership> {
  /** The file written (a symlink's target). */
  path: string;
  /** Backup file name inside the run directory. */
  backup: string;
  /** sha256 of the content before and after the edit. */
  before: string;
  after: string;
  /**
   * Set once the file is written. The entry is recorded before: after a crash in between, a
   * file whose sha256 is `after` counts as written too.
   */
  written: boolean;
  /** Rewritten in place because it has other names (hard links); restored the same way. */
  inPlace?: boolean;
}

export interface Manifest {
  tool: 'claude-auth-doctor';
  version: string;
  createdAt: string;
  files: ManifestFile[];
  undoneAt?: string;
}

export interface BackupRun {
  dir: string;
  manifest: Manifest;
}

export const sha256 = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');

/** The largest manifest or backup `--undo` reads (startup and settings files are small). */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

/**
 * `<state>/backups` when the state directory and it are private, created when `create`; else
 * the path that is not, and why.
 */
export function backupsDir(ctx: Context, stateDir: string, create: boolean): Checked {
  return privateDir(path.dirname(stateDir), [path.basename(stateDir), 'backups'], create, ctx.user);
}

/** The lock two `fix` runs (and `--undo`) share: in the state directory, beside `backups/`. */
export function lockFile(stateDir: string): string {
  return path.join(stateDir, 'fix.lock');
}

/** A new run directory; a second run in the same millisecond gets the next number. */
export async function startRun(backups: string, now: Date): Promise<BackupRun> {
  const stamp = now.toISOString().replace(/:/g, '-');
  for (let n = 1; ; n++) {
    const dir = path.join(backups, `${stamp}-${String(n).padStart(3, '0')}`);
    try {
      await mkdir(dir, { mode: 0o700 });
      return {
        dir,
        manifest: {
          tool: 'claude-auth-doctor',
          version: VERSION,
          createdAt: now.toISOString(),
          files: [],
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Copies the original bytes into the run and records them, before anything is written. */
export async function addBackup(
  run: BackupRun,
  entry: Omit<ManifestFile, 'backup' | 'written'>,
  original: Buffer,
  ops?: WriteOps,
): Promise<ManifestFile> {
  const index = run.manifest.files.length + 1;
  const recorded: ManifestFile = {
    ...entry,
    backup: `${index}-${path.basename(entry.path)}`,
    written: false,
  };
  await writeAtomic(path.join(run.dir, recorded.backup), original, { mode: 0o600 });
  ops?.checkpoint?.(`backed-up:${index}`);
  run.manifest.files.push(recorded);
  await saveManifest(run, ops);
  ops?.checkpoint?.(`recorded:${index}`);
  return recorded;
}

export async function saveManifest(run: BackupRun, ops?: WriteOps): Promise<void> {
  await writeAtomic(
    path.join(run.dir, 'manifest.json'),
    `${JSON.stringify(run.manifest, null, 2)}\n`,
    { mode: 0o600 },
    ops,
  );
}

export type ListedRun = BackupRun | { dir: string; refused: string };

/**
 * Earlier runs in a private backups directory, newest first. A run directory or manifest that
 * is not private is listed as refused: someone else could have written it.
 */
export async function listRuns(ctx: Context, backups: string): Promise<ListedRun[]> {
  const runs: ListedRun[] = [];
  const names = await readdir(backups).catch(() => [] as string[]);
  for (const name of names.sort().reverse()) {
    const dir = path.join(backups, name);
    const info = await lstat(dir).catch(() => null);
    if (!info) continue;
    const unsafe = ctx.user ? unsafeBecause(info, ctx.user, 'directory') : null;
    if (unsafe) {
      // A stray file is not a run; a run directory someone else controls is refused.
      if (info.isDirectory() || info.isSymbolicLink())
        runs.push({ dir, refused: `${ctx.display(dir)} ${unsafe}` });
      continue;
    }
    const file = path.join(dir, 'manifest.json');
    const read = readPrivateFile(file, ctx.user, MAX_BACKUP_BYTES);
    if (!read.ok) {
      if (!read.missing) runs.push({ dir, refused: `${ctx.display(file)} ${read.reason}` });
      continue; // a run that crashed before its first entry: nothing to undo from it
    }
    try {
      const manifest = JSON.parse(read.bytes.toString('utf8')) as Manifest;
      if (manifest.tool === 'claude-auth-doctor' && Array.isArray(manifest.files))
        runs.push({ dir, manifest });
    } catch {
      // a manifest cut short: written atomically, so never by this tool
      runs.push({ dir, refused: `${ctx.display(file)} is not valid JSON` });
    }
  }
  return runs;
}

import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { makeDir } from '../world/make-dir.js';
import { VERSION } from '../version.js';
import { writeAtomic, type Ownership, type WriteOps } from './atomic.js';

// Every file fix mode edits is copied first into `<state>/backups/<timestamp>/`, next to a
// manifest that `fix --undo` reads. Backups hold secrets like the originals: private modes.

export interface ManifestFile extends Required<Ownership> {
  /** The file written (a symlink's target). */
  path: string;
  /** Backup file name inside the run directory. */
  backup: string;
  /** sha256 of the content before and after the edit. */
  before: string;
  after: string;
  written: boolean;
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

export function backupsRoot(stateDir: string): string {
  return path.join(stateDir, 'backups');
}

/** A new run directory; a second run in the same millisecond gets the next number. */
export async function startRun(stateDir: string, now: Date): Promise<BackupRun> {
  const root = backupsRoot(stateDir);
  await makeDir(root, 0o700);
  const stamp = now.toISOString().replace(/:/g, '-');
  for (let n = 1; ; n++) {
    const dir = path.join(root, `${stamp}-${String(n).padStart(3, '0')}`);
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
  file: string,
  original: Buffer,
  after: string,
  owner: Required<Ownership>,
): Promise<ManifestFile> {
  const entry: ManifestFile = {
    path: file,
    backup: `${run.manifest.files.length + 1}-${path.basename(file)}`,
    before: sha256(original),
    after: sha256(after),
    written: false,
    mode: owner.mode,
    uid: owner.uid,
    gid: owner.gid,
  };
  await writeAtomic(path.join(run.dir, entry.backup), original, { mode: 0o600 });
  run.manifest.files.push(entry);
  await saveManifest(run);
  return entry;
}

export async function saveManifest(run: BackupRun, ops?: WriteOps): Promise<void> {
  await writeAtomic(
    path.join(run.dir, 'manifest.json'),
    `${JSON.stringify(run.manifest, null, 2)}\n`,
    { mode: 0o600 },
    ops,
  );
}

/** Earlier runs, newest first. */
export async function listRuns(ctx: Context, stateDir: string): Promise<BackupRun[]> {
  const root = backupsRoot(stateDir);
  const runs: BackupRun[] = [];
  for (const name of (await ctx.listDir(root)).reverse()) {
    const dir = path.join(root, name);
    const read = await ctx.readText(path.join(dir, 'manifest.json'));
    if (!read.ok) continue;
    try {
      const manifest = JSON.parse(read.text) as Manifest;
      if (manifest.tool === 'claude-auth-doctor' && Array.isArray(manifest.files))
        runs.push({ dir, manifest });
    } catch {
      // a manifest cut short by a crash: nothing to undo from it
    }
  }
  return runs;
}

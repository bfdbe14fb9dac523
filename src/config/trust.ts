// Which project configurations may run as code. A project directory is untrusted: its
// JavaScript/TypeScript configuration and the plugins its files name load only when the user
// trusted it, in one of two ways:
// - `claude-auth-doctor trust [dir]` records the configuration file's real path and SHA-256 in
//   the user's configuration directory (like `direnv allow`): any change withdraws the trust;
// - `trustedProjects` in the user configuration lists directories trusted whatever they hold
//   (like VS Code's trusted folders), for a team's own repositories that change often.
// Like files.ts, this reads (and, for `trust`, writes) the world directly: it runs before any
// Context exists.
import type * as Crypto from 'node:crypto';
import path from 'node:path';
import { importModule } from '../world/import-module.js';
import { makeDir } from '../world/make-dir.js';
import { readFile, realpath, rename, rm, stat, writeFile } from '../world/fs.js';
import { ownedByUser, uidOf, userConfigDir, type SearchWorld } from './files.js';

export const TRUST_FILE = 'trusted-projects.json';

interface TrustEntry {
  sha256: string;
  trustedAt: string;
}

interface TrustDoc {
  version: 1;
  /** By the configuration file's real path. */
  files: Record<string, TrustEntry>;
}

export type Trust = 'trusted' | 'untrusted' | 'changed';

export function trustFilePath(world: Pick<SearchWorld, 'env' | 'home'>): string {
  return path.join(userConfigDir(world), TRUST_FILE);
}

async function sha256Of(file: string): Promise<string> {
  const { createHash } = await importModule<typeof Crypto>('node:crypto');
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

function expandHome(dir: string, home: string): string {
  return dir === '~' || dir.startsWith('~/') ? path.join(home, dir.slice(1)) : dir;
}

function isWithin(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The store, only when it is the user's own and nobody else can write it (ssh StrictModes). */
async function readStore(world: SearchWorld): Promise<TrustDoc> {
  const uid = uidOf(world);
  const file = trustFilePath(world);
  const empty: TrustDoc = { version: 1, files: {} };
  const info = await stat(file).catch(() => null);
  if (!info || !(await ownedByUser(file, uid)) || (uid !== null && info.mode & 0o022)) return empty;
  try {
    const doc = JSON.parse(await readFile(file, 'utf8')) as Partial<TrustDoc>;
    const files: Record<string, TrustEntry> = {};
    for (const [key, entry] of Object.entries(doc.files ?? {})) {
      if (typeof entry?.sha256 === 'string' && /^[0-9a-f]{64}$/.test(entry.sha256))
        files[key] = { sha256: entry.sha256, trustedAt: String(entry.trustedAt ?? '') };
    }
    return { version: 1, files };
  } catch {
    return empty;
  }
}

/** Whether the project configuration `file` may run as code. */
export async function trustOf(
  world: SearchWorld,
  file: string,
  trustedProjects: readonly string[],
): Promise<Trust> {
  const real = await realpath(file).catch(() => path.resolve(file));
  for (const listed of trustedProjects) {
    const dir = path.resolve(world.home || '/', expandHome(listed, world.home));
    const realDir = await realpath(dir).catch(() => dir);
    if (isWithin(real, realDir)) return 'trusted';
  }
  const entry = (await readStore(world)).files[real];
  if (!entry) return 'untrusted';
  return (await sha256Of(real).catch(() => '')) === entry.sha256 ? 'trusted' : 'changed';
}

/** Records `file` (its real path and content hash) as trusted; returns the hash. */
export async function trustFile(world: SearchWorld, file: string, now: Date): Promise<string> {
  const real = await realpath(file);
  const sha256 = await sha256Of(real);
  const doc = await readStore(world);
  doc.files[real] = { sha256, trustedAt: now.toISOString() };
  await writeStore(world, doc);
  return sha256;
}

/** Forgets every trusted file in `dir`; returns how many there were. */
export async function untrustDir(world: SearchWorld, dir: string): Promise<number> {
  const realDir = await realpath(dir).catch(() => path.resolve(dir));
  const doc = await readStore(world);
  const gone = Object.keys(doc.files).filter((file) => path.dirname(file) === realDir);
  for (const file of gone) delete doc.files[file];
  if (gone.length) await writeStore(world, doc);
  return gone.length;
}

async function writeStore(world: SearchWorld, doc: TrustDoc): Promise<void> {
  const file = trustFilePath(world);
  await makeDir(path.dirname(file), 0o700);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

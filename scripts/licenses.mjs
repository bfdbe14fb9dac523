// The published package has no dependencies: esbuild copies them into dist/. Their licences
// (MIT, ISC, Apache-2.0) ask that their notices travel with the copies, and the minified files
// keep no comments, so the build writes every bundled package's licence into one file.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const LICENSE_FILE = /^(licen[cs]e|copying)(\b|[-.])/i;

/** The package directories (`node_modules/x`, `node_modules/a/node_modules/@s/b`) esbuild read from. */
export function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) dirs.add(match[1]);
    }
  }
  return [...dirs];
}

/** One text holding each bundled package's name, version, licence and licence text; throws when one has none. */
export async function thirdPartyNotices(root, packageDirs) {
  const entries = await Promise.all(
    packageDirs.map(async (dir) => {
      const pkg = JSON.parse(await readFile(path.join(root, dir, 'package.json'), 'utf8'));
      const file = (await readdir(path.join(root, dir))).find((name) => LICENSE_FILE.test(name));
      if (!file)
        throw new Error(
          `${dir} (${pkg.name}@${pkg.version}) ships no licence file; its licence text must go into dist/ with its code`,
        );
      const text = (await readFile(path.join(root, dir, file), 'utf8')).trim();
      return { id: `${pkg.name}@${pkg.version}`, license: pkg.license ?? 'see below', text };
    }),
  );
  const unique = [...new Map(entries.map((e) => [e.id, e])).values()].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  const header = [
    'claude-auth-doctor bundles the following packages into the files under dist/.',
    'Each is listed with its version, its licence, and the licence text it ships.',
    '',
    unique.map((e) => `- ${e.id} (${e.license})`).join('\n'),
  ].join('\n');
  const bodies = unique.map(
    (e) => `${'='.repeat(78)}\n${e.id} (${e.license})\n${'='.repeat(78)}\n\n${e.text}`,
  );
  return `${[header, ...bodies].join('\n\n')}\n`;
}

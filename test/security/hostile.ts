import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Report } from '../../src/types.js';

// Building blocks for hostile project directories: every file that could run as code writes a
// marker file when it does, so a test sees whether the doctor executed it.

export const IS_ROOT = process.getuid?.() === 0;
/** A real second user for ownership cases (root only). */
export const NOBODY = { uid: 65534, gid: 65534 };

/** CommonJS that leaves `marker` behind when it runs. */
export function cjsMarker(marker: string, exports = '{}'): string {
  return `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = ${exports};\n`;
}

/** An ES module (or TypeScript) that leaves `marker` behind when it runs. */
export function esmMarker(marker: string, exported = '{}'): string {
  return `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default ${exported};\n`;
}

/** A shell script that records that (and where) it ran, then prints a claude version. */
export function recordingExecutable(file: string, log: string, version = '2.1.331'): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `#!/bin/sh\necho "$(pwd) $*" >> ${JSON.stringify(log)}\necho "${version} (Claude Code)"\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

/** A package in `dir/node_modules/name` whose entry point leaves `marker` behind. */
export function hostilePackage(dir: string, name: string, marker: string): void {
  const pkg = path.join(dir, 'node_modules', name);
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
  writeFileSync(path.join(pkg, 'index.js'), cjsMarker(marker));
}

export function expectNotRun(marker: string): void {
  expect(existsSync(marker), `${marker} exists: hostile code ran`).toBe(false);
}

/** Gives `file` (and, with `dirs`, each directory) to `nobody`. */
export function giveToNobody(...files: string[]): void {
  for (const file of files) chownSync(file, NOBODY.uid, NOBODY.gid);
}

export const parseReport = (stdout: string) => JSON.parse(stdout) as Report;
export const checkOf = (report: Report, id: string) => report.checks.find((c) => c.id === id)!;

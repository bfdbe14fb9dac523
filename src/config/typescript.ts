import { createRequire, register } from 'node:module';
import path from 'node:path';

// `.ts` configs and plugins run without a bundled compiler: Node 20 cannot strip types, and
// cosmiconfig's own TS loader needs `typescript` next to the doctor and writes a temporary .mjs
// beside the user's file (the doctor only reads). Instead a module hook transpiles `.ts` in
// memory with the `typescript` package the user's project already has. Imported only when a
// `.ts` file is loaded: node:module and its loader cost a run that has none.

const HOOKS = `
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
let ts;
export function initialize(data) { ts = createRequire(data.from)('typescript'); }
export async function load(url, context, next) {
  if (!url.startsWith('file:') || !/\\.m?ts$/.test(url)) return next(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false };
  return { format: 'module', source: ts.transpileModule(source, { fileName: url, compilerOptions: options }).outputText, shortCircuit: true };
}`;

let registered = false;

/**
 * Lets `import()` load `.ts` files, using the `typescript` package resolved from `file`'s
 * directory. Returns a reason when that is impossible.
 */
export function enableTypeScript(file: string): string | null {
  if (registered) return null;
  if (typeof register !== 'function') return 'loading a .ts file needs Node 20.6 or later';
  let from: string;
  try {
    from = createRequire(path.join(path.dirname(file), 'noop.js')).resolve('typescript');
  } catch {
    return 'a .ts file needs the "typescript" package installed in its project (npm install --save-dev typescript); or write it as .mjs';
  }
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { from } });
  registered = true;
  return null;
}

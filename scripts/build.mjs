// Bundles the CLI into one CommonJS file, dist/cli.cjs, started by dist/boot.cjs through a V8
// code cache (src/boot.ts); and the public entry for plugin authors (dist/index.js, ESM) with
// its type declarations (dist/types/).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { builtins, lazyBuiltins } from './builtins-plugin.mjs';
import { execaStartup } from './execa-plugin.mjs';
import { bundledPackageDirs, thirdPartyNotices } from './licenses.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
const common = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  // BUILD_MINIFY=0 keeps names readable for `node --cpu-prof` (docs/performance.md).
  minify: process.env.BUILD_MINIFY !== '0',
  sourcemap: false,
  legalComments: 'none',
  // src/boot.ts reads the bundle as latin1, which is exact only for ASCII.
  charset: 'ascii',
  logLevel: 'warning',
  // Which packages went into dist/, for their licences (scripts/licenses.mjs).
  metafile: true,
};
// Bundled ES modules (yargs among them) may ask for import.meta.url, which CommonJS lacks.
const cjs = {
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  banner: { js: "var __importMetaUrl=require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};
// cosmiconfig ships as its own file, dist/vendor/cosmiconfig.cjs, loaded by a plain require():
// it calls import() itself (for .mjs configs), which cannot run inside the cached vm script
// (src/boot.ts). yargs and listr2 used to be split off too; measured on 2026-12-05 (40
// interleaved runs), that saved the plain run 0.7 ms, so they are in the bundle again.
const VENDORED = {
  cosmiconfig: "module.exports = require('cosmiconfig');",
};
// In the bundle it becomes a small module that requires its file, so even a dynamic import()
// of it stays a lazy require.
const vendored = {
  name: 'vendored',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${Object.keys(VENDORED).join('|')})$`) }, (args) => ({
      path: args.path,
      namespace: 'vendored',
    }));
    b.onLoad({ filter: /.*/, namespace: 'vendored' }, (args) => ({
      contents: `module.exports = require('./vendor/${args.path}.cjs');`,
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\/vendor\// }, (args) => ({ path: args.path, external: true }));
  },
};
const vendorBuilds = await Promise.all(
  Object.entries(VENDORED).map(([name, contents]) =>
    build({
      ...common,
      ...cjs,
      stdin: { contents, resolveDir: process.cwd(), sourcefile: `vendor-${name}.js` },
      outfile: `dist/vendor/${name}.cjs`,
      outdir: undefined,
      external: ['typescript'],
      plugins: [builtins],
    }),
  ),
);
// One file rather than ES module chunks: V8 can cache the compiled code of a script, and Node 20
// cannot of an ES module. Lazy imports (yargs, listr2, cosmiconfig, ...) stay lazy: esbuild
// turns them into functions that evaluate the module on first use.
const cliBuild = await build({
  ...common,
  ...cjs,
  entryPoints: { cli: 'src/cli.ts' },
  define: { ...cjs.define, __VERSION__: JSON.stringify(pkg.version) },
  // cosmiconfig's own TypeScript loader is replaced (src/config/typescript.ts); never bundle tsc.
  external: ['typescript'],
  plugins: [vendored, builtins, execaStartup],
});
const bundle = await readFile(new URL('../dist/cli.cjs', import.meta.url));
const vendorFiles = await Promise.all(
  Object.keys(VENDORED).map((name) =>
    readFile(new URL(`../dist/vendor/${name}.cjs`, import.meta.url)),
  ),
);
for (const file of [bundle, ...vendorFiles]) {
  // Unminified output keeps comments, some not ASCII: fine for a profile, never shipped.
  if (process.env.BUILD_MINIFY !== '0' && file.some((byte) => byte > 0x7f))
    throw new Error('a dist/ .cjs file is not ASCII; src/boot.ts reads them as latin1');
}
// import() cannot run inside the vm script (src/boot.ts); the one in src/world/import-module.ts
// is only its fallback for source runs. Another one would fail only in the built CLI.
const imports = bundle.toString('latin1').match(/\bimport\(/g) ?? [];
if (imports.length !== 1)
  throw new Error(
    `dist/cli.cjs has ${imports.length} import() calls; use importModule() from src/world/import-module.ts`,
  );
// Names the code caches (src/boot.ts): a new build never uses an older one's.
const buildId = [bundle, ...vendorFiles]
  .reduce((hash, file) => hash.update(file), createHash('sha256'))
  .digest('hex')
  .slice(0, 12);
const bootBuild = await build({
  ...common,
  entryPoints: { boot: 'src/boot.ts' },
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  define: { __BUILD_ID__: JSON.stringify(buildId) },
});
// The status line and the SessionStart hook (src/guard/main.ts): a bundle of their own, loaded
// by the bin without the doctor's, since Claude Code runs them after every message.
const guardBuild = await build({
  ...common,
  entryPoints: { guard: 'src/guard/main.ts' },
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // Each costs ~3 ms to load; only a wrapped status line (child_process) or a run without
  // HOME (os) needs one.
  plugins: [lazyBuiltins(['node:child_process', 'node:os'])],
});
const indexBuild = await build({
  ...common,
  entryPoints: { index: 'src/index.ts' },
  format: 'esm',
});
const builds = [...vendorBuilds, cliBuild, bootBuild, guardBuild, indexBuild];
const root = new URL('..', import.meta.url).pathname;
await writeFile(
  new URL('../dist/THIRD-PARTY-LICENSES.txt', import.meta.url),
  await thirdPartyNotices(root, bundledPackageDirs(builds.map((b) => b.metafile))),
);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

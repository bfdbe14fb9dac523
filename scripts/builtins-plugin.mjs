// How the bundle imports a few Node built-ins, for start-up time. Left alone, esbuild turns
// `import process from 'node:process'` into a fresh copy of every property of the module, once
// per importing file (39 files); and execa's imports of node:v8 and node:fs/promises load those
// modules on every run though the doctor never uses what they are for. Together about 1-2 % of
// a run's instructions (callgrind), 1-2 ms.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Built-ins whose default import is the module itself; named imports are snapshots of stable values. */
const SHARED = {
  'node:path': (mod) => Object.keys(mod),
  // Only values that never change; anything else named here would be frozen at start-up.
  'node:process': () => ['platform', 'hrtime', 'execPath', 'execArgv'],
};
/** Built-ins loaded on first call: only their functions can be imported (by name). */
const LAZY = ['node:v8', 'node:fs/promises'];

function sharedModule(id) {
  const names = SHARED[id](require(id)).filter(
    (name) => IDENTIFIER.test(name) && name !== 'default',
  );
  return `const mod = require(${JSON.stringify(id)});\nexport default mod;\nexport const { ${names.join(', ')} } = mod;\n`;
}

function lazyModule(id) {
  const mod = require(id);
  const functions = Object.keys(mod).filter(
    (name) => IDENTIFIER.test(name) && typeof mod[name] === 'function',
  );
  return [
    `let mod;\nconst load = () => (mod ??= require(${JSON.stringify(id)}));`,
    ...functions.map(
      (name) =>
        `export function ${name}(...args) { return new.target ? new (load().${name})(...args) : load().${name}(...args); }`,
    ),
  ].join('\n');
}

/** Any other import of these ids (a default import of a lazy one, a name not listed) fails the build. */
export const builtins = {
  name: 'builtins',
  setup(build) {
    const ids = [...Object.keys(SHARED), ...LAZY];
    const filter = new RegExp(`^(${ids.map((id) => id.replace(/[/]/g, '\\/')).join('|')})$`);
    // require() calls (CommonJS packages, and these modules themselves) get the real module.
    build.onResolve({ filter }, (args) =>
      args.kind === 'import-statement' ? { path: args.path, namespace: 'builtins' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'builtins' }, (args) => ({
      contents: args.path in SHARED ? sharedModule(args.path) : lazyModule(args.path),
      loader: 'js',
    }));
  },
};

/** For the guard's bundle: these built-ins load on the first call of one of their functions. */
export function lazyBuiltins(ids) {
  const filter = new RegExp(`^(${ids.map((id) => id.replace(/[/]/g, '\\/')).join('|')})$`);
  return {
    name: 'lazy-builtins',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        args.kind === 'import-statement' ? { path: args.path, namespace: 'lazy' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
        contents: lazyModule(args.path),
        loader: 'js',
      }));
    },
  };
}

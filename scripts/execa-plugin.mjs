// What execa does when it is imported that the doctor never or rarely needs, deferred to first
// use. Measured on the plain run (callgrind, instructions, two runs each): 254 M as published,
// 244 M with the standard streams deferred; the other two save about 1 and 2 ms (module
// initialisation timed in the bundle).
// - It reads process.stdin, stdout and stderr at import, and Node creates each stream on first
//   access: on /dev/null stdin is a file stream, which loads node:fs/promises, the file
//   watchers and readline (2.6 ms), and the doctor never touches stdin or stderr.
// - figures, for the icons of execa's verbose log, which the doctor never turns on.
// - human-signals, to describe the signal that killed a subprocess, built for every signal.
// Each rewrite checks the exact text it replaces, so a new execa fails the build rather than
// silently changing behaviour; the build also fails if a rewrite no longer applies.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const STREAMS_FILE = /[\\/]execa[\\/]lib[\\/]utils[\\/]standard-stream\.js$/;
const STREAMS = {
  'export const STANDARD_STREAMS = [process.stdin, process.stdout, process.stderr];':
    "export const STANDARD_STREAMS = Object.defineProperties([], Object.fromEntries(['stdin', 'stdout', 'stderr'].map((name, fd) => [fd, { get: () => process[name], enumerable: true }])));",
  // Only an object can be a standard stream; asking about anything else must not create them.
  'export const isStandardStream = stream => STANDARD_STREAMS.includes(stream);':
    "export const isStandardStream = stream => typeof stream === 'object' && stream !== null && STANDARD_STREAMS.includes(stream);",
};

/** Imports replaced by an object that loads the module on first property access. */
const LAZY_IMPORTS = [
  {
    importer: /[\\/]execa[\\/]lib[\\/]verbose[\\/]default\.js$/,
    statement: "import figures from 'figures';",
    specifier: 'figures',
    exports: 'export default lazy(() => load().default);',
  },
  {
    importer: /[\\/]execa[\\/]lib[\\/]terminate[\\/]signal\.js$/,
    statement: "import {signalsByName} from 'human-signals';",
    specifier: 'human-signals',
    exports: 'export const signalsByName = lazy(() => load().signalsByName);',
  },
];

function lazyModule({ specifier, exports }) {
  return [
    `let mod;\nconst load = () => (mod ??= require(${JSON.stringify(specifier)}));`,
    'const lazy = (get) => new Proxy({}, { get: (_, key) => get()[key], has: (_, key) => key in get(), ownKeys: () => Reflect.ownKeys(get()), getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(get(), key) });',
    exports,
  ].join('\n');
}

export const execaStartup = {
  name: 'execa-startup',
  setup(build) {
    const applied = new Set();
    build.onLoad({ filter: STREAMS_FILE }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      for (const [original, replacement] of Object.entries(STREAMS)) {
        if (!contents.includes(original))
          throw new Error(
            `${args.path} no longer has \`${original}\`: review scripts/execa-plugin.mjs`,
          );
        contents = contents.replace(original, replacement);
      }
      applied.add('standard streams');
      return { contents, loader: 'js' };
    });
    for (const entry of LAZY_IMPORTS) {
      build.onResolve({ filter: new RegExp(`^${entry.specifier}$`) }, async (args) => {
        if (!entry.importer.test(args.importer)) return undefined;
        if (!(await readFile(args.importer, 'utf8')).includes(entry.statement)) {
          throw new Error(
            `${args.importer} no longer has \`${entry.statement}\`: review scripts/execa-plugin.mjs`,
          );
        }
        applied.add(entry.specifier);
        return {
          path: entry.specifier,
          namespace: 'execa-lazy',
          pluginData: { resolveDir: path.dirname(args.importer) },
        };
      });
    }
    build.onLoad({ filter: /.*/, namespace: 'execa-lazy' }, (args) => ({
      contents: lazyModule(LAZY_IMPORTS.find((entry) => entry.specifier === args.path)),
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
    }));
    build.onEnd((result) => {
      if (
        result.errors.length > 0 ||
        !result.metafile ||
        !Object.keys(result.metafile.inputs).some((input) => input.includes('execa'))
      )
        return;
      const missing = ['standard streams', ...LAZY_IMPORTS.map((entry) => entry.specifier)].filter(
        (name) => !applied.has(name),
      );
      if (missing.length > 0)
        throw new Error(`scripts/execa-plugin.mjs did not apply to: ${missing.join(', ')}`);
    });
  },
};

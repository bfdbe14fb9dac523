import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The intended shape (/work/shared/architecture.md, README "How it works"): each layer imports
// only from its own and the layers above it, and no module imports itself back at run time.
// The graph is esbuild's own (the one the bundle is built from): type-only imports are gone.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const LAYERS: Array<[string, RegExp]> = [
  [
    'base',
    /^src\/(types|labels|env-vars|semver|redact|display|marker|version|invocation|known-messages|suggest|location)\.ts$/,
  ],
  ['world', /^src\/(world|platform|net)\/|^src\/context\.ts$/],
  ['sources', /^src\/sources\//],
  ['model', /^src\/(credentials|where-set|self-update)\.ts$/],
  [
    'checks',
    /^checks\/|^src\/(check|credential-variable|login-expiry|network-advice|wsl-installs|version-distance|forced-login|verify-answer)\.ts$/,
  ],
  ['engine', /^src\/(run|report|report-file|plan|doctor|anonymize)\.ts$|^src\/fix\//],
  ['renderers', /^src\/(render|output)\//],
  ['commands', /^src\/(commands|config|guard)\/|^src\/(cli|cli-yargs|boot|index)\.ts$/],
];

// Back-edges still to remove (none left: fix mode yields events, src/render/fix.ts prints them).
const KNOWN: string[] = [];

async function edges(): Promise<Array<[string, string]>> {
  const { metafile } = await build({
    entryPoints: ['src/cli.ts', 'src/index.ts', 'src/boot.ts'].map((f) => path.join(root, f)),
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  return Object.entries(metafile.inputs).flatMap(([file, input]) =>
    input.imports.filter((i) => !i.external).map((i) => [file, i.path] as [string, string]),
  );
}

const layerOf = (file: string) => LAYERS.findIndex(([, pattern]) => pattern.test(file));

describe('architecture', () => {
  it('puts every module of the bundle in a layer', async () => {
    const files = new Set((await edges()).flat());
    expect([...files].filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('imports only from the same layer or the layers above it', async () => {
    const upstream = (await edges())
      .filter(([from, to]) => layerOf(to) > layerOf(from))
      .map(([from, to]) => `${from} -> ${to}`);
    expect(upstream.filter((edge) => !KNOWN.includes(edge))).toEqual([]);
    // The list of known back-edges only shrinks: a removed one must leave it too.
    expect(KNOWN.filter((edge) => !upstream.includes(edge))).toEqual([]);
  });

  it('has no import cycle at run time', async () => {
    const graph = new Map<string, string[]>();
    for (const [from, to] of await edges()) graph.set(from, [...(graph.get(from) ?? []), to]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

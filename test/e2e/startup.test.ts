import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { KEYS } from '../helpers/secrets.js';

// What the plain run keeps off its path, for start-up time (README, Performance): each of these
// Node modules cost milliseconds to load and the plain run has no use for them. Timing is the
// bench's job (npm run bench); this only records which modules Node loaded.
const NOT_LOADED = [
  'crypto', // hashes only for the Keychain and temporary names
  'internal/fs/promises', // src/world/fs.ts uses the synchronous API
  'readline',
  'internal/readline/interface', // brought in by fs/promises
  'internal/fs/streams', // process.stdin on /dev/null, which execa used to touch (scripts/execa-plugin.mjs)
  'perf_hooks',
  'http',
  'https',
  'tls', // the registry and network probes; nothing goes out with --offline
];

async function loadedModules(args: string[]): Promise<string[]> {
  const fixture = makeFixture({
    home: subscriptionHome(),
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
  });
  const out = path.join(fixture.root, 'modules.txt');
  const preload = path.join(fixture.root, 'record-modules.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.join('\\n')));\n`,
  );
  // Twice: the first run writes the code cache, the second is the run users repeat.
  for (let run = 0; run < 2; run += 1) {
    const result = await runCli([], fixture.env, fixture.project, {
      argv: [process.execPath, '--require', preload, BIN, ...args],
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  }
  return readFileSync(out, 'utf8')
    .split('\n')
    .map((line) => line.replace(/^NativeModule /, ''));
}

describe('start-up (built bin)', () => {
  it.each([[['--json', '--offline']], [['--offline']]])(
    '%j loads none of the modules it does not need',
    async (args) => {
      const loaded = await loadedModules(args);
      // The record itself works: the modules every run needs are there.
      expect(loaded).toEqual(expect.arrayContaining(['child_process', 'vm', 'fs']));
      expect(NOT_LOADED.filter((id) => loaded.includes(id))).toEqual([]);
    },
  );
});

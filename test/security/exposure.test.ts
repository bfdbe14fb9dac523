import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { allPlanted, leaked, modes, plantedHome, secrets } from './planted.js';

// The promise of issue 16: no output of any mode (human, --verbose, --json, report Markdown
// and JSON, --anonymize, the report file, fix --dry-run diffs, config and error messages,
// view) holds more of a secret than its last 4 characters, whatever shape the secret has and
// wherever it was found.

describe('no output holds a planted secret', () => {
  it('for random secrets of every shape in every place', async () => {
    await fc.assert(
      fc.asyncProperty(secrets, async (planted) => {
        const { fixture, badConfig } = plantedHome(planted);
        const values = allPlanted(planted);
        for (const argv of modes(fixture, badConfig)) {
          const result = await runInProcess(argv, fixture.env, fixture.project);
          const where = `claude-auth-doctor ${argv.join(' ')}`;
          expect(leaked(result.stdout, values), `${where}: stdout`).toBeNull();
          expect(leaked(result.stderr, values), `${where}: stderr`).toBeNull();
          for (const [file, text] of Object.entries(result.files))
            expect(leaked(text, values), `${where}: ${path.basename(file)}`).toBeNull();
          if (argv.includes('--config')) {
            expect(result.code).toBe(2);
            expect(result.stderr).toContain('"timeout" must be');
          } else expect(result.code, `${where}: ${result.stderr}`).toBeLessThan(2);
        }
        // The run did see the secrets: the fix plan removes the key's line.
        const dry = await runInProcess(
          ['fix', '--offline', '--dry-run'],
          fixture.env,
          fixture.project,
        );
        expect(dry.stdout).toContain('+# export ANTHROPIC_API_KEY=[masked]');
        expect(readFileSync(path.join(fixture.home, '.bashrc'), 'utf8')).toContain(
          planted.apiKey.value,
        );
      }),
      { numRuns: 10, endOnFailure: true },
    );
  }, 120_000);
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';
import { allPlanted, leaked, modes, plantedHome, secrets } from '../security/planted.js';

// The built bin, wired as users run it: stdout, stderr and the report file pass through the
// output sink (test/security/exposure.test.ts runs many more secrets in process).

describe('the built bin shows no planted secret', () => {
  it('in any mode', async () => {
    const [planted] = fc.sample(secrets, { numRuns: 1, seed: 16 });
    const { fixture, badConfig } = plantedHome(planted!);
    const values = allPlanted(planted!);
    const outputs = path.join(fixture.root, 'report.json');
    for (const argv of modes(fixture, badConfig)) {
      const result = await runCli(argv, fixture.env, fixture.project);
      expect(leaked(result.stdout, values), argv.join(' ')).toBeNull();
      expect(leaked(result.stderr, values), argv.join(' ')).toBeNull();
      expect(result.stderr, argv.join(' ')).not.toMatch(/\n\s+at /);
    }
    const { readFileSync } = await import('node:fs');
    expect(leaked(readFileSync(outputs, 'utf8'), values)).toBeNull();
  }, 60_000);

  it('scrubs a crash that carries a key, and plugin results that do', async () => {
    const fixture = makeFixture({
      home: subscriptionHome(),
      env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    });
    const plugin = (body: string) =>
      `export default { id: 'x', title: 'X', description: 'x', run: async (ctx) => { ${body} } };\n`;
    const config = (name: string) => path.join(fixture.root, `${name}.json`);
    writeFileSync(
      path.join(fixture.root, 'echo.mjs'),
      plugin(
        `return { status: 'warn', summary: 'key ' + ctx.env.ANTHROPIC_API_KEY, evidence: [{ source: 'env:X', detail: JSON.stringify({ k: ctx.env.ANTHROPIC_API_KEY }) }] };`,
      ),
    );
    writeFileSync(
      path.join(fixture.root, 'crash.mjs'),
      plugin(
        `Promise.reject(new Error('leaked ' + ctx.env.ANTHROPIC_API_KEY)); return { status: 'pass', summary: 'ok' };`,
      ),
    );
    writeFileSync(config('echo'), JSON.stringify({ plugins: ['./echo.mjs'] }));
    writeFileSync(config('crash'), JSON.stringify({ plugins: ['./crash.mjs'] }));

    const echo = await runCli(
      ['--offline', '--verbose', '--config', config('echo')],
      fixture.env,
      fixture.project,
    );
    expect(echo.stdout).toContain('key [redacted]');
    expectNoSecret(echo.stdout + echo.stderr);

    const crash = await runCli(
      ['--offline', '--config', config('crash')],
      fixture.env,
      fixture.project,
    );
    expect(crash.code).toBe(2);
    expect(crash.stderr).toContain('claude-auth-doctor: internal error: leaked [redacted]');
    expect(crash.stderr).not.toMatch(/\n\s+at /);
    expectNoSecret(crash.stdout + crash.stderr);
  });
});

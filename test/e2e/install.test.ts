import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { makeFixture, subscriptionHome, writeFakeClaude } from '../helpers/fixture.js';
import { bunInstall, nativeInstall, npmGlobalInstall } from '../helpers/installs.js';
import { fakeRegistry } from '../helpers/registry.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// End-to-end install health: the built bin, fake installs in a fixture home, a registry on
// 127.0.0.1 that wants a token, and a fake `npm` that records being run.

async function setup() {
  const registry = await fakeRegistry({
    token: KEYS.authToken,
    tags: { latest: '2.1.331' },
    engines: { '2.1.331': '>=22.0.0' },
  });
  const host = new URL(registry.url).host;
  const fixture = makeFixture({
    claude: null,
    home: subscriptionHome({
      '.npmrc': `registry=${registry.url}\n//${host}/:_authToken=${KEYS.authToken}\n`,
    }),
  });
  // A token goes over plain http only to a loopback server the test hook names.
  fixture.env.CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS += `,registry=${registry.url}`;
  const npmLog = path.join(fixture.root, 'npm-called');
  writeFakeClaude(fixture.bin, { script: `echo "$@" >> ${npmLog}; echo 10.0.0` }, 'npm');
  bunInstall(fixture.home, '2.1.100');
  nativeInstall(fixture.home, '2.1.331', ['2.1.300']);
  npmGlobalInstall(path.join(fixture.root, 'npm-global'), '2.1.197', '>=18.0.0');
  fixture.env.PATH = [
    path.join(fixture.home, '.bun', 'bin'),
    path.join(fixture.home, '.local', 'bin'),
    fixture.bin,
  ].join(':');
  return { registry, fixture, npmLog };
}

const parse = (stdout: string) => JSON.parse(stdout) as Report;
const check = (report: Report, id: string) => report.checks.find((c) => c.id === id)!;

describe('install health (built bin)', () => {
  it('finds every install, plans removal and the right update, never runs npm, and caches the registry answer', async () => {
    const { registry, fixture, npmLog } = await setup();
    const first = await runCli(['--json', '--skip', 'network'], fixture.env, fixture.project);
    expectNoSecret(first.stdout + first.stderr);
    const report = parse(first.stdout);
    expect(check(report, 'multiple-installs')).toMatchObject({ status: 'warn' });
    expect(check(report, 'multiple-installs').summary).toMatch(
      /^3 Claude Code installations: ~\/\.bun\/bin\/claude \(bun, 2\.1\.100\) runs, but ~\/\.local\/bin\/claude \(native, 2\.1\.331\) is newer\./,
    );
    expect(check(report, 'stale-version').summary).toBe(
      'Claude Code 2.1.100 runs, older than latest 2.1.331, but ~/.local/bin/claude (native) has 2.1.331: an older copy shadows it.',
    );
    // Removing the shadowing copy is the fix; updating it would refresh a copy about to go.
    expect(report.fixPlan.map((s) => [s.id, s.command ?? ''])).toEqual([
      ['remove-extra-installs', ''],
      ['restart-terminal', ''],
      ['verify', 'claude-auth-doctor'],
    ]);
    expect(report.fixPlan[0]?.details).toEqual([
      '~/.bun/bin/claude (bun, 2.1.100): bun remove -g @anthropic-ai/claude-code',
      `${fixture.root}/npm-global/bin/claude (npm-global, 2.1.197): npm uninstall -g @anthropic-ai/claude-code --prefix "${fixture.root}/npm-global"`,
    ]);
    expect(existsSync(npmLog)).toBe(false);
    expect(registry.log.map((r) => [r.url, Boolean(r.authorization)])).toEqual([
      ['/-/package/@anthropic-ai%2fclaude-code/dist-tags', true],
    ]);

    const cacheDir = path.join(fixture.home, '.cache', 'claude-auth-doctor');
    const registryFiles = readdirSync(cacheDir).filter((name) => name.startsWith('registry-'));
    expect(registryFiles).toHaveLength(1);
    expectNoSecret(readFileSync(path.join(cacheDir, registryFiles[0]!), 'utf8'));

    const second = await runCli(['--json'], fixture.env, fixture.project);
    expect(check(parse(second.stdout), 'stale-version').evidence.at(-1)?.detail).toMatch(
      /\(cached 0 min ago\)$/,
    );
    expect(registry.requests).toHaveLength(1);
    expect(existsSync(npmLog)).toBe(false);
  });

  it('uses the cached answer with --offline and writes nothing else', async () => {
    const { registry, fixture } = await setup();
    const offlineCold = parse(
      (await runCli(['--json', '--offline'], fixture.env, fixture.project)).stdout,
    );
    expect(check(offlineCold, 'stale-version').status).toBe('skip');
    // Only the compiled-code cache (test/e2e/code-cache.test.ts): no registry answer.
    expect(readdirSync(path.join(fixture.home, '.cache', 'claude-auth-doctor'))).toEqual([
      'code-cache',
    ]);
    await runCli(['--json'], fixture.env, fixture.project);
    const offlineWarm = parse(
      (await runCli(['--json', '--offline'], fixture.env, fixture.project)).stdout,
    );
    expect(check(offlineWarm, 'stale-version').status).toBe('warn');
    expect(registry.requests).toHaveLength(1);
  });

  it('prints the install findings in the human report without secrets', async () => {
    const { fixture } = await setup();
    const result = await runCli([], fixture.env, fixture.project);
    expectNoSecret(result.stdout + result.stderr);
    expect(result.stdout).toContain(
      'Remove the extra Claude Code installations, so the one you update is the one that runs',
    );
    expect(result.stdout).toContain(
      '- ~/.bun/bin/claude (bun, 2.1.100): bun remove -g @anthropic-ai/claude-code',
    );
  });
});

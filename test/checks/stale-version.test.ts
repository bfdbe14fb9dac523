import path from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../checks/stale-version.js';
import { GRACE_RELEASES } from '../../src/version-distance.js';
import { makeFixture, type FixtureSpec } from '../helpers/fixture.js';
import { closedPort, fakeRegistry, type RegistryOptions } from '../helpers/registry.js';
import { coversEveryOutcome, planSteps, runCheck } from '../helpers/check.js';
import { bunInstall, nativeInstall, npmGlobalInstall } from '../helpers/installs.js';
import { KEYS } from '../helpers/secrets.js';

async function online(spec: FixtureSpec, registry: RegistryOptions = {}, timeoutMs = 3000) {
  const server = await fakeRegistry(registry);
  const fixture = makeFixture({ ...spec, env: { npm_config_registry: server.url, ...spec.env } });
  // Installs laid out in the fixture run from these directories, before the plain fake claude.
  fixture.env.PATH = [
    path.join(fixture.home, '.local', 'bin'),
    path.join(fixture.root, 'npm-global', 'bin'),
    fixture.bin,
  ].join(':');
  return { fixture, server, ctx: fixture.context({ offline: false, timeoutMs }) };
}

coversEveryOutcome(check);

describe('stale-version', () => {
  it('passes when the installed version is the latest', async () => {
    const { ctx } = await online({ claude: { version: '2.1.331' } });
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('up-to-date');
    expect(result.values).toEqual({
      installed: '2.1.331',
      channel: 'latest',
      latest: '2.1.331',
      behind: '0 releases',
    });
  });

  it('warns for an old version and plans the update', async () => {
    const { ctx } = await online({ claude: { version: '2.1.100' } });
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('outdated');
    expect(planSteps(result)).toEqual(['update', 'verify']);
    expect(result.plan?.[0]?.command).toBe('claude update');
  });

  it('compares with the stable channel when settings choose it', async () => {
    const { ctx } = await online({
      claude: { version: '2.1.300' },
      home: { '.claude/settings.json': { autoUpdatesChannel: 'stable' } },
    });
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('up-to-date');
    expect(result.values).toMatchObject({ channel: 'stable', latest: '2.1.300' });
  });

  it('explains why npm picked an old version on an old Node, for an npm install', async () => {
    const { ctx, fixture } = await online({ claude: null }, { engines: { '2.1.331': '>=22.0.0' } });
    npmGlobalInstall(path.join(fixture.root, 'npm-global'), '2.1.197');
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('outdated-node-engine');
    expect(result.evidence?.at(-1)?.detail).toBe(
      '2.1.331 declares engines.node ">=22.0.0"; this machine runs Node 20.20.2',
    );
    expect(result.fix?.join(' ')).toContain('@anthropic-ai/claude-code@latest');
    expect(result.plan?.[0]?.command).toBe('npm install -g @anthropic-ai/claude-code@latest');
  });

  it('says nothing about Node when the engine fits', async () => {
    const { ctx, fixture } = await online({ claude: null }, { engines: { '2.1.331': '>=18' } });
    npmGlobalInstall(path.join(fixture.root, 'npm-global'), '2.1.197');
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('outdated');
    expect(result.fix).toHaveLength(1);
  });

  it('says nothing about Node for a native install, and plans `claude update`', async () => {
    const { ctx, fixture } = await online({ claude: null }, { engines: { '2.1.331': '>=22.0.0' } });
    nativeInstall(fixture.home, '2.1.197');
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('outdated-native');
    expect(result.plan?.[0]?.command).toBe('claude update');
  });

  it.each([
    ['newer-copy-shadowed', '2.1.331', ['remove-extra-installs', 'verify'], undefined],
    [
      'newer-copy-shadowed-outdated',
      '2.1.300',
      ['remove-extra-installs', 'update', 'verify'],
      'claude update',
    ],
  ])(
    'points at a newer shadowed copy (%s) instead of updating the old one that runs',
    async (outcome, keptVersion, steps, update) => {
      const { fixture } = await online({ claude: null });
      bunInstall(fixture.home, '2.1.100');
      nativeInstall(fixture.home, keptVersion);
      const result = await runCheck(
        check,
        fixture.context({
          offline: false,
          env: { ...fixture.env, PATH: `${fixture.home}/.bun/bin:${fixture.env.PATH}` },
        }),
      );
      expect(result.outcome).toBe(outcome);
      expect(result.values).toMatchObject({
        installed: '2.1.100',
        latest: '2.1.331',
        kept: '~/.local/bin/claude',
        method: 'native',
        has: keptVersion,
      });
      expect(planSteps(result)).toEqual(steps);
      expect(result.plan?.find((p) => p.step === 'update')?.command).toBe(update);
    },
  );

  it('uses the cached answer offline', async () => {
    const { ctx, fixture, server } = await online({ claude: { version: '2.1.100' } });
    await runCheck(check, ctx);
    const offline = await runCheck(check, fixture.context({ offline: true }));
    expect(offline.status).toBe('warn');
    expect(offline.evidence?.[1]?.detail).toMatch(/latest is 2\.1\.331 \(cached \d+ min ago\)$/);
    expect(server.requests).toHaveLength(1);
  });

  it('uses the registry from ~/.npmrc', async () => {
    const server = await fakeRegistry({ tags: { latest: '9.9.9' } });
    const fixture = makeFixture({
      claude: { version: '2.1.331' },
      home: { '.npmrc': `; comment\nregistry=${server.url}\n` },
    });
    const result = await runCheck(check, fixture.context({ offline: false }));
    expect(result.values?.latest).toBe('9.9.9');
    expect(result.evidence?.[1]?.source).toBe('file:~/.npmrc:2');
    expect(server.requests[0]).toBe('/-/package/@anthropic-ai%2fclaude-code/dist-tags');
  });

  it('skips fast when offline', async () => {
    const { ctx, server } = await online({ claude: { version: '2.1.331' } });
    const offline = makeFixture({ env: { npm_config_registry: server.url } }).context({
      offline: true,
    });
    const result = await runCheck(check, offline);
    expect(result.outcome).toBe('latest-unknown');
    expect(server.requests).toHaveLength(0);
    expect(ctx).toBeDefined();
  });

  it.each(['500', '404', 'html', 'invalid-json', 'no-dist-tags'] as const)(
    'skips with the reason when the registry answers %s',
    async (mode) => {
      const { ctx } = await online({ claude: { version: '2.1.331' } }, { mode });
      const result = await runCheck(check, ctx);
      expect(result.outcome).toBe('latest-unknown');
      expect(result.values?.reason).toMatch(/127\.0\.0\.1:\d+ (answered|could)|dist-tags/);
    },
  );

  it('skips within the timeout when the registry never answers', async () => {
    const { ctx } = await online({ claude: { version: '2.1.331' } }, { mode: 'hang' }, 400);
    const started = Date.now();
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('latest-unknown');
    expect(result.values?.reason).toContain('did not answer in time');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('skips when the registry port is closed', async () => {
    const url = await closedPort();
    const fixture = makeFixture({ env: { npm_config_registry: url } });
    const result = await runCheck(check, fixture.context({ offline: false }));
    expect(result.outcome).toBe('latest-unknown');
    expect(result.values?.reason).toContain('connection refused');
  });

  it('fails with install advice when claude is not on PATH', async () => {
    const result = await runCheck(check, makeFixture({ claude: null }).context());
    expect(result.outcome).toBe('not-installed');
    expect(result.fix?.[0]).toContain('npm install -g @anthropic-ai/claude-code@latest');
  });

  it.each([
    ['hangs', '/bin/sleep 30', 'did not answer within 300 ms'],
    ['prints garbage', 'echo "garbage"', 'printed no version'],
    ['exits non-zero', 'echo "2.1.331 (Claude Code)"; exit 3', 'exited with code 3'],
  ])('warns naming the command when claude %s', async (_, script, words) => {
    const fixture = makeFixture({ claude: { script } });
    const started = Date.now();
    const result = await runCheck(check, fixture.context({ timeoutMs: 300 }));
    expect(result.outcome).toBe('version-unknown');
    expect(result.values?.problem).toContain(`${fixture.bin}/claude --version`);
    expect(result.values?.problem).toContain(words);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reads a version printed with extra text', async () => {
    const fixture = makeFixture({
      claude: { script: 'echo "warning: something"; echo "2.1.331 (Claude Code)"' },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.evidence?.[0]?.detail).toContain('version 2.1.331');
  });
});

describe('stale-version with credentials in the registry URL', () => {
  it('never shows them', async () => {
    const server = await fakeRegistry();
    const url = server.url.replace('//', `//ada:${KEYS.authToken}@`);
    const fixture = makeFixture({
      claude: { version: '2.1.100' },
      env: { npm_config_registry: url },
    });
    const result = await runCheck(check, fixture.context({ offline: false }));
    expect(result.status).toBe('warn');
    expect(result.evidence?.[1]?.detail).toBe(`registry ${server.url}: latest is 2.1.331`);
  });
});

// Issue 19: a healthy auto-updating install a release behind got "Update Claude Code" and
// exit 1 under --strict; and the claim about the subscription login option had no version floor.
describe('stale-version: grace window and true reasons', () => {
  it('an install that updates itself, a few releases behind, is within the grace window', async () => {
    const { ctx, fixture } = await online({ claude: null });
    nativeInstall(fixture.home, '2.1.327');
    const result = await runCheck(check, ctx);
    expect(result).toMatchObject({ status: 'pass', outcome: 'within-grace' });
    expect(result.values).toMatchObject({ behind: '4 releases', grace: GRACE_RELEASES });
  });

  it('past the grace window it warns with how far behind, and no claim about a login option', async () => {
    const { ctx, fixture } = await online({ claude: null });
    nativeInstall(fixture.home, '2.1.325');
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('outdated-native');
    expect(result.summary).toContain('6 releases behind latest 2.1.331');
    expect(result.summary).not.toMatch(/subscription login option/);
  });

  it('with auto-updates off there is no grace', async () => {
    const { ctx, fixture } = await online({
      claude: null,
      env: { DISABLE_AUTOUPDATER: '1' },
    });
    nativeInstall(fixture.home, '2.1.330');
    expect((await runCheck(check, ctx)).outcome).toBe('outdated-native');
  });

  it('installed but off PATH is not "install Claude Code"', async () => {
    const fixture = makeFixture({ claude: null });
    nativeInstall(fixture.home, '2.1.331');
    const result = await runCheck(check, fixture.context());
    expect(result).toMatchObject({ status: 'warn', outcome: 'off-path' });
    expect(planSteps(result)).toEqual([]);
  });

  it('nothing installed: Install, not update or restart', async () => {
    const result = await runCheck(check, makeFixture({ claude: null }).context());
    expect(result).toMatchObject({ status: 'fail', outcome: 'not-installed' });
    expect(planSteps(result)).toEqual(['install', 'verify']);
  });
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../checks/node-engine.js';
import { coversEveryOutcome, planSteps, runCheck } from '../helpers/check.js';
import { makeFixture, type FileSpec } from '../helpers/fixture.js';
import { nativeInstall, npmGlobalInstall } from '../helpers/installs.js';
import { fakeRegistry, type RegistryOptions } from '../helpers/registry.js';

const ENGINES = { '2.1.331': '>=22.0.0' };

async function npmSetup(
  installed: string,
  options: {
    registry?: RegistryOptions;
    home?: Record<string, FileSpec>;
    node?: string;
    offline?: boolean;
  } = {},
) {
  const server = await fakeRegistry({ engines: ENGINES, ...options.registry });
  const fixture = makeFixture({ claude: null, home: options.home ?? {} });
  const prefix = path.join(fixture.root, 'npm-global');
  npmGlobalInstall(prefix, installed, installed === '2.1.197' ? '>=18.0.0' : '>=22.0.0');
  const env = { ...fixture.env, npm_config_registry: server.url, PATH: path.join(prefix, 'bin') };
  return {
    server,
    fixture,
    ctx: fixture.context({
      env,
      offline: options.offline ?? false,
      ...(options.node ? { nodeVersion: options.node } : {}),
    }),
  };
}

coversEveryOutcome(check);

describe('node-engine', () => {
  it('warns that a plain npm install picked an old version on this Node, and plans @latest', async () => {
    const { ctx } = await npmSetup('2.1.197');
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('held-back');
    expect(result.values).toMatchObject({ target: '2.1.331', engine: '>=22.0.0', node: '20.20.2' });
    expect(result.values?.cause).toMatch(/^a plain `npm install -g/);
    expect(result.evidence?.map((e) => e.detail)).toEqual([
      expect.stringMatching(/^registry http:\/\/127\.0\.0\.1:\d+\/: latest is 2\.1\.331$/),
      '2.1.331 declares engines.node ">=22.0.0"; this machine runs Node 20.20.2',
      'the installed 2.1.197 declares engines.node ">=18.0.0"',
    ]);
    expect(result.values?.latestWay).toBe(
      '`npm install -g @anthropic-ai/claude-code@latest` or `claude update`',
    );
    expect(planSteps(result)).toEqual(['update', 'verify']);
    expect(result.plan?.[0]?.command).toBe('npm install -g @anthropic-ai/claude-code@latest');
  });

  it('blames engine-strict when it is on, and plans around it', async () => {
    const { ctx } = await npmSetup('2.1.197', { home: { '.npmrc': 'engine-strict=true\n' } });
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('held-back');
    expect(result.values?.cause).toContain("npm's engine-strict (file:~/.npmrc:1) refuses");
    expect(result.plan?.[0]?.command).toBe(
      'npm install -g --engine-strict=false @anthropic-ai/claude-code@latest',
    );
  });

  it('passes on a Node the newest version accepts', async () => {
    const { ctx } = await npmSetup('2.1.197', { node: '22.11.0' });
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('fits');
    expect(result.values).toEqual({ node: '22.11.0', target: '2.1.331', engine: '>=22.0.0' });
  });

  it('explains an install that got past the engine check with @latest', async () => {
    const { ctx } = await npmSetup('2.1.331');
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('installed-anyway');
  });

  it('does not blame an engines.node range it cannot read', async () => {
    const { ctx } = await npmSetup('2.1.197', {
      registry: { engines: { '2.1.331': 'node twenty-two' } },
    });
    expect((await runCheck(check, ctx)).outcome).toBe('fits');
  });

  it('passes when the newest version declares no engine', async () => {
    const { ctx } = await npmSetup('2.1.197', { registry: { engines: {} } });
    expect((await runCheck(check, ctx)).values?.engine).toBe('no requirement');
  });

  it.each([
    [
      'the registry fails',
      { registry: { mode: '500' as const } },
      /^127\.0\.0\.1:\d+ answered HTTP 500$/,
    ],
    ['offline without a cache', { offline: true }, /not looked up \(--offline\)/],
  ])('skips when %s', async (_, options, reason) => {
    const { ctx } = await npmSetup('2.1.197', options);
    const result = await runCheck(check, ctx);
    expect(result.outcome).toBe('engine-unknown');
    expect(result.values?.reason).toMatch(reason);
  });

  it('skips without a claude on PATH, and when its version cannot be read', async () => {
    const none = makeFixture({ claude: null });
    expect((await runCheck(check, none.context())).outcome).toBe('no-claude');
    const fixture = makeFixture({ claude: null });
    npmGlobalInstall(path.join(fixture.root, 'npm-global'), '2.1.197');
    const bin = path.join(fixture.root, 'npm-global', 'bin', 'claude');
    writeFileSync(bin, '#!/bin/sh\necho garbage\n', { mode: 0o755 });
    const env = { ...fixture.env, PATH: path.dirname(bin) };
    const result = await runCheck(check, fixture.context({ env }));
    expect(result.outcome).toBe('version-unknown');
  });

  it('skips a native install without asking the registry', async () => {
    const server = await fakeRegistry({ engines: ENGINES });
    const fixture = makeFixture({ claude: null });
    nativeInstall(fixture.home, '2.1.197');
    const ctx = fixture.context({
      offline: false,
      env: {
        ...fixture.env,
        npm_config_registry: server.url,
        PATH: path.join(fixture.home, '.local', 'bin'),
      },
    });
    const result = await runCheck(check, ctx);
    expect(result).toMatchObject({ outcome: 'not-npm', values: { method: 'native' } });
    expect(server.requests).toHaveLength(0);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeFixture, NO_HOSTS, subscriptionHome, writeFiles } from '../helpers/fixture.js';
import { npmGlobalInstall } from '../helpers/installs.js';
import { fakeRegistry } from '../helpers/registry.js';
import { expectNoSecret, KEYS, MARKER } from '../helpers/secrets.js';
import { checkOf, expectNotRun, parseReport, recordingExecutable } from './hostile.js';

// npm settings the way npm reads them: a project .npmrc cannot move the prefix (npm refuses
// prefix, globalconfig and userconfig there), cannot pick a registry that gets a token, and no
// credential ever goes over plain http.

/** A fixture whose npm settings live in the user's own ~/.npmrc, not in the environment. */
function userNpmFixture(userNpmrc: string, project: Record<string, string> = {}) {
  const fixture = makeFixture({
    home: subscriptionHome(),
    claude: { version: '2.1.100' },
    project,
  });
  const { npm_config_prefix: prefix, ...env } = fixture.env;
  writeFiles(fixture.home, { '.npmrc': `prefix=${prefix}\n${userNpmrc}` });
  return { fixture, env, prefix: prefix! };
}

describe('hostile project .npmrc (built bin)', () => {
  it('does not run a claude under a prefix a project .npmrc names', async () => {
    const { fixture, env, prefix } = userNpmFixture('', {
      '.npmrc': 'prefix=./x\nglobalconfig=./x/npmrc\nuserconfig=./x/npmrc\n',
    });
    const log = path.join(fixture.root, 'ran');
    recordingExecutable(path.join(fixture.project, 'x', 'bin', 'claude'), log);
    npmGlobalInstall(prefix, '2.1.331');
    const result = await runCli(['--offline', '--json'], env, fixture.project);
    expectNotRun(log);
    const installs = checkOf(parseReport(result.stdout), 'multiple-installs');
    expect(JSON.stringify(installs)).not.toContain('/x/bin/claude');
    // The user's own prefix still counts.
    expect(JSON.stringify(parseReport(result.stdout))).toContain(`${prefix}/bin/claude`);
  });

  it('never sends a token from a project .npmrc, nor to a registry it names', async () => {
    const hostile = await fakeRegistry();
    const own = await fakeRegistry();
    const host = new URL(hostile.url).host;
    const { fixture, env, prefix } = userNpmFixture(`registry=${own.url}\n`, {
      '.npmrc': `registry=${hostile.url}\n//${host}/:_authToken=\${ANTHROPIC_API_KEY}\n@anthropic-ai:registry=${hostile.url}\n`,
    });
    env.ANTHROPIC_API_KEY = KEYS.apiKey;
    env.CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS = NO_HOSTS;
    npmGlobalInstall(prefix, '2.1.331');
    const result = await runCli(['--json', '--only', 'stale-version'], env, fixture.project);
    expectNoSecret(result.stdout + result.stderr);
    expect(hostile.log).toEqual([]);
    // The version lookup used the user's own registry, without any credential.
    expect(own.log.length).toBeGreaterThan(0);
    expect(own.log.every((r) => r.authorization === undefined)).toBe(true);
  });

  it("does not send the user's own token over plain http", async () => {
    const registry = await fakeRegistry();
    const host = new URL(registry.url).host;
    const { fixture, env } = userNpmFixture(
      `registry=${registry.url}\n//${host}/:_authToken=${KEYS.authToken}\n`,
    );
    const result = await runCli(['--json', '--only', 'stale-version'], env, fixture.project);
    expectNoSecret(result.stdout + result.stderr);
    expect(registry.log.length).toBeGreaterThan(0);
    expect(JSON.stringify(registry.log)).not.toContain(MARKER);
  });

  it('does not send a token to a registry a project rc names', async () => {
    const hostile = await fakeRegistry();
    const host = new URL(hostile.url).host;
    const { fixture, env } = userNpmFixture(`//${host}/:_authToken=${KEYS.authToken}\n`, {
      '.claude-auth-doctorrc.json': JSON.stringify({ registry: hostile.url }),
    });
    await runCli(['--json', '--only', 'stale-version'], env, fixture.project);
    expect(JSON.stringify(hostile.log)).not.toContain(MARKER);
  });
});

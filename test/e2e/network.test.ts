import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { fakeApi, hosts } from '../helpers/api.js';
import { runCli } from '../helpers/cli.js';
import { makeFixture } from '../helpers/fixture.js';
import { closedPort, fakeProxy } from '../helpers/registry.js';
import { expectNoSecret, KEYS, MARKER } from '../helpers/secrets.js';

const parse = (stdout: string) => JSON.parse(stdout) as Report;

describe('network and --verify (built bin)', () => {
  it('puts fix-network first, verifies the key once, and prints no key or proxy password', async () => {
    const [api, proxy, blocked] = await Promise.all([
      fakeApi(401),
      fakeProxy({ credentials: `ada:pw${MARKER}` }),
      closedPort(),
    ]);
    const fixture = makeFixture({
      env: {
        CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS: hosts(api.url, blocked, api.url),
        HTTP_PROXY: proxy.url.replace('//', `//ada:pw${MARKER}@`),
        NO_PROXY: blocked.replace(/^http:\/\//, '').replace(/\/$/, ''),
        ANTHROPIC_API_KEY: KEYS.apiKey,
      },
      claude: null,
    });
    const json = await runCli(
      ['--json', '--verify', '--timeout', '2000', '--only', 'network,verify-credential'],
      fixture.env,
      fixture.project,
    );
    const human = await runCli(
      ['--verify', '--verbose', '--timeout', '2000', '--only', 'network,verify-credential'],
      fixture.env,
      fixture.project,
    );
    for (const output of [json, human]) expectNoSecret(output.stdout + output.stderr);
    const report = parse(json.stdout);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['network', 'fail'],
      ['verify-credential', 'fail'],
    ]);
    expect(report.fixPlan.map((s) => s.id)).toEqual([
      'fix-network',
      'remove-env-credential',
      'restart-terminal',
      'verify',
    ]);
    expect(report.fixPlan[0]?.details?.[0]).toMatch(
      /127\.0\.0\.1:\d+ cannot be reached \(connection refused\) .* NO_PROXY sends 127\.0\.0\.1:\d+ past your proxy/,
    );
    // Each run sends the key once, through the proxy, never to anyone else.
    expect(api.requests.filter((r) => r.url === '/api/v1/models?limit=1')).toHaveLength(2);
    expect(human.stdout).toContain('Fix the network path to Anthropic');
    expect(human.stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+ \(HTTP_PROXY/);
    expect(json.code).toBe(1);
  });

  it('says "no network" once, within the timeout, when no host resolves', async () => {
    // The whole run, online: the registry too is local (a closed port).
    const fixture = makeFixture({
      env: {
        CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS: hosts(
          'https://api.cad.invalid',
          'https://claude.cad.invalid',
          'https://platform.cad.invalid',
        ),
        npm_config_registry: await closedPort(),
      },
    });
    const result = await runCli(['--timeout', '2000', '--verbose'], fixture.env, fixture.project);
    expect(result.stdout.match(/no network/gi)).toHaveLength(1);
    expect(result.stdout).toMatch(
      /No network: none of the 3 hosts Claude Code needs could be reached \(DNS failure\)/,
    );
    expect(result.ms).toBeLessThan(2000 + 1500);
  });
});

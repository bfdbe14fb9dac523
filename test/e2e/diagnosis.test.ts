import { chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { fakeApi, hosts } from '../helpers/api.js';
import { portableBin, runCli, type CliOptions } from '../helpers/cli.js';
import type { Fixture } from '../helpers/fixture.js';
import { fakeRegistry } from '../helpers/registry.js';
import {
  consoleForcedOverMax,
  consoleOnlyLogin,
  copiedAccessToken,
  gatewayTokenBesideConsoleKey,
  healthyOnePatchBehind,
  keyOnlyInSettings,
  keyPendingInZshrc,
  noClaudeInstalled,
  npmOutsideItsPrefix,
  setupTokenInLaunchingShell,
  staleBunFirstOnPath,
  unreadableSettings,
  windowsShimFirstUnderWsl,
} from '../helpers/scenarios.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// Issue 19: real people's setups, rebuilt from public reports (each fixture in
// test/helpers/scenarios.ts cites its report). Each test asserts what that user needed to
// learn: which credential wins and from where, the outcome of the check that explains it, and
// the fix plan's step ids in order, never the wording.

async function doctor(
  fixture: Fixture,
  args: string[],
  options: CliOptions = {},
): Promise<{ report: Report; code: number | null; stdout: string }> {
  const result = await runCli(['--json', ...args], fixture.env, fixture.project, options);
  expectNoSecret(result.stdout + result.stderr);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return { report: JSON.parse(result.stdout) as Report, code: result.code, stdout: result.stdout };
}

const check = (report: Report, id: string) => report.checks.find((c) => c.id === id)!;
const planIds = (report: Report) => report.fixPlan.map((s) => s.id);
const step = (report: Report, id: string) => report.fixPlan.find((s) => s.id === id);
const planText = (report: Report) =>
  report.fixPlan.flatMap((s) => [s.command ?? '', ...(s.details ?? [])]).join('\n');

describe('issue 19: the diagnosis real reports needed (built bin)', () => {
  it('CLAUDE_CODE_OAUTH_TOKEN exported only in the launching shell wins, is not stale, and is kept (setup-token workflow)', async () => {
    const { report, code } = await doctor(setupTokenInLaunchingShell(), ['--offline', '--strict']);
    expect(report.auth.effective).toMatchObject({
      method: 'oauth-token',
      source: 'env:CLAUDE_CODE_OAUTH_TOKEN',
    });
    expect(check(report, 'restart-needed').status).toBe('pass');
    expect(check(report, 'oauth-token-env').status).toBe('pass');
    expect(planText(report)).not.toContain('unset CLAUDE_CODE_OAUTH_TOKEN');
    expect(report.fixPlan).toEqual([]);
    expect(code).toBe(0);
  });

  it('a stale bun copy first on PATH is removed with bun, never with npm (#2561)', async () => {
    const { report } = await doctor(staleBunFirstOnPath(), [
      '--offline',
      '--only',
      'multiple-installs,install-method',
    ]);
    expect(report.environment.claude?.installMethod).toBe('bun');
    expect(check(report, 'multiple-installs').status).toBe('warn');
    const removal = step(report, 'remove-extra-installs')!;
    expect(removal.details!.join('\n')).toContain('bun remove -g @anthropic-ai/claude-code');
    expect(planText(report)).not.toContain('npm uninstall');
  });

  it('an npm copy outside npm\'s prefix is updated with that prefix ("Auto-update failed", devcontainer-features#27)', async () => {
    const fixture = npmOutsideItsPrefix();
    const registry = await fakeRegistry({ tags: { latest: '2.1.331', stable: '2.1.300' } });
    fixture.env.npm_config_registry = registry.url;
    const { report } = await doctor(fixture, ['--only', 'stale-version,auto-updates']);
    const nvm = path.join(fixture.root, 'nvm', 'versions', 'node', 'v22.20.0');
    expect(check(report, 'stale-version').status).toBe('warn');
    expect(step(report, 'update')!.command).toBe(
      `npm install -g @anthropic-ai/claude-code@latest --prefix "${nvm}"`,
    );
  });

  it('a key only in a settings env block is removed there: no unset, no restart (#12352)', async () => {
    const { report } = await doctor(keyOnlyInSettings(), ['--offline']);
    expect(report.auth.effective).toMatchObject({
      method: 'api-key',
      source: 'file:~/.claude/settings.json#env.ANTHROPIC_API_KEY',
    });
    expect(check(report, 'api-key-env').status).toBe('fail');
    expect(planIds(report)).toEqual(['remove-env-credential', 'verify']);
    expect(step(report, 'remove-env-credential')!.command).toBeUndefined();
    expect(step(report, 'remove-env-credential')!.details!.join('\n')).toContain(
      '~/.claude/settings.json',
    );
  });

  it('an unreadable settings file gets an owner and mode fix, not JSON advice (claude-code-sandbox#14)', async () => {
    const fixture = unreadableSettings();
    // Root reads anything: run as an ordinary user when we are root.
    const asNobody = process.getuid?.() === 0;
    if (asNobody) chmodSync(fixture.root, 0o755);
    const { report } = await doctor(
      fixture,
      ['--offline', '--only', 'config-files'],
      asNobody ? { user: { uid: 65534, gid: 65534 }, bin: portableBin() } : {},
    );
    expect(check(report, 'config-files').status).toBe('fail');
    expect(planIds(report)).toEqual(['fix-permissions', 'verify']);
    expect(planText(report)).toMatch(/chmod u\+rw .*settings\.json/);
    expect(check(report, 'config-files').fix.join('\n')).not.toContain('JSON.parse');
  });

  it('with no claude installed the plan installs it: no update, no restart, and auto-updates do not pass', async () => {
    const { report } = await doctor(noClaudeInstalled(), ['--offline']);
    expect(planIds(report)).toEqual(['install', 'verify']);
    expect(check(report, 'auto-updates').status).toBe('skip');
  });

  it('a gateway token beside a stored Console key is fixed by logging out (free-claude-code#741)', async () => {
    const { report } = await doctor(gatewayTokenBesideConsoleKey(), ['--offline']);
    expect(report.auth.effective).toMatchObject({
      method: 'auth-token',
      source: 'file:~/.claude/settings.json#env.ANTHROPIC_AUTH_TOKEN',
    });
    expect(planIds(report)).toEqual(['logout', 'verify']);
  });

  it('a CLAUDE_CODE_OAUTH_TOKEN copied from the stored login is one credential that expires soon: setup-token (nanoclaw#730)', async () => {
    const fiveHours = Date.now() + 5 * 60 * 60 * 1000;
    const { report } = await doctor(copiedAccessToken(fiveHours), ['--offline']);
    expect(report.auth.effective.method).toBe('oauth-token');
    expect(check(report, 'mixed-credentials').status).toBe('pass');
    expect(check(report, 'oauth-token-env').status).toBe('warn');
    expect(step(report, 'login')!.command).toBe('claude setup-token');
    expect(planText(report)).not.toContain('unset CLAUDE_CODE_OAUTH_TOKEN');
  });

  it('forceLoginMethod "console" over a Max login is removed before logging in (#928)', async () => {
    const { report } = await doctor(consoleForcedOverMax(), ['--offline']);
    const ids = planIds(report);
    expect(ids).toContain('remove-forced-login');
    expect(ids.indexOf('remove-forced-login')).toBeLessThan(ids.indexOf('login'));
    expect(step(report, 'remove-forced-login')!.details!.join('\n')).toContain(
      '~/.claude/settings.json',
    );
    expect(step(report, 'login')!.command).toBe('claude auth login --claudeai');
  });

  it("under WSL, Windows' claude first on PATH is explained, never deleted (#107, #1298)", async () => {
    const { report } = await doctor(windowsShimFirstUnderWsl(), [
      '--offline',
      '--only',
      'multiple-installs',
    ]);
    const found = check(report, 'multiple-installs');
    expect(found.status).toBe('warn');
    expect(planText(report)).not.toMatch(/rm [^\n]*mnt\/c/);
    expect(found.evidence.some((e) => /Windows/.test(e.detail))).toBe(true);
  });

  it('a healthy native install one patch behind latest is an all-clear, even under --strict', async () => {
    const fixture = healthyOnePatchBehind();
    const [registry, api] = await Promise.all([
      fakeRegistry({ tags: { latest: '2.1.331', stable: '2.1.300' } }),
      fakeApi(404, 'not found'),
    ]);
    fixture.env.npm_config_registry = registry.url;
    // Every check runs, the network one too: the hook names the stand-ins for Claude Code's hosts.
    fixture.env.CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS = `${hosts(api.url, api.url, api.url)},registry=${registry.url}`;
    const { report, code } = await doctor(fixture, ['--strict']);
    expect(check(report, 'network').status).toBe('pass');
    expect(check(report, 'stale-version').status).toBe('pass');
    expect(report.fixPlan).toEqual([]);
    expect(code).toBe(0);
  });

  it('says the network works when the registry answered though the API hosts did not, with no CA evidence', async () => {
    const fixture = healthyOnePatchBehind();
    const [registry, silent] = await Promise.all([
      fakeRegistry({ tags: { latest: '2.1.331' } }),
      fakeApi('hang'),
    ]);
    fixture.env.npm_config_registry = registry.url;
    // The hook names the registry: it stands in for a remote host (a server on this machine
    // alone proves no network).
    fixture.env.CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS = `${hosts(silent.url, silent.url, silent.url)},registry=${registry.url}`;
    fixture.env.NODE_EXTRA_CA_CERTS = path.join(fixture.home, 'corp-ca.pem');
    const { report } = await doctor(fixture, [
      '--only',
      'network,stale-version',
      '--timeout',
      '1500',
    ]);
    const network = check(report, 'network');
    expect(network.status).not.toBe('pass');
    expect(network.summary).not.toMatch(/^No network/);
    expect(network.evidence.some((e) => e.detail.includes('NODE_EXTRA_CA_CERTS'))).toBe(false);
  });

  it('a Console-only login says first how to switch to a plan; with --expect subscription it fails (seed article, #5300)', async () => {
    const fixture = consoleOnlyLogin();
    const { report, code } = await doctor(fixture, ['--offline']);
    expect(report.expect).toBe('api');
    expect(report.expectBasis).toBe('console-login');
    expect(code).toBe(0);
    const human = await runCli(['--offline'], fixture.env, fixture.project);
    const firstLines = human.stdout.split('\n').slice(0, 4).join('\n');
    expect(firstLines).toContain('claude auth login --claudeai');
    expect(firstLines).toContain('--expect subscription');
    const strict = await doctor(fixture, ['--offline', '--expect', 'subscription']);
    expect(strict.code).toBe(1);
    expect(strict.report.expectBasis).toBe('given');
  });

  it('ANTHROPIC_API_KEY exported by ~/.zshrc for new terminals is not "not set anywhere" (#1740)', async () => {
    const { report } = await doctor(keyPendingInZshrc(), ['--offline']);
    const apiKey = check(report, 'api-key-env');
    expect(apiKey.status).not.toBe('pass');
    expect(apiKey.evidence.map((e) => e.source)).toContain('file:~/.zshrc:1');
    expect(planIds(report)).toContain('remove-env-credential');
  });

  it('--verify reads a disabled organisation from the error body and points at the key first (#19028, #8327)', async () => {
    const body = JSON.stringify({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'This organization has been disabled.' },
      request_id: 'req_011CXF1SZ3S3oXChsdxhoUwV',
    });
    const api = await fakeApi(400, body);
    const fixture = keyPendingInZshrc();
    fixture.env.ANTHROPIC_API_KEY = KEYS.apiKey;
    fixture.env.CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS = hosts(api.url, api.url, api.url);
    const { report, stdout } = await doctor(fixture, [
      '--verify',
      '--only',
      'verify-credential,api-key-env',
    ]);
    const verify = check(report, 'verify-credential');
    expect(verify.status).toBe('fail');
    expect(verify.summary).toMatch(/disabled/);
    expect(planIds(report)[0]).toBe('remove-env-credential');
    expect(stdout).not.toContain('req_011CXF1SZ3S3oXChsdxhoUwV');
  });

  it('--verify against a gateway without /v1/models says so, not "invalid"', async () => {
    const api = await fakeApi(404, '<html>Not Found</html>');
    const fixture = gatewayTokenBesideConsoleKey();
    fixture.env.CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS = hosts(api.url, api.url, api.url);
    const { report } = await doctor(fixture, ['--verify', '--only', 'verify-credential']);
    const verify = check(report, 'verify-credential');
    expect(verify.status).toBe('warn');
    expect(verify.summary).toMatch(/gateway/);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../checks/subscription-login.js';
import {
  credentialsFile,
  makeFixture,
  PAST,
  subscriptionHome,
  writeFakeClaude,
} from '../helpers/fixture.js';
import { coversEveryOutcome, planSteps, runCheck } from '../helpers/check.js';
import { KEYS } from '../helpers/secrets.js';

coversEveryOutcome(check);

describe('subscription-login', () => {
  it.each([
    ['pro', 'default_claude_pro', 'Pro'],
    ['max', 'default_claude_max_5x', 'Max 5x'],
    ['max', 'default_claude_max_20x', 'Max 20x'],
    ['team', 'x', 'Team'],
    ['enterprise', 'x', 'Enterprise'],
  ])('passes for a %s login and names the plan', async (subscriptionType, rateLimitTier, plan) => {
    const fixture = makeFixture({
      home: subscriptionHome({
        '.claude/.credentials.json': credentialsFile({ subscriptionType, rateLimitTier }),
      }),
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('usable');
    expect(result.values).toEqual({ what: `a ${plan} plan`, refresh: '' });
  });

  it('fails when no login is stored and a subscription is expected', async () => {
    const result = await runCheck(check, makeFixture().context());
    expect(result.outcome).toBe('no-login');
    expect(planSteps(result)).toEqual(['login', 'verify']);
  });

  it('fails for a Console-only login with the full sequence', async () => {
    const fixture = makeFixture({ home: { '.claude.json': { primaryApiKey: KEYS.consoleKey } } });
    const result = await runCheck(check, fixture.context({ expect: 'subscription' }));
    expect(result.outcome).toBe('console-login');
    expect(planSteps(result)).toEqual(['logout', 'update', 'restart-terminal', 'login', 'verify']);
  });

  it('passes without a login when API billing is expected', async () => {
    const fixture = makeFixture({ home: { '.claude.json': { primaryApiKey: KEYS.consoleKey } } });
    expect((await runCheck(check, fixture.context())).outcome).toBe('not-needed');
  });

  it('fails for a login without user:inference', async () => {
    const fixture = makeFixture({
      home: { '.claude/.credentials.json': credentialsFile({ scopes: ['user:profile'] }) },
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('no-inference-scope');
    expect(planSteps(result)).toEqual(['logout', 'login', 'verify']);
  });

  it('fails for a login without an access token', async () => {
    const creds = credentialsFile();
    delete (creds as { claudeAiOauth: Record<string, unknown> }).claudeAiOauth.accessToken;
    const fixture = makeFixture({ home: subscriptionHome({ '.claude/.credentials.json': creds }) });
    expect((await runCheck(check, fixture.context())).outcome).toBe('no-access-token');
  });

  it('fails for an expired login without a refresh token', async () => {
    const creds = credentialsFile({ expiresAt: PAST });
    delete (creds as { claudeAiOauth: Record<string, unknown> }).claudeAiOauth.refreshToken;
    const fixture = makeFixture({ home: subscriptionHome({ '.claude/.credentials.json': creds }) });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('expired');
    expect(result.values?.date).toBe('2020-01-01');
  });

  it('passes for an expired access token that can refresh', async () => {
    const fixture = makeFixture({
      home: subscriptionHome({ '.claude/.credentials.json': credentialsFile({ expiresAt: PAST }) }),
    });
    const result = await runCheck(check, fixture.context());
    expect(result.outcome).toBe('usable');
    expect(result.values?.refresh).toContain('will refresh');
  });

  it('passes when CLAUDE_CODE_OAUTH_TOKEN provides the subscription', async () => {
    const fixture = makeFixture({ env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken } });
    expect((await runCheck(check, fixture.context())).outcome).toBe('oauth-token');
  });

  it('on macOS finds the login in the Keychain by presence only, noting a stale plaintext file', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    // A fake `security` that knows the subscription entry and prints nothing secret.
    writeFakeClaude(
      fixture.bin,
      { script: 'case "$3" in "Claude Code-credentials") exit 0;; *) exit 44;; esac' },
      'security',
    );
    const result = await runCheck(check, fixture.context({ platform: 'darwin' }));
    expect(result.status).toBe('pass');
    expect(result.evidence?.map((e) => e.source)).toContain('keychain:Claude Code-credentials');
    expect(result.evidence?.some((e) => e.detail.includes('may be stale'))).toBe(true);
  });

  it.each([
    ['/Users/a/.claude', '523c3e50'],
    ['/Users/a/.claude/', 'ed2163ab'],
  ])(
    'on macOS with CLAUDE_CONFIG_DIR=%s looks up the suffixed Keychain service',
    async (dir, suffix) => {
      const fixture = makeFixture();
      const log = path.join(fixture.root, 'security.log');
      writeFakeClaude(fixture.bin, { script: `echo "$3" >> ${log}; exit 44` }, 'security');
      await runCheck(
        check,
        fixture.context({ platform: 'darwin', env: { ...fixture.env, CLAUDE_CONFIG_DIR: dir } }),
      );
      expect(readFileSync(log, 'utf8')).toContain(`Claude Code-credentials-${suffix}\n`);
    },
  );
});

import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { explainingChecks } from '../../src/commands/explain.js';
import { KNOWN_MESSAGES, matchMessages } from '../../src/known-messages.js';
import { PLAN_STEP_IDS } from '../../src/types.js';

const ids = (pasted: string) => matchMessages(pasted).map((m) => m.id);

// Texts as users pasted them into public reports (anthropics/claude-code unless named), with
// their line breaks, quoting and JSON; the ids are what the doctor must recognise.
describe('matchMessages (explain --error) on real pasted texts', () => {
  it.each([
    // #19028 (Windows, 2.1.11): the raw API error with its request id.
    [
      'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This organization has been disabled."},"request_id":"req_011CXF1SZ3S3oXChsdxhoUwV"}',
      ['organization-disabled'],
    ],
    // #9384: wrapped by the terminal in the middle of the message.
    [
      'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This \n    organization has been disabled."},"request_id":"req_011CU1szzTQAVLiNTCsGd1Mb"}',
      ['organization-disabled'],
    ],
    // #60648: the escaped JSON of the feedback log.
    [
      '[{"error":"Error: 400 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"invalid_request_error\\",\\"message\\":\\"This organization has been disabled.\\"}}\\n    at generate (/$bunfs/root/src/entrypoints/cli.js:11:62363)"}]',
      ['organization-disabled'],
    ],
    // Claude Code 2.1.331's own wording for the same cause.
    [
      'Your ANTHROPIC_API_KEY belongs to a disabled organization · Unset the environment variable to use your subscription instead',
      ['api-key-disabled-organization'],
    ],
    // #83901 (quoted) and #62722 (run together with the text before it).
    [
      '"Your organization has disabled Claude subscription access for Claude Code · Use an Anthropic API key instead, or ask your admin to enable access"',
      ['subscription-access-disabled'],
    ],
    [
      'suddenly my claude code cli keep on displaying thisYour organization has disabled Claude subscription access for Claude Code · Use an Anthropic API key instead',
      ['subscription-access-disabled'],
    ],
    // #63886: the 403 behind it.
    [
      'Error: 403 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"permission_error\\",\\"message\\":\\"OAuth authentication is currently not allowed for this organization.\\"}}',
      ['oauth-not-allowed-for-organization'],
    ],
    // #33230: wrapped, with "· Please run /login" after it.
    [
      'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your\nexisting token."},"request_id":"req_011CYwUsfxsLS........"} · Please run /login',
      ['oauth-token-expired'],
    ],
    // #44264: "Please run /login" first, the token message wrapped.
    [
      'Please run /login · API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token\n     has expired. Please obtain a new token or refresh your existing\n     token."},"request_id":""}',
      ['oauth-token-expired'],
    ],
    // Lexus2016/claude-code-studio#86.
    [
      'Failed to authenticate: OAuth session expired and could not be refreshed',
      ['oauth-session-expired'],
    ],
    // #9694: the 401 of an external key.
    [
      '{"error":"Error: 401 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"authentication_error\\",\\"message\\":\\"invalid x-api-key\\"},\\"request_id\\":\\"req_011CUBgWE2fdbDGiPKTUQTwy\\"}',
      ['invalid-x-api-key'],
    ],
    ['Invalid API key · Fix external API key', ['invalid-api-key-external']],
    [
      '❌ Error: authentication_failedInvalid API key · Fix external API key',
      ['invalid-api-key-external'],
    ],
    ['  INVALID   API KEY·PLEASE RUN /LOGIN ', ['invalid-api-key-login']],
    ['Invalid API key', ['invalid-api-key']],
    // #34826: a leftover ANTHROPIC_AUTH_TOKEN.
    [
      'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"Invalid bearer token"}}',
      ['invalid-bearer-token'],
    ],
    // Alishahryar1/free-claude-code#741: the gateway warning, with its remedies.
    [
      ' ⚠ Both ANTHROPIC_AUTH_TOKEN and /login managed key set · auth may not work as expected\n   · to use ANTHROPIC_AUTH_TOKEN: claude /logout\n   · to use /login managed key: Unset the ANTHROPIC_AUTH_TOKEN environment variable.',
      ['auth-token-and-login-key'],
    ],
    // Alishahryar1/free-claude-code#488: the older wording of the same conflict.
    [
      'Auth conflict: Both a token (ANTHROPIC_AUTH_TOKEN) and an API key (/login managed key) are set. This may lead to\n unexpected behavior',
      ['auth-conflict-login-key'],
    ],
    [
      'Auth conflict: Both a token (ANTHROPIC_AUTH_TOKEN) and an API key (ANTHROPIC_API_KEY) are set.',
      ['auth-conflict'],
    ],
    // fuergaosi233/claude-code-proxy#28.
    [
      '⚠ Auth conflict: Using ANTHROPIC_API_KEY instead of Anthropic Console key. Either unset ANTHROPIC_API_KEY, or run `claude /logout`.',
      ['auth-conflict-console-key'],
    ],
    [
      '⚠ Both claude.ai and ANTHROPIC_API_KEY set · auth may not work as expected',
      ['api-key-and-subscription'],
    ],
    ['ANTHROPIC_API_KEY overriding Claude subscription login', ['overriding-subscription']],
    // #46277 and #54566: the banner and the raw 400 behind it.
    [
      '❯ whoami\n  ⎿  Credit balance too low · Add funds: https://platform.claude.com/settings/billing',
      ['credit-balance-too-low'],
    ],
    [
      'Error: 400 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"invalid_request_error\\",\\"message\\":\\"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.\\"}}',
      ['credit-balance-too-low'],
    ],
    // #24690.
    [
      'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This credential is only authorized for use with Claude Code and cannot be used for other API requests."}}',
      ['credential-only-for-claude-code'],
    ],
    // #22450.
    [
      'Error: Failed to load usage data:\n{"type":"error","error":{"type":"permission_error","message":"OAuth token does not meet scope requirement user:profile"}}',
      ['oauth-scope-missing'],
    ],
    // #50253.
    [
      '✗ Auto-update failed · Try claude doctor or npm i -g @anthropic-ai/claude-code',
      ['auto-update-failed'],
    ],
    // #71188.
    [
      'Unable to connect to API (ConnectionRefused) · Retrying in 11s · attempt 8/10',
      ['unable-to-connect'],
    ],
    // #54698: the limit banner with the 429 behind it.
    ["You've hit your limit · resets 1:30am (Asia/Dhaka)", ['hit-your-limit']],
    [
      'Error: 429 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"rate_limit_error\\",\\"message\\":\\"This request would exceed your account\'s rate limit. Please try again later.\\"}}',
      ['rate-limited'],
    ],
    // #29142.
    [
      'Error getting API key from apiKeyHelper (in settings or ~/.claude.json): apiKeyHelper did not return a valid value',
      ['api-key-helper-invalid-value'],
    ],
    // #54787.
    ['OAuth error: Request failed with status code 400', ['oauth-error-status']],
    ['Not logged in · Please run /login', ['not-logged-in']],
    ['OAuth token revoked · Please run /login', ['oauth-token-revoked']],
    ['Opus 4 · API Usage Billing · ~/src/app', ['api-usage-billing']],
    ['Detected a custom API key in your environment', ['custom-api-key-prompt']],
    [
      'API Error: Connection error. (cause: self-signed certificate in certificate chain)',
      ['self-signed-certificate'],
    ],
    ['Error: unable to get local issuer certificate', ['unable-to-get-local-issuer']],
    // The Claude Code bundle's own JSON escapes (\u00b7 for the middle dot).
    ['Invalid API key \\u00b7 Fix external API key', ['invalid-api-key-external']],
  ])('%j', (pasted, expected) => {
    expect(ids(pasted)).toEqual(expected);
  });

  it('falls back to the status of a raw API error whose message it does not know', () => {
    expect(
      ids(
        'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"Something new"}}',
      ),
    ).toEqual(['api-error-401']);
    expect(ids('API Error: 403 {"type":"error","error":{"type":"permission_error"}}')).toEqual([
      'api-error-403',
    ]);
  });

  it('finds every message in a pasted screen, most specific first', () => {
    const screen =
      'Both claude.ai and ANTHROPIC_API_KEY set · auth may not work as expected\n> hi\nCredit balance is too low';
    expect(ids(screen)).toEqual(['api-key-and-subscription', 'credit-balance-too-low']);
  });

  it.each(['', 'hello', 'it does not work', 'invalid key'])('matches nothing in %j', (pasted) => {
    expect(matchMessages(pasted)).toEqual([]);
  });
});

describe('the known-messages table', () => {
  it('holds at least 40 messages with unique ids', () => {
    expect(KNOWN_MESSAGES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(KNOWN_MESSAGES.map((m) => m.id)).size).toBe(KNOWN_MESSAGES.length);
  });

  it.each(KNOWN_MESSAGES.map((m) => [m.id, m] as const))(
    '%s names existing checks and plan steps in plan order',
    (_, message) => {
      expect(message.checks.length).toBeGreaterThan(0);
      for (const id of message.checks) expect(checks.map((c) => c.id)).toContain(id);
      expect(message.steps.length).toBeGreaterThan(0);
      const order = message.steps.map((s) => PLAN_STEP_IDS.indexOf(s));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      for (const report of message.reports) expect(report).toMatch(/^([\w.-]+\/[\w.-]+)?#\d+$/);
      // A message recognises its own text.
      if (!message.text.includes('<')) expect(ids(message.text)).toContain(message.id);
    },
  );

  it('maps "This organization has been disabled" first to the credential variables', () => {
    const [message] = matchMessages('This organization has been disabled.');
    expect(
      explainingChecks(message!, checks)
        .map((c) => c.id)
        .slice(0, 3),
    ).toEqual(['api-key-env', 'auth-token-env', 'api-key-helper']);
  });

  it('maps the gateway warning to ANTHROPIC_AUTH_TOKEN and a logout, not to ANTHROPIC_API_KEY', () => {
    const [message] = matchMessages(
      'Both ANTHROPIC_AUTH_TOKEN and /login managed key set · auth may not work as expected',
    );
    expect(message!.checks).not.toContain('api-key-env');
    expect(message!.checks[0]).toBe('auth-token-env');
    expect(message!.steps).toEqual(['logout', 'verify']);
  });
});

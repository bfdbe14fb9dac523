// CLAUDE_CODE_OAUTH_TOKEN comes from `claude setup-token`: a long-lived subscription token that
// is never stored, so only the environment supplies it. ANTHROPIC_AUTH_TOKEN, apiKeyHelper and
// ANTHROPIC_API_KEY all win over it (2.1.331, facts file section 3; real-cli-findings 2.10, 2.11).
import { credentialVariableCheck } from '../src/credential-variable.js';
import { OAUTH_TOKEN } from '../src/env-vars.js';

const IN_USE = 'CLAUDE_CODE_OAUTH_TOKEN (ending in {fingerprint}) is in use, billed to your';
const SETUP_TOKEN =
  'Run `claude setup-token` and put the long-lived token it prints (valid for a year) where this copy is set; or remove the variable and let the stored login renew itself.';
const HOUR = 60 * 60 * 1000;
const NOT_IN_USE =
  'CLAUDE_CODE_OAUTH_TOKEN (ending in {fingerprint}) is set but not in use: {winner:method} wins over it.';

export default credentialVariableCheck({
  id: 'oauth-token-env',
  title: 'CLAUDE_CODE_OAUTH_TOKEN',
  description:
    'CLAUDE_CODE_OAUTH_TOKEN (from `claude setup-token`): fine on its own for a subscription, shadowed by ANTHROPIC_AUTH_TOKEN, an apiKeyHelper or ANTHROPIC_API_KEY; where it is set.',
  explain: {
    why: 'The long-lived token from `claude setup-token` bills your Pro or Max plan from scripts, CI and containers. Claude Code reads it only from the environment, and ANTHROPIC_AUTH_TOKEN, an apiKeyHelper or ANTHROPIC_API_KEY win over it silently, so something else pays.',
    docs: 'https://code.claude.com/docs/en/authentication',
    messages: ['oauth-token-revoked', 'auth-conflict'],
  },
  variable: OAUTH_TOKEN,
  projectNote: 'oauth-token',
  outcomes: {
    blank: {
      status: 'warn',
      summary: 'CLAUDE_CODE_OAUTH_TOKEN is set to white space only; remove it.',
      plan: ['remove-env-credential', 'restart-terminal?'],
    },
    'ignored-by-provider': {
      status: 'pass',
      summary:
        'CLAUDE_CODE_OAUTH_TOKEN (ending in {fingerprint}) is set but ignored: {provider} is the provider.',
    },
    'in-use': { status: 'pass', summary: `${IN_USE} subscription.{login}` },
    // nanocoai/nanoclaw#730: the access token copied out of .credentials.json lasts hours and
    // nothing renews it in a variable; a refresh token is no bearer token at all.
    'copied-access-token': {
      status: 'warn',
      summary:
        "CLAUDE_CODE_OAUTH_TOKEN (ending in {fingerprint}) is a copy of your stored login's short-lived access token: it {expiry} and is never renewed there. It is the same login, not a second credential.",
      fix: SETUP_TOKEN,
      plan: ['login', 'verify'],
    },
    'copied-access-token-expired': {
      status: 'fail',
      summary:
        "CLAUDE_CODE_OAUTH_TOKEN (ending in {fingerprint}) is a copy of your stored login's access token, which {expiry}: Claude Code is rejected with it until you replace it.",
      fix: SETUP_TOKEN,
      plan: ['login', 'verify'],
    },
    'copied-refresh-token': {
      status: 'fail',
      summary:
        "CLAUDE_CODE_OAUTH_TOKEN (ending in {fingerprint}) is a copy of your stored login's refresh token, which is not an access token: the API rejects it.",
      fix: SETUP_TOKEN,
      plan: ['login', 'verify'],
    },
    'in-use-expect-api': {
      status: 'warn',
      summary: `${IN_USE} subscription.{login}`,
      when: 'It is in use, billed to your subscription, but you said you mean to pay with API credits (`--expect api`).',
    },
    'shadowed-expect-subscription': {
      status: 'warn',
      summary: NOT_IN_USE,
      fix: 'Remove {winner:method} (see its own check) so the subscription token is used.',
      plan: ['verify'],
    },
    shadowed: {
      status: 'warn',
      summary: NOT_IN_USE,
      fix: 'Remove CLAUDE_CODE_OAUTH_TOKEN if you do not use it.',
      plan: ['remove-env-credential', 'restart-terminal?', 'verify'],
    },
  },
  pendingEffect: () => 'use this long-lived token instead of your stored login',
  verdict(auth, _token, ctx) {
    if (auth.provider)
      return { outcome: 'ignored-by-provider', values: { provider: auth.provider.name } };
    const winner = auth.effective.method;
    const token = auth.candidates.find((c) => c.method === 'oauth-token');
    const setupToken = [{ step: 'login' as const, command: 'claude setup-token' }];
    if (token?.copyOf === 'refresh-token')
      return { outcome: 'copied-refresh-token', values: {}, plan: setupToken };
    if (token?.copyOf === 'access-token') {
      const left = token.expiresAt === undefined ? null : token.expiresAt - ctx.now().getTime();
      const when = token.expiresAt === undefined ? '' : new Date(token.expiresAt).toISOString();
      if (left !== null && left <= 0)
        return {
          outcome: 'copied-access-token-expired',
          values: { expiry: `expired at ${when}` },
          plan: setupToken,
        };
      const expiry =
        left === null
          ? 'expires within hours'
          : `expires at ${when} (in ${Math.max(1, Math.round(left / HOUR))} hour(s))`;
      return { outcome: 'copied-access-token', values: { expiry }, plan: setupToken };
    }
    if (winner === 'oauth-token') {
      const login = auth.candidates.some((c) => c.method === 'subscription' && c.usable)
        ? ' It is used instead of the stored login.'
        : '';
      const outcome = auth.expectation === 'api' ? 'in-use-expect-api' : 'in-use';
      return { outcome, values: { login } };
    }
    // Something else wins: the token the user set up for the subscription is not in use.
    const outcome =
      auth.expectation === 'subscription' ? 'shadowed-expect-subscription' : 'shadowed';
    return { outcome, values: { winner } };
  },
});

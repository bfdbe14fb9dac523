// `claude auth status` only checks that a credential is present; a revoked key still says
// "logged in" (issue 10). With --verify the doctor sends it once to the free, documented
// "List models" endpoint (https://docs.claude.com/en/api/models-list), which costs no tokens.
import { defineCheck } from '../src/check.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
import { API_KEY, AUTH_TOKEN } from '../src/env-vars.js';
import { outcomeOf, routeText } from '../src/sources/network.js';
import { LOGIN_EXPIRY, loginExpiry } from '../src/login-expiry.js';
import { sendOnce } from '../src/sources/verify-request.js';
import type { Evidence } from '../src/types.js';
import { whereSet } from '../src/where-set.js';

const NOT_VERIFIED = '{host} answered HTTP {status}';
const REJECTED = '{host} rejected {who} (HTTP 401): it is invalid or revoked.';

export default defineCheck({
  id: 'verify-credential',
  title: 'Credential accepted by the API',
  description:
    "Only with --verify: sends the API key or auth token in use once to <base URL>/v1/models (free) and says whether it is accepted; for a subscription login, reports the token's expiry.",
  explain: {
    why: 'A key can be present yet revoked, or belong to a disabled organisation: `claude auth status` still says "logged in" and Claude Code fails only when you use it. Off by default because it sends the credential over the network.',
    docs: 'https://code.claude.com/docs/en/authentication',
    messages: [
      'invalid-api-key',
      'invalid-api-key-external',
      'invalid-api-key-login',
      'oauth-token-revoked',
    ],
  },
  outcomes: {
    'not-asked': {
      status: 'skip',
      summary:
        'Not verified: run with --verify to send the credential in use once to the API (a free request).',
    },
    offline: { status: 'skip', summary: 'Not verified: --offline.' },
    'oauth-token': {
      status: 'skip',
      summary:
        'CLAUDE_CODE_OAUTH_TOKEN cannot be verified without undocumented endpoints, and its expiry is not recorded anywhere the doctor can read (tokens from `claude setup-token` last a year). If Claude Code says it is invalid, run `claude setup-token` again.',
    },
    'api-key-helper': {
      status: 'skip',
      summary:
        'The key comes from apiKeyHelper, which the doctor never runs; start `claude` to see whether it works.',
    },
    'third-party': {
      status: 'skip',
      summary:
        "A third-party provider is in use; verify its credentials with that provider's own tools.",
    },
    'no-credential': { status: 'skip', summary: 'There is no credential to verify.' },
    'in-keychain': {
      status: 'skip',
      summary:
        '{method:method} is stored where the doctor cannot read it (the Keychain); it was not verified.',
    },
    ...LOGIN_EXPIRY,
    'request-failed': {
      status: 'warn',
      summary:
        'Could not verify {who}: the request to {host} failed ({reason}); see the network check.',
    },
    accepted: { status: 'pass', summary: '{host} accepted {who}.' },
    'rejected-variable': {
      status: 'fail',
      summary: REJECTED,
      fix: 'Remove {name} everywhere it is set (the fix plan names each place), or replace it with a valid one, then open a new terminal.',
      plan: ['remove-env-credential', 'restart-terminal', 'verify'],
    },
    'rejected-console-key': {
      status: 'fail',
      summary: REJECTED,
      fix: 'Log out and in again to get a new key: `claude auth logout`, then `claude auth login --console`.',
      plan: ['logout', 'login', 'verify'],
    },
    forbidden: {
      status: 'fail',
      summary:
        '{host} refused {who} (HTTP 403): its organisation is disabled or it lacks permission.',
      fix: "Check the organisation and the key at https://platform.claude.com (Settings > API keys), or ask the organisation's admin.",
    },
    'rate-limited': {
      status: 'warn',
      summary: '{host} knows {who} but is rate limiting it (HTTP 429).',
      fix: 'Wait a minute and retry; check your rate limits in the Console.',
    },
    'server-error': {
      status: 'warn',
      summary: `{host} had trouble (HTTP {status}); {who} could not be verified.`,
      fix: 'Retry later; see https://status.anthropic.com.',
    },
    'unexpected-status': {
      status: 'warn',
      summary: `${NOT_VERIFIED} to the model list; {who} could not be verified (a gateway may not offer /v1/models).`,
      fix: 'Start `claude` and send a short prompt to see whether it works.',
    },
  },
  async run(ctx) {
    if (!ctx.options.verify) return { outcome: 'not-asked' };
    if (ctx.options.offline) return { outcome: 'offline' };
    const auth = await authModel(ctx);
    const { method, candidate } = auth.effective;
    if (method === 'subscription') return loginExpiry(ctx);
    if (method !== 'api-key' && method !== 'console-key' && method !== 'auth-token')
      return { outcome: method === 'none' ? 'no-credential' : method };
    const secret = candidate?.secret;
    if (!secret) return { outcome: 'in-keychain', values: { method } };

    const { url, route, result } = await sendOnce(ctx, method, secret);
    const shown = `${url.protocol}//${url.host}${url.pathname}`;
    const values = {
      host: url.host,
      who: `${METHOD_LABEL[method]} (ending in ${secret.fingerprint})`,
    };
    const evidence: Evidence[] = [
      { source: candidate!.source, detail: `sent once to GET ${shown}, ${routeText(route)}` },
    ];
    if (!result.ok) {
      const reason = outcomeOf(result, url.hostname).text;
      return { outcome: 'request-failed', values: { ...values, reason }, evidence };
    }
    evidence.push({ source: `url:${shown}`, detail: `answered HTTP ${result.status}` });
    const status = result.status;
    if (status === 200) return { outcome: 'accepted', values, evidence };
    if (status === 401 && method === 'console-key') {
      const login = { step: 'login' as const, command: 'claude auth login --console' };
      return { outcome: 'rejected-console-key', values, evidence, plan: [login] };
    }
    if (status === 401) {
      const name = method === 'api-key' ? API_KEY : AUTH_TOKEN;
      const { removal } = await whereSet(ctx, name);
      return {
        outcome: 'rejected-variable',
        values: { ...values, name },
        evidence,
        plan: [removal],
      };
    }
    if (status === 403) return { outcome: 'forbidden', values, evidence };
    if (status === 429) return { outcome: 'rate-limited', values, evidence };
    const outcome = status >= 500 ? 'server-error' : 'unexpected-status';
    return { outcome, values: { ...values, status }, evidence };
  },
});

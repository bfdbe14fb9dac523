// `claude auth status` only checks that a credential is present; a revoked key still says
// "logged in" (issue 10). With --verify the doctor sends it once to the free, documented
// "List models" endpoint (https://docs.claude.com/en/api/models-list), which costs no tokens.
import { defineCheck } from '../src/check.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
import { API_KEY, AUTH_TOKEN } from '../src/env-vars.js';
import { outcomeOf, routeText } from '../src/sources/network.js';
import { LOGIN_EXPIRY, loginExpiry } from '../src/login-expiry.js';
import { classifyAnswer } from '../src/sources/api-error.js';
import { sendOnce } from '../src/sources/verify-request.js';
import type { Evidence } from '../src/types.js';
import { whereSet } from '../src/where-set.js';

const NOT_VERIFIED = '{host} answered HTTP {status}';
const REJECTED = '{host} rejected {who} (HTTP 401): it is invalid or revoked.';

export default defineCheck({
  id: 'verify-credential',
  optIn: '--verify (sends the credential in use to the API once)',
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
      plan: ['remove-env-credential', 'restart-terminal?', 'verify'],
    },
    'rejected-console-key': {
      status: 'fail',
      summary: REJECTED,
      fix: 'Log out and in again to get a new key: `claude auth logout`, then `claude auth login --console`.',
      plan: ['logout', 'login', 'verify'],
    },
    'expired-token': {
      status: 'fail',
      summary: '{host} says {who} has expired (HTTP 401).',
      fix: 'Remove {name} where it is set (the fix plan names each place); for a subscription token use a long-lived one from `claude setup-token`.',
      plan: ['remove-env-credential', 'restart-terminal?', 'verify'],
    },
    // anthropics/claude-code#19028, #8327: a 400 whose body says the organisation is disabled;
    // the usual cause is a key from a former organisation winning over your own login.
    'organization-disabled': {
      status: 'fail',
      summary:
        '{host} says {who} belongs to a disabled organisation (HTTP {status}). Usually it is a key from a former organisation; without it your own login is used again.',
      fix: '{remedy}',
      plan: ['remove-env-credential?', 'restart-terminal?', 'logout?', 'login?', 'verify'],
    },
    'no-credit': {
      status: 'fail',
      summary: "{host} accepts {who} but its organisation's API credit is used up (HTTP {status}).",
      fix: '{remedy}',
      plan: ['remove-env-credential?', 'restart-terminal?', 'verify'],
    },
    'not-allowed': {
      status: 'fail',
      summary:
        "{host} says {who}'s organisation does not allow this kind of credential (HTTP {status}).",
      fix: 'Use the sign-in your organisation allows (a claude.ai login, or a Console key), or ask its admin.',
    },
    forbidden: {
      status: 'fail',
      summary: '{host} refused {who} (HTTP 403): it lacks permission.',
      fix: "Check the organisation and the key at https://platform.claude.com (Settings > API keys), or ask the organisation's admin.",
    },
    'gateway-differs': {
      status: 'warn',
      summary:
        "{host} answered HTTP {status}, but not in the Anthropic API's format: a gateway or proxy that may not offer /v1/models, so {who} could not be verified this way.",
      fix: 'Start `claude` and send a short prompt to see whether it works; ask the gateway administrator which endpoint checks a token.',
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
    const status = result.status;
    const answer = classifyAnswer(status, result.body, url.hostname === 'api.anthropic.com');
    // The error type is a fixed token; the message is read, never shown (it can quote input).
    const type = answer.errorType ? ` (${answer.errorType})` : '';
    evidence.push({ source: `url:${shown}`, detail: `answered HTTP ${status}${type}` });
    const name = method === 'api-key' ? API_KEY : method === 'auth-token' ? AUTH_TOKEN : null;
    const removal = name ? (await whereSet(ctx, name)).steps : [];
    const relogin = [
      { step: 'logout' as const },
      { step: 'login' as const, command: 'claude auth login' },
    ];
    switch (answer.verdict) {
      case 'accepted':
        return { outcome: 'accepted', values, evidence };
      case 'invalid':
        if (!name) {
          const login = { step: 'login' as const, command: 'claude auth login --console' };
          return { outcome: 'rejected-console-key', values, evidence, plan: [login] };
        }
        return {
          outcome: 'rejected-variable',
          values: { ...values, name },
          evidence,
          plan: removal,
        };
      case 'expired':
        return {
          outcome: 'expired-token',
          values: { ...values, name: name ?? 'the token' },
          evidence,
          plan: removal,
        };
      case 'organization-disabled':
        return {
          outcome: 'organization-disabled',
          values: {
            ...values,
            status,
            remedy: name
              ? `Remove ${name} everywhere it is set (the fix plan names each place), then open a new terminal; your subscription login or another key is used instead.`
              : 'Log out (`claude auth logout`) and log in with an account of an active organisation.',
          },
          evidence,
          plan: name ? removal : relogin,
        };
      case 'no-credit': {
        const plan = auth.expectation === 'subscription' ? removal : [];
        return {
          outcome: 'no-credit',
          values: {
            ...values,
            status,
            remedy:
              plan.length && name
                ? `Your plan should pay: remove ${name} everywhere it is set (the fix plan names each place).`
                : 'Add credit in the Console (https://platform.claude.com/settings/billing), or log in with your Pro or Max plan instead (`claude auth logout`, then `claude auth login --claudeai`).',
          },
          evidence,
          plan,
        };
      }
      case 'not-allowed':
        return { outcome: 'not-allowed', values: { ...values, status }, evidence };
      case 'permission':
        return { outcome: 'forbidden', values, evidence };
      case 'rate-limited':
        return { outcome: 'rate-limited', values, evidence };
      case 'server':
        return { outcome: 'server-error', values: { ...values, status }, evidence };
      case 'gateway':
        return { outcome: 'gateway-differs', values: { ...values, status }, evidence };
      default:
        return { outcome: 'unexpected-status', values: { ...values, status }, evidence };
    }
  },
});

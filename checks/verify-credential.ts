// `claude auth status` only checks that a credential is present; a revoked key still says
// "logged in" (issue 10). With --verify the doctor sends it once to the free, documented
// "List models" endpoint (https://docs.claude.com/en/api/models-list), which costs no tokens.
import { defineCheck } from '../src/check.js';
import type { Context } from '../src/context.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
import { API_KEY, AUTH_TOKEN } from '../src/env-vars.js';
import type { Secret } from '../src/redact.js';
import { apiBase, outcomeOf, probe, routeText } from '../src/sources/network.js';
import { storedLogins } from '../src/sources/stored-login.js';
import type { CheckResult, Evidence, PlanRequest } from '../src/types.js';
import { whereSet } from '../src/where-set.js';

const API_VERSION = '2023-06-01';
const DAY = 24 * 60 * 60 * 1000;

export default defineCheck({
  id: 'verify-credential',
  optIn: '--verify (sends the credential in use to the API once)',
  title: 'Credential accepted by the API',
  description:
    "Only with --verify: sends the API key or auth token in use once to <base URL>/v1/models (free) and says whether it is accepted; for a subscription login, reports the token's expiry.",
  explain: {
    why: 'A key can be present yet revoked, or belong to a disabled organisation: `claude auth status` still says "logged in" and Claude Code fails only when you use it. Off by default because it sends the credential over the network.',
    docs: 'https://code.claude.com/docs/en/authentication',
    outcomes: [
      {
        status: 'pass',
        when: 'The API accepted the key or token (HTTP 200 from GET /v1/models, a free request).',
      },
      {
        status: 'skip',
        when: 'Not asked (`--verify` not given), `--offline`, or the credential cannot be verified without undocumented endpoints (a subscription login or CLAUDE_CODE_OAUTH_TOKEN; the expiry is reported), an apiKeyHelper (the doctor never runs it), a third-party provider or no credential.',
        fix: 'Run `claude-auth-doctor --verify` to test an API key or auth token.',
      },
      {
        status: 'fail',
        when: 'HTTP 401: the key or token is invalid or revoked.',
        fix: 'Remove it from every place it is set (or run `claude auth logout` then `claude auth login` for a stored Console key), and use a valid one.',
      },
      {
        status: 'fail',
        when: 'HTTP 403: the organisation is disabled or the key lacks permission.',
        fix: 'Check the organisation and key in the Console (https://platform.claude.com), or ask its admin.',
      },
      {
        status: 'fail',
        when: 'The subscription login expired and has no refresh token.',
        fix: '`claude auth logout`, then `claude auth login --claudeai`.',
      },
      {
        status: 'warn',
        when: 'HTTP 429 (rate limited), 5xx (service trouble), another status, or the request did not get through (see the network check).',
        fix: "Wait and retry; for network failures follow the network check's fix.",
      },
    ],
    messages: [
      'invalid-api-key',
      'invalid-api-key-external',
      'invalid-api-key-login',
      'oauth-token-revoked',
    ],
  },
  async run(ctx) {
    if (!ctx.options.verify)
      return {
        status: 'skip',
        summary:
          'Not verified: run with --verify to send the credential in use once to the API (a free request).',
      };
    if (ctx.options.offline) return { status: 'skip', summary: 'Not verified: --offline.' };
    const auth = await authModel(ctx);
    const { method, candidate } = auth.effective;
    switch (method) {
      case 'api-key':
      case 'console-key':
      case 'auth-token':
        break;
      case 'subscription':
        return subscriptionExpiry(ctx);
      case 'oauth-token':
        return {
          status: 'skip',
          summary:
            'CLAUDE_CODE_OAUTH_TOKEN cannot be verified without undocumented endpoints, and its expiry is not recorded anywhere the doctor can read (tokens from `claude setup-token` last a year). If Claude Code says it is invalid, run `claude setup-token` again.',
        };
      case 'api-key-helper':
        return {
          status: 'skip',
          summary:
            'The key comes from apiKeyHelper, which the doctor never runs; start `claude` to see whether it works.',
        };
      case 'third-party':
        return {
          status: 'skip',
          summary:
            "A third-party provider is in use; verify its credentials with that provider's own tools.",
        };
      default:
        return { status: 'skip', summary: 'There is no credential to verify.' };
    }
    const secret = candidate?.secret;
    if (!secret)
      return {
        status: 'skip',
        summary: `${METHOD_LABEL[method]} is stored where the doctor cannot read it (the Keychain); it was not verified.`,
      };

    const base = await apiBase(ctx);
    const url = new URL(`${base.url.href.replace(/\/+$/, '')}/v1/models?limit=1`);
    const credential: Record<string, Secret> =
      method === 'auth-token'
        ? { authorization: secret.derive((v) => `Bearer ${v}`) }
        : { 'x-api-key': secret };
    const { route, result } = await probe(ctx, url, {
      method: 'GET',
      headers: { ...credential, 'anthropic-version': API_VERSION },
    });
    const who = `${METHOD_LABEL[method]} (ending in ${secret.fingerprint})`;
    const shown = `${url.protocol}//${url.host}${url.pathname}`;
    const evidence: Evidence[] = [
      { source: candidate!.source, detail: `sent once to GET ${shown}, ${routeText(route)}` },
    ];
    const outcome = outcomeOf(result, url.hostname);
    if (!result.ok) {
      return {
        status: 'warn',
        summary: `Could not verify ${who}: the request to ${url.host} failed (${outcome.text}); see the network check.`,
        evidence,
      };
    }
    evidence.push({ source: `url:${shown}`, detail: `answered HTTP ${result.status}` });
    switch (true) {
      case result.status === 200:
        return { status: 'pass', summary: `${url.host} accepted ${who}.`, evidence };
      case result.status === 401:
        return {
          status: 'fail',
          summary: `${url.host} rejected ${who} (HTTP 401): it is invalid or revoked.`,
          evidence,
          ...(await rejected(ctx, method)),
        };
      case result.status === 403:
        return {
          status: 'fail',
          summary: `${url.host} refused ${who} (HTTP 403): its organisation is disabled or it lacks permission.`,
          evidence,
          fix: [
            "Check the organisation and the key at https://platform.claude.com (Settings > API keys), or ask the organisation's admin.",
          ],
        };
      case result.status === 429:
        return {
          status: 'warn',
          summary: `${url.host} knows ${who} but is rate limiting it (HTTP 429).`,
          evidence,
          fix: ['Wait a minute and retry; check your rate limits in the Console.'],
        };
      case result.status >= 500:
        return {
          status: 'warn',
          summary: `${url.host} had trouble (HTTP ${result.status}); ${who} could not be verified.`,
          evidence,
          fix: ['Retry later; see https://status.anthropic.com.'],
        };
      default:
        return {
          status: 'warn',
          summary: `${url.host} answered HTTP ${result.status} to the model list; ${who} could not be verified (a gateway may not offer /v1/models).`,
          evidence,
          fix: ['Start `claude` and send a short prompt to see whether it works.'],
        };
    }
  },
});

/** An invalid variable is removed; a stored Console key is replaced by logging in again. */
async function rejected(
  ctx: Context,
  method: 'api-key' | 'console-key' | 'auth-token',
): Promise<Pick<CheckResult, 'fix' | 'plan'>> {
  if (method === 'console-key') {
    return {
      fix: [
        'Log out and in again to get a new key: `claude auth logout`, then `claude auth login --console`.',
      ],
      plan: [
        { step: 'logout' },
        { step: 'login', command: 'claude auth login --console' },
        { step: 'verify' },
      ],
    };
  }
  const name = method === 'api-key' ? API_KEY : AUTH_TOKEN;
  const { removal } = await whereSet(ctx, name);
  const plan: PlanRequest[] = [removal, { step: 'restart-terminal' }, { step: 'verify' }];
  return {
    fix: [
      `Remove ${name} everywhere it is set (the fix plan names each place), or replace it with a valid one, then open a new terminal.`,
    ],
    plan,
  };
}

/** What can be known about a subscription login without undocumented endpoints: its expiry. */
async function subscriptionExpiry(ctx: Context): Promise<CheckResult> {
  const login = (await storedLogins(ctx)).subscription;
  const cannot =
    'A subscription login cannot be verified without undocumented endpoints, so the doctor does not send it; a revoked login shows in Claude Code as "Please run /login" (then `claude auth logout` and `claude auth login`).';
  if (!login || login.expiresAt === undefined)
    return {
      status: 'skip',
      summary: `${cannot} Its expiry is not recorded where the doctor can read it.`,
    };
  const evidence: Evidence[] = [
    {
      source: login.source,
      detail: `access token expires ${new Date(login.expiresAt).toISOString()}`,
    },
  ];
  const left = login.expiresAt - ctx.now().getTime();
  if (left > 0)
    return {
      status: 'skip',
      summary: `${cannot} The stored access token expires in ${Math.ceil(left / DAY)} day(s); Claude Code renews it${login.refreshToken ? ' with the stored refresh token' : ''}.`,
      evidence,
    };
  if (login.refreshToken)
    return {
      status: 'skip',
      summary: `${cannot} The stored access token expired ${Math.floor(-left / DAY)} day(s) ago; Claude Code renews it with the stored refresh token on next use.`,
      evidence,
    };
  return {
    status: 'fail',
    summary: `The stored subscription login expired ${Math.floor(-left / DAY)} day(s) ago and has no refresh token: Claude Code cannot renew it.`,
    evidence,
    fix: ['Log out and in again: `claude auth logout`, then `claude auth login --claudeai`.'],
    plan: [{ step: 'logout' }, { step: 'login' }, { step: 'verify' }],
  };
}

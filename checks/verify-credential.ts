// `claude auth status` only checks presence (issue 10); --verify sends the credential once to the
// free "List models" endpoint (https://docs.claude.com/en/api/models-list).
import { defineCheck } from '../src/check.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
import { outcomeOf, routeText } from '../src/sources/network.js';
import { LOGIN_EXPIRY, loginExpiry } from '../src/login-expiry.js';
import { ANSWER_OUTCOMES, answerFinding } from '../src/verify-answer.js';
import { sendOnce, WITHHELD, withheldFrom } from '../src/sources/verify-request.js';
import type { Evidence } from '../src/types.js';

export default defineCheck({
  id: 'verify-credential',
  optIn: '--verify (sends the credential in use to the API once)',
  title: 'Credential accepted by the API',
  description:
    "Only with --verify: sends the API key or auth token in use once to <base URL>/v1/models (free) and says whether it is accepted; for a subscription login, reports the token's expiry.",
  explain: {
    why: 'A key can be present yet revoked, or belong to a disabled organisation: `claude auth status` still says "logged in" and Claude Code fails only when you use it. Off by default because it sends the credential over the network.',
    docs: 'https://code.claude.com/docs/en/authentication',
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
    ...WITHHELD,
    'in-keychain': {
      status: 'skip',
      summary:
        '{method:method} is stored where the doctor cannot read it (the Keychain); it was not verified.',
    },
    ...LOGIN_EXPIRY,
    ...ANSWER_OUTCOMES,
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

    const withheld = await withheldFrom(ctx);
    if (withheld) return withheld;
    const { url, route, result } = await sendOnce(ctx, method, secret);
    const shown = `${url.protocol}//${url.host}${url.pathname}`;
    const who = `${METHOD_LABEL[method]} (ending in ${secret.fingerprint})`;
    const values = { host: url.host, who };
    const evidence: Evidence[] = [
      { source: candidate!.source, detail: `sent once to GET ${shown}, ${routeText(route)}` },
    ];
    if (!result.ok) {
      const reason = outcomeOf(result, url.hostname).text;
      return { outcome: 'request-failed', values: { ...values, reason }, evidence };
    }
    return answerFinding(ctx, auth.expectation, method, result, values, evidence, shown);
  },
});

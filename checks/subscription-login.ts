// A login is usable only with the user:inference scope; an expired access token refreshes
// itself unless the refresh token is missing (facts file, section 2).
import { defineCheck } from '../src/check.js';
import { authModel } from '../src/credentials.js';
import { globalConfig } from '../src/sources/claude-json.js';
import { hasInferenceScope, planName, storedLogins } from '../src/sources/stored-login.js';
import type { Evidence } from '../src/types.js';

const RELOGIN =
  'Log out and log in again: `claude auth logout`, then `claude auth login --claudeai`.';

export default defineCheck({
  id: 'subscription-login',
  title: 'Subscription login',
  description:
    'Whether a usable claude.ai subscription login is stored (scope user:inference), which plan it is, and whether it has expired beyond refresh.',
  explain: {
    why: 'A Pro, Max, Team or Enterprise plan is only used through a stored claude.ai login (or CLAUDE_CODE_OAUTH_TOKEN) with the user:inference scope. A Console login, a login without that scope, or an expired one without a refresh token all end in API billing or "Please run /login".',
    docs: 'https://code.claude.com/docs/en/authentication',
    messages: ['not-logged-in', 'oauth-token-revoked', 'invalid-api-key-login'],
  },
  outcomes: {
    'oauth-token': {
      status: 'pass',
      summary: 'No stored login, but CLAUDE_CODE_OAUTH_TOKEN provides the subscription.',
    },
    'not-needed': {
      status: 'pass',
      summary: 'No subscription login is stored (not needed for API billing).',
    },
    'console-login': {
      status: 'fail',
      summary: 'You are logged in with a Console (API) account, not your claude.ai subscription.',
      fix: 'Log out, update Claude Code, open a new terminal, and log in with the Claude account that has the plan: `claude auth login --claudeai`.',
      plan: ['logout', 'update', 'restart-terminal', 'login', 'verify'],
    },
    'no-login': {
      status: 'fail',
      summary: 'No subscription login is stored.',
      fix: 'Log in with the Claude account that has the plan: `claude auth login --claudeai`.',
      plan: ['login', 'verify'],
    },
    'no-inference-scope': {
      status: 'fail',
      summary: 'The stored login lacks the user:inference scope, so Claude Code cannot use it.',
      fix: RELOGIN,
      plan: ['logout', 'login', 'verify'],
    },
    'no-access-token': {
      status: 'fail',
      summary: 'The stored login has no access token, so Claude Code cannot use it.',
      fix: RELOGIN,
      plan: ['logout', 'login', 'verify'],
    },
    expired: {
      status: 'fail',
      summary: 'The {plan} login expired on {date} and has no refresh token.',
      fix: 'Log in again: `claude auth logout`, then `claude auth login --claudeai`.',
      plan: ['logout', 'login', 'verify'],
    },
    usable: {
      status: 'pass',
      summary: 'A usable subscription login is stored, for {what}{refresh}.',
    },
  },
  async run(ctx) {
    const [auth, logins, config] = await Promise.all([
      authModel(ctx),
      storedLogins(ctx),
      globalConfig(ctx),
    ]);
    const login = logins.subscription;
    const account = config.oauthAccount;
    const evidence: Evidence[] = [];
    if (account?.emailAddress) {
      evidence.push({
        source: `file:${ctx.display(config.file.path)}#oauthAccount`,
        detail: `account ${account.emailAddress}${account.organizationName ? ` (${account.organizationName})` : ''}`,
      });
    }
    if (logins.staleFile) {
      evidence.push({
        source: `file:${ctx.display(logins.staleFile)}`,
        detail: 'a plaintext copy the Keychain entry shadows; it may be stale',
      });
    }

    if (!login) {
      const oauthToken = auth.candidates.find((c) => c.method === 'oauth-token');
      if (oauthToken) return { outcome: 'oauth-token', evidence };
      if (auth.expectation === 'api') return { outcome: 'not-needed', evidence };
      if (logins.consoleKey) {
        evidence.push({
          source: logins.consoleKey.source,
          detail: 'a Console (pay-as-you-go) key is stored instead',
        });
        return { outcome: 'console-login', evidence };
      }
      return { outcome: 'no-login', evidence };
    }

    evidence.push({
      source: login.source,
      detail: `stored login${login.scopes ? `, scopes: ${login.scopes.join(' ')}` : ''}`,
    });
    const plan = planName(login);
    if (hasInferenceScope(login) === false)
      return { outcome: login.accessToken ? 'no-inference-scope' : 'no-access-token', evidence };
    const expired = login.expiresAt !== undefined && login.expiresAt <= ctx.now().getTime();
    if (expired && !login.refreshToken) {
      const date = new Date(login.expiresAt!).toISOString().slice(0, 10);
      return { outcome: 'expired', values: { plan: plan ?? 'subscription', date }, evidence };
    }
    const what = plan ? `a ${plan} plan` : 'a plan Claude Code did not name';
    const refresh = expired ? ' (the access token has expired and will refresh on next use)' : '';
    return { outcome: 'usable', values: { what, refresh }, evidence };
  },
});

// CLAUDE_CODE_OAUTH_TOKEN comes from `claude setup-token`: a long-lived subscription token that
// is never stored, so only the environment supplies it. ANTHROPIC_AUTH_TOKEN, apiKeyHelper and
// ANTHROPIC_API_KEY all win over it (2.1.331, facts file section 3; real-cli-findings 2.10, 2.11).
import { credentialVariableCheck } from '../src/credential-variable.js';
import { OAUTH_TOKEN } from '../src/env-vars.js';

const IN_USE = 'CLAUDE_CODE_OAUTH_TOKEN (ending in {fingerprint}) is in use, billed to your';
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
  verdict(auth) {
    if (auth.provider)
      return { outcome: 'ignored-by-provider', values: { provider: auth.provider.name } };
    const winner = auth.effective.method;
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

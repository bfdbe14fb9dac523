// CLAUDE_CODE_OAUTH_TOKEN comes from `claude setup-token`: a long-lived subscription token that
// is never stored, so only the environment supplies it. ANTHROPIC_AUTH_TOKEN, apiKeyHelper and
// ANTHROPIC_API_KEY all win over it (2.1.331, facts file section 3; real-cli-findings 2.10, 2.11).
import { defineCheck } from '../src/check.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
import { OAUTH_TOKEN } from '../src/env-vars.js';
import { projectOnlyNote, whereSet } from '../src/where-set.js';

export default defineCheck({
  id: 'oauth-token-env',
  title: 'CLAUDE_CODE_OAUTH_TOKEN',
  description:
    'CLAUDE_CODE_OAUTH_TOKEN (from `claude setup-token`): fine on its own for a subscription, shadowed by ANTHROPIC_AUTH_TOKEN, an apiKeyHelper or ANTHROPIC_API_KEY; where it is set.',
  explain: {
    why: 'The long-lived token from `claude setup-token` bills your Pro or Max plan from scripts, CI and containers. Claude Code reads it only from the environment, and ANTHROPIC_AUTH_TOKEN, an apiKeyHelper or ANTHROPIC_API_KEY win over it silently, so something else pays.',
    docs: 'https://code.claude.com/docs/en/authentication',
    outcomes: [
      {
        status: 'pass',
        when: 'CLAUDE_CODE_OAUTH_TOKEN is not set anywhere Claude Code reads it; or it is set and in use, billed to your subscription (it wins over a stored login); or it is set but ignored because a third-party provider is on.',
      },
      {
        status: 'warn',
        when: 'It is set to white space only.',
        fix: 'Remove it from every place it is set (the evidence names file and line), then open a new terminal.',
      },
      {
        status: 'warn',
        when: 'It is in use, billed to your subscription, but you said you mean to pay with API credits (`--expect api`).',
        fix: 'Remove CLAUDE_CODE_OAUTH_TOKEN from every place it is set and open a new terminal, or run the doctor with `--expect subscription` if the plan should pay.',
      },
      {
        status: 'warn',
        when: 'It is set but not in use: another credential wins over it (ANTHROPIC_AUTH_TOKEN, an apiKeyHelper or ANTHROPIC_API_KEY; the summary names it).',
        fix: 'If your subscription should pay, remove the credential that wins (its own check shows where it is set) and open a new terminal; otherwise remove CLAUDE_CODE_OAUTH_TOKEN if you do not use it.',
      },
    ],
    messages: ['oauth-token-revoked', 'auth-conflict'],
  },
  async run(ctx) {
    const auth = await authModel(ctx);
    const variable = auth.vars.get(OAUTH_TOKEN);
    if (!variable)
      return {
        status: 'pass',
        summary: 'CLAUDE_CODE_OAUTH_TOKEN is not set anywhere Claude Code reads it.',
      };

    const { evidence, removal } = await whereSet(ctx, OAUTH_TOKEN);
    const note = projectOnlyNote(auth, 'oauth-token');
    if (note) evidence.push(note);
    const token = variable.effective.value;
    if (token.isBlank) {
      return {
        status: 'warn',
        summary: 'CLAUDE_CODE_OAUTH_TOKEN is set to white space only; remove it.',
        evidence,
        plan: [removal, { step: 'restart-terminal' }],
      };
    }
    if (auth.provider) {
      return {
        status: 'pass',
        summary: `CLAUDE_CODE_OAUTH_TOKEN (ending in ${token.fingerprint}) is set but ignored: ${auth.provider.name} is the provider.`,
        evidence,
      };
    }
    const winner = auth.effective.method;
    if (winner === 'oauth-token') {
      const login = auth.candidates.some((c) => c.method === 'subscription' && c.usable)
        ? ' It is used instead of the stored login.'
        : '';
      return {
        status: auth.expectation === 'api' ? 'warn' : 'pass',
        summary: `CLAUDE_CODE_OAUTH_TOKEN (ending in ${token.fingerprint}) is in use, billed to your subscription.${login}`,
        evidence,
      };
    }
    // Something else wins: the token the user set up for the subscription is not in use.
    return {
      status: 'warn',
      summary: `CLAUDE_CODE_OAUTH_TOKEN (ending in ${token.fingerprint}) is set but not in use: ${METHOD_LABEL[winner]} wins over it.`,
      evidence,
      fix:
        auth.expectation === 'subscription'
          ? [
              `Remove ${METHOD_LABEL[winner]} (see its own check) so the subscription token is used.`,
            ]
          : ['Remove CLAUDE_CODE_OAUTH_TOKEN if you do not use it.'],
      plan:
        auth.expectation === 'subscription'
          ? [{ step: 'verify' }]
          : [removal, { step: 'restart-terminal' }, { step: 'verify' }],
    };
  },
});

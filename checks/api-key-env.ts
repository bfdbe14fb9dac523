// ANTHROPIC_API_KEY beats a subscription login and bills API credits (support article
// "Managing API key environment variables in Claude Code"; anthropics/claude-code#1740, #12861).
import { defineCheck } from '../src/check.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
import { API_KEY } from '../src/env-vars.js';
import { whereSet } from '../src/where-set.js';

export default defineCheck({
  id: 'api-key-env',
  title: 'ANTHROPIC_API_KEY',
  description:
    'Whether ANTHROPIC_API_KEY reaches Claude Code (shell, settings env blocks), where it is set, and whether it overrides your subscription.',
  explain: {
    why: 'An API key wins over a Pro or Max login and bills pay-as-you-go API credits. Scripts, `claude -p` and the SDK use it without asking, so people pay for API usage while believing they use their plan.',
    docs: 'https://code.claude.com/docs/en/authentication',
    outcomes: [
      {
        status: 'pass',
        when: 'ANTHROPIC_API_KEY is not set in the shell or any settings `env` block, or it is set and you mean to pay with API credits (`--expect api`).',
      },
      {
        status: 'warn',
        when: 'It is set to white space only.',
        fix: 'Remove it from every place it is set (the evidence names file and line), then open a new terminal.',
      },
      {
        status: 'warn',
        when: 'It is set, but another credential (ANTHROPIC_AUTH_TOKEN, apiKeyHelper) wins over it for now; it bills API credits as soon as that goes away.',
        fix: 'Remove it from every place it is set, then open a new terminal.',
      },
      {
        status: 'fail',
        when: 'It overrides your subscription: every script and `claude -p` bills API credits, and interactive sessions too if you accepted the key at the prompt.',
        fix: 'Remove it from every place it is set (shell startup file, settings `env` block, `.env`, CI secret), open a new terminal, and run the doctor again.',
      },
    ],
    messages: [
      'api-key-and-subscription',
      'overriding-subscription',
      'invalid-api-key',
      'invalid-api-key-external',
      'credit-balance-too-low',
      'api-usage-billing',
      'custom-api-key-prompt',
    ],
  },
  async run(ctx) {
    const auth = await authModel(ctx);
    const variable = auth.vars.get(API_KEY);
    if (!variable)
      return {
        status: 'pass',
        summary: 'ANTHROPIC_API_KEY is not set anywhere Claude Code reads it.',
      };

    const { evidence, removal } = await whereSet(ctx, API_KEY);
    const key = variable.effective.value;
    if (key.isBlank) {
      return {
        status: 'warn',
        summary: 'ANTHROPIC_API_KEY is set to white space only; remove it.',
        evidence,
        plan: [removal, { step: 'restart-terminal' }],
      };
    }
    if (auth.expectation === 'api') {
      return {
        status: 'pass',
        summary: `ANTHROPIC_API_KEY (ending in ${key.fingerprint}) is set, as expected for API billing.`,
        evidence,
      };
    }

    const plan = [removal, { step: 'restart-terminal' as const }, { step: 'verify' as const }];
    const fix = [
      'Remove ANTHROPIC_API_KEY everywhere it is set (see the evidence), then open a new terminal.',
    ];
    if (auth.effective.method !== 'api-key') {
      return {
        status: 'warn',
        summary: `ANTHROPIC_API_KEY is set but ${METHOD_LABEL[auth.effective.method]} wins over it for now; it bills API credits as soon as that goes away.`,
        evidence,
        fix,
        plan,
      };
    }
    const answer = {
      approved:
        'You approved this key at the interactive prompt, so every session bills API credits.',
      rejected:
        'You declined this key at the interactive prompt, so interactive sessions use your login, but `claude -p`, the SDK and scripts still bill API credits.',
      unanswered:
        'Interactive sessions ask once whether to use it (default No); `claude -p`, the SDK and scripts use it without asking and bill API credits.',
    }[auth.apiKeyApproval ?? 'unanswered'];
    return {
      status: 'fail',
      summary: `ANTHROPIC_API_KEY (ending in ${key.fingerprint}) overrides your subscription. ${answer}`,
      evidence,
      fix,
      plan,
    };
  },
});

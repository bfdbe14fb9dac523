// ANTHROPIC_API_KEY beats a subscription login and bills API credits (support article
// "Managing API key environment variables in Claude Code"; anthropics/claude-code#1740, #12861).
import { credentialVariableCheck } from '../src/credential-variable.js';
import { API_KEY } from '../src/env-vars.js';

const FIX =
  'Remove ANTHROPIC_API_KEY everywhere it is set (see the evidence), then open a new terminal.';
const REMOVE = ['remove-env-credential', 'restart-terminal?', 'verify'] as const;

export default credentialVariableCheck({
  id: 'api-key-env',
  title: 'ANTHROPIC_API_KEY',
  description:
    'Whether ANTHROPIC_API_KEY reaches Claude Code (shell, settings env blocks), where it is set, and whether it overrides your subscription.',
  explain: {
    why: 'An API key wins over a Pro or Max login and bills pay-as-you-go API credits. Scripts, `claude -p` and the SDK use it without asking, so people pay for API usage while believing they use their plan.',
    docs: 'https://code.claude.com/docs/en/authentication',
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
  variable: API_KEY,
  outcomes: {
    blank: {
      status: 'warn',
      summary: 'ANTHROPIC_API_KEY is set to white space only; remove it.',
      plan: ['remove-env-credential', 'restart-terminal?'],
    },
    expected: {
      status: 'pass',
      summary: 'ANTHROPIC_API_KEY (ending in {fingerprint}) is set, as expected for API billing.',
    },
    shadowed: {
      status: 'warn',
      summary:
        'ANTHROPIC_API_KEY is set but {winner:method} wins over it for now; it bills API credits as soon as that goes away.',
      fix: FIX,
      plan: REMOVE,
    },
    'overrides-approved': {
      status: 'fail',
      summary:
        'ANTHROPIC_API_KEY (ending in {fingerprint}) overrides your subscription. You approved this key at the interactive prompt, so every session bills API credits.',
      fix: FIX,
      plan: REMOVE,
    },
    'overrides-rejected': {
      status: 'fail',
      summary:
        'ANTHROPIC_API_KEY (ending in {fingerprint}) overrides your subscription. You declined this key at the interactive prompt, so interactive sessions use your login, but `claude -p`, the SDK and scripts still bill API credits.',
      fix: FIX,
      plan: REMOVE,
    },
    'overrides-unanswered': {
      status: 'fail',
      summary:
        'ANTHROPIC_API_KEY (ending in {fingerprint}) overrides your subscription. Interactive sessions ask once whether to use it (default No); `claude -p`, the SDK and scripts use it without asking and bill API credits.',
      fix: FIX,
      plan: REMOVE,
    },
  },
  pendingEffect: (auth) =>
    auth.expectation === 'api' ? null : 'bill API credits, not your subscription',
  verdict(auth) {
    if (auth.expectation === 'api') return 'expected';
    if (auth.effective.method !== 'api-key')
      return { outcome: 'shadowed', values: { winner: auth.effective.method } };
    return `overrides-${auth.apiKeyApproval ?? 'unanswered'}`;
  },
});

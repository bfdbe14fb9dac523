import type { AuthModel } from './credentials.js';
import type { OutcomeSpec } from './types.js';

// ANTHROPIC_API_KEY that no session has now but a startup file exports to every new terminal
// (anthropics/claude-code#1740): api-key-env must not say "not set anywhere".
export const PENDING_OUTCOMES = {
  'pending-over-subscription': {
    status: 'fail',
    summary:
      'ANTHROPIC_API_KEY is not in this shell, but {lines} sets it for every new terminal, where it overrides your subscription and bills API credits.',
    fix: 'Remove the line the evidence names, so new terminals do not get the key.',
    plan: ['remove-env-credential', 'verify'],
  },
  'pending-expected': {
    status: 'pass',
    summary:
      'ANTHROPIC_API_KEY is not in this shell, but {lines} sets it for every new terminal, as expected for API billing.',
  },
} satisfies Record<string, OutcomeSpec>;

export function pendingOutcome(auth: AuthModel): keyof typeof PENDING_OUTCOMES {
  return auth.expectation === 'api' ? 'pending-expected' : 'pending-over-subscription';
}

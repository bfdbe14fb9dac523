// What the API's answer to --verify's one request means for the credential, read from the
// status and the error body (src/sources/api-error.ts): each verdict is an outcome of
// verify-credential, with the plan that fits where the credential is (issue 19).
import type { Context, HttpResult } from './context.js';
import { API_KEY, AUTH_TOKEN } from './env-vars.js';
import { classifyAnswer } from './sources/api-error.js';
import type { Evidence, Expectation, Finding, OutcomeSpec } from './types.js';
import { whereSet } from './where-set.js';

const REJECTED = '{host} rejected {who} (HTTP 401): it is invalid or revoked.';
const NOT_VERIFIED = '{host} answered HTTP {status}';

export const ANSWER_OUTCOMES = {
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
} satisfies Record<string, OutcomeSpec>;

type Answer = keyof typeof ANSWER_OUTCOMES;

export async function answerFinding(
  ctx: Context,
  expectation: Expectation,
  method: 'api-key' | 'console-key' | 'auth-token',
  result: Extract<HttpResult, { ok: true }>,
  values: { host: string; who: string },
  evidence: Evidence[],
  shown: string,
): Promise<Finding<Answer>> {
  const url = new URL(shown);
  const auth = { expectation };
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
}

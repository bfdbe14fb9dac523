// ANTHROPIC_BASE_URL sends every request to another host; a subscription login is not meant
// for third-party endpoints (facts file, section 3). `auth status` does not show it (2.1.331).
import { defineCheck } from '../src/check.js';
import { authModel } from '../src/credentials.js';
import { BASE_URL } from '../src/env-vars.js';
import { whereSet } from '../src/where-set.js';

const ANTHROPIC_HOSTS = new Set(['api.anthropic.com']);

export default defineCheck({
  id: 'base-url',
  title: 'ANTHROPIC_BASE_URL',
  description:
    'ANTHROPIC_BASE_URL set: all traffic goes to that host, which a subscription login is not meant for.',
  explain: {
    why: 'ANTHROPIC_BASE_URL sends every request, with your credential, to another host. That is right for a gateway your organisation runs, but a subscription login is not meant for other endpoints, and a leftover or mistyped URL breaks every request.',
    docs: 'https://code.claude.com/docs/en/llm-gateway',
  },
  outcomes: {
    'not-set': {
      status: 'pass',
      summary: 'ANTHROPIC_BASE_URL is not set: Claude Code talks to api.anthropic.com.',
    },
    invalid: {
      status: 'warn',
      summary: 'ANTHROPIC_BASE_URL is not a valid URL; requests will fail.',
      fix: 'Correct or remove ANTHROPIC_BASE_URL (see the evidence).',
      plan: ['remove-env-credential', 'restart-terminal?', 'verify'],
    },
    anthropic: {
      status: 'pass',
      summary: "ANTHROPIC_BASE_URL points at {host}, Anthropic's own API.",
    },
    'subscription-elsewhere': {
      status: 'warn',
      summary:
        'Every request goes to {host} (ANTHROPIC_BASE_URL), carrying {method:method}: a subscription login is not meant for other endpoints.',
      fix: 'Remove ANTHROPIC_BASE_URL (see the evidence) unless {host} is a gateway your organisation told you to use with your subscription.',
      plan: ['remove-env-credential', 'restart-terminal?', 'verify'],
    },
    gateway: {
      status: 'pass',
      summary: 'Every request goes to {host} (ANTHROPIC_BASE_URL), with {method:method}.',
    },
  },
  async run(ctx) {
    const auth = await authModel(ctx);
    const variable = auth.vars.get(BASE_URL);
    if (!variable) return { outcome: 'not-set' };

    const { evidence, steps } = await whereSet(ctx, BASE_URL);
    const host = hostOf(variable.effective.text ?? '');
    if (host === null) return { outcome: 'invalid', evidence, plan: steps };
    if (ANTHROPIC_HOSTS.has(host)) return { outcome: 'anthropic', values: { host }, evidence };
    const method = auth.effective.method;
    if (method === 'subscription' || method === 'oauth-token')
      return {
        outcome: 'subscription-elsewhere',
        values: { host, method },
        evidence,
        plan: steps,
      };
    return { outcome: 'gateway', values: { host, method }, evidence };
  },
});

/** Host only: a URL can carry a user name and password. */
function hostOf(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname : null;
  } catch {
    return null;
  }
}

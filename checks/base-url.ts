// ANTHROPIC_BASE_URL sends every request to another host; a subscription login is not meant
// for third-party endpoints (facts file, section 3). `auth status` does not show it (2.1.331).
import { defineCheck } from '../src/check.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
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
    outcomes: [
      {
        status: 'pass',
        when: 'ANTHROPIC_BASE_URL is not set or points at api.anthropic.com; or it points at another host and the credential in use is not a subscription login or CLAUDE_CODE_OAUTH_TOKEN (an API key or gateway token, as gateways expect).',
      },
      {
        status: 'warn',
        when: 'It is not a valid http or https URL, so requests will fail.',
        fix: 'Correct ANTHROPIC_BASE_URL where the evidence says it is set, or remove it (`unset ANTHROPIC_BASE_URL` and its line in that file), then open a new terminal.',
      },
      {
        status: 'warn',
        when: 'It points at another host while your subscription login or CLAUDE_CODE_OAUTH_TOKEN is the credential in use, so your subscription token goes to that host.',
        fix: 'Remove ANTHROPIC_BASE_URL everywhere it is set (`unset ANTHROPIC_BASE_URL` and its line in the file the evidence names) and open a new terminal, unless your organisation told you to use that gateway with your subscription.',
      },
    ],
  },
  async run(ctx) {
    const auth = await authModel(ctx);
    const variable = auth.vars.get(BASE_URL);
    if (!variable)
      return {
        status: 'pass',
        summary: 'ANTHROPIC_BASE_URL is not set: Claude Code talks to api.anthropic.com.',
      };

    const { evidence, removal } = await whereSet(ctx, BASE_URL);
    const host = hostOf(variable.effective.text ?? '');
    if (host === null) {
      return {
        status: 'warn',
        summary: 'ANTHROPIC_BASE_URL is not a valid URL; requests will fail.',
        evidence,
        fix: ['Correct or remove ANTHROPIC_BASE_URL (see the evidence).'],
        plan: [removal, { step: 'restart-terminal' }, { step: 'verify' }],
      };
    }
    if (ANTHROPIC_HOSTS.has(host))
      return {
        status: 'pass',
        summary: `ANTHROPIC_BASE_URL points at ${host}, Anthropic's own API.`,
        evidence,
      };
    const method = auth.effective.method;
    if (method === 'subscription' || method === 'oauth-token') {
      return {
        status: 'warn',
        summary: `Every request goes to ${host} (ANTHROPIC_BASE_URL), carrying ${METHOD_LABEL[method]}: a subscription login is not meant for other endpoints.`,
        evidence,
        fix: [
          `Remove ANTHROPIC_BASE_URL (see the evidence) unless ${host} is a gateway your organisation told you to use with your subscription.`,
        ],
        plan: [removal, { step: 'restart-terminal' }, { step: 'verify' }],
      };
    }
    return {
      status: 'pass',
      summary: `Every request goes to ${host} (ANTHROPIC_BASE_URL), with ${METHOD_LABEL[method]}.`,
      evidence,
    };
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

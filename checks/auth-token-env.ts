// ANTHROPIC_AUTH_TOKEN is sent as a bearer token and beats every other first-party credential
// (facts file, section 3; 2.1.331 reports it as `oauth_token`). It belongs to gateway setups.
import { defineCheck } from '../src/check.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
import { AUTH_TOKEN, BASE_URL } from '../src/env-vars.js';
import { projectOnlyNote, whereSet } from '../src/where-set.js';

export default defineCheck({
  id: 'auth-token-env',
  title: 'ANTHROPIC_AUTH_TOKEN',
  description:
    'ANTHROPIC_AUTH_TOKEN from the shell or a settings env block: it wins over every other Anthropic credential and usually belongs to a gateway or proxy.',
  explain: {
    why: 'ANTHROPIC_AUTH_TOKEN is sent as a bearer token and wins over every other Anthropic credential, your subscription login included. It belongs to a gateway or proxy named in ANTHROPIC_BASE_URL; left over from one, it replaces your login without a word.',
    docs: 'https://code.claude.com/docs/en/authentication',
    outcomes: [
      {
        status: 'pass',
        when: 'ANTHROPIC_AUTH_TOKEN is not set anywhere Claude Code reads it; or it is set but ignored because a third-party provider (Bedrock, Vertex, Foundry) is on; or it goes to the gateway in ANTHROPIC_BASE_URL and no subscription login you expect to use is present.',
      },
      {
        status: 'warn',
        when: 'It is set to white space only.',
        fix: 'Remove it from every place it is set (the evidence names file and line), then open a new terminal.',
      },
      {
        status: 'fail',
        when: 'You expect to use your subscription, and it overrides your subscription login or CLAUDE_CODE_OAUTH_TOKEN: every request carries this token instead.',
        fix: 'Remove ANTHROPIC_AUTH_TOKEN from every place it is set (shell startup file, settings `env` block), open a new terminal, and run the doctor again.',
      },
      {
        status: 'warn',
        when: "It is set without ANTHROPIC_BASE_URL, so it goes to Anthropic's own API as a bearer token, which is rarely intended.",
        fix: "Remove it from every place it is set, then open a new terminal. An Anthropic API key belongs in ANTHROPIC_API_KEY; a gateway token only beside the gateway's ANTHROPIC_BASE_URL.",
      },
    ],
    messages: ['auth-conflict', 'overriding-subscription'],
  },
  async run(ctx) {
    const auth = await authModel(ctx);
    const variable = auth.vars.get(AUTH_TOKEN);
    if (!variable)
      return {
        status: 'pass',
        summary: 'ANTHROPIC_AUTH_TOKEN is not set anywhere Claude Code reads it.',
      };

    const { evidence, removal } = await whereSet(ctx, AUTH_TOKEN);
    const token = variable.effective.value;
    const note = projectOnlyNote(auth, 'auth-token');
    if (note) evidence.push(note);
    const plan = [removal, { step: 'restart-terminal' as const }, { step: 'verify' as const }];
    const fix = [
      'Remove ANTHROPIC_AUTH_TOKEN everywhere it is set (see the evidence), then open a new terminal.',
    ];
    if (token.isBlank)
      return {
        status: 'warn',
        summary: 'ANTHROPIC_AUTH_TOKEN is set to white space only; remove it.',
        evidence,
        fix,
        plan,
      };
    if (auth.provider) {
      return {
        status: 'pass',
        summary: `ANTHROPIC_AUTH_TOKEN (ending in ${token.fingerprint}) is set but ignored: ${auth.provider.name} is the provider.`,
        evidence,
      };
    }

    const shadowed = auth.candidates.filter((c) => c.method !== 'auth-token' && c.usable);
    const subscription = shadowed.find(
      (c) => c.method === 'subscription' || c.method === 'oauth-token',
    );
    if (auth.expectation === 'subscription' && subscription) {
      return {
        status: 'fail',
        summary: `ANTHROPIC_AUTH_TOKEN (ending in ${token.fingerprint}) overrides ${METHOD_LABEL[subscription.method]}: every request carries this token instead.`,
        evidence,
        fix,
        plan,
      };
    }
    const gateway = auth.vars.get(BASE_URL);
    if (gateway) {
      const others = shadowed.length
        ? `; it wins over ${shadowed.map((c) => METHOD_LABEL[c.method]).join(', ')}`
        : '';
      return {
        status: 'pass',
        summary: `ANTHROPIC_AUTH_TOKEN (ending in ${token.fingerprint}) goes to the gateway in ANTHROPIC_BASE_URL${others}.`,
        evidence,
      };
    }
    return {
      status: 'warn',
      summary: `ANTHROPIC_AUTH_TOKEN (ending in ${token.fingerprint}) is sent to Anthropic's own API as a bearer token, with no ANTHROPIC_BASE_URL: that is rarely intended (an API key belongs in ANTHROPIC_API_KEY).`,
      evidence,
      fix,
      plan,
    };
  },
});

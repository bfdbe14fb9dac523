// ANTHROPIC_AUTH_TOKEN is sent as a bearer token and beats every other first-party credential
// (facts file, section 3; 2.1.331 reports it as `oauth_token`). It belongs to gateway setups.
import { METHOD_LABEL } from '../src/credentials.js';
import { credentialVariableCheck } from '../src/credential-variable.js';
import { AUTH_TOKEN, BASE_URL } from '../src/env-vars.js';

const FIX =
  'Remove ANTHROPIC_AUTH_TOKEN everywhere it is set (see the evidence), then open a new terminal.';
const REMOVE = ['remove-env-credential', 'restart-terminal?', 'verify'] as const;

export default credentialVariableCheck({
  id: 'auth-token-env',
  title: 'ANTHROPIC_AUTH_TOKEN',
  description:
    'ANTHROPIC_AUTH_TOKEN from the shell or a settings env block: it wins over every other Anthropic credential and usually belongs to a gateway or proxy.',
  explain: {
    why: 'ANTHROPIC_AUTH_TOKEN is sent as a bearer token and wins over every other Anthropic credential, your subscription login included. It belongs to a gateway or proxy named in ANTHROPIC_BASE_URL; left over from one, it replaces your login without a word.',
    docs: 'https://code.claude.com/docs/en/authentication',
    messages: ['auth-conflict', 'overriding-subscription'],
  },
  variable: AUTH_TOKEN,
  projectNote: 'auth-token',
  outcomes: {
    blank: {
      status: 'warn',
      summary: 'ANTHROPIC_AUTH_TOKEN is set to white space only; remove it.',
      fix: FIX,
      plan: REMOVE,
    },
    'ignored-by-provider': {
      status: 'pass',
      summary:
        'ANTHROPIC_AUTH_TOKEN (ending in {fingerprint}) is set but ignored: {provider} is the provider.',
    },
    'overrides-subscription': {
      status: 'fail',
      summary:
        'ANTHROPIC_AUTH_TOKEN (ending in {fingerprint}) overrides {subscription:method}: every request carries this token instead.',
      fix: FIX,
      plan: REMOVE,
    },
    gateway: {
      status: 'pass',
      summary:
        'ANTHROPIC_AUTH_TOKEN (ending in {fingerprint}) goes to the gateway in ANTHROPIC_BASE_URL{others}.',
    },
    'no-gateway': {
      status: 'warn',
      summary:
        "ANTHROPIC_AUTH_TOKEN (ending in {fingerprint}) is sent to Anthropic's own API as a bearer token, with no ANTHROPIC_BASE_URL: that is rarely intended (an API key belongs in ANTHROPIC_API_KEY).",
      fix: FIX,
      plan: REMOVE,
    },
  },
  pendingEffect: () => 'send it as a bearer token, ahead of every other credential',
  verdict(auth) {
    if (auth.provider)
      return { outcome: 'ignored-by-provider', values: { provider: auth.provider.name } };
    const shadowed = auth.candidates.filter((c) => c.method !== 'auth-token' && c.usable);
    const subscription = shadowed.find(
      (c) => c.method === 'subscription' || c.method === 'oauth-token',
    );
    if (auth.expectation === 'subscription' && subscription) {
      const values = { subscription: subscription.method };
      return { outcome: 'overrides-subscription', values };
    }
    if (!auth.vars.get(BASE_URL)) return 'no-gateway';
    const labels = shadowed.map((c) => METHOD_LABEL[c.method]).join(', ');
    return { outcome: 'gateway', values: { others: labels ? `; it wins over ${labels}` : '' } };
  },
});

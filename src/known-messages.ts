// Messages Claude Code shows users, as pasted into tickets (facts file, section 3). Checks name
// the ids they explain in `explain.messages`, so `explain --error` finds every check for one.

export interface KnownMessage {
  id: string;
  /** The message as Claude Code prints it; `<X>` marks a part that varies. */
  text: string;
  /** What it means, in a sentence or two. */
  meaning: string;
  /**
   * Normalized phrases (see `normalizeMessage`), any of which identifies the message. A message
   * whose phrase contains another message's phrase is the more specific match and hides it.
   */
  phrases: string[];
}

export const KNOWN_MESSAGES: readonly KnownMessage[] = [
  {
    id: 'api-key-and-subscription',
    text: 'Both claude.ai and ANTHROPIC_API_KEY set · auth may not work as expected',
    meaning:
      'A subscription login and ANTHROPIC_API_KEY are both present; the key wins in scripts and `claude -p`, and in interactive sessions if you accepted it.',
    phrases: ['both claude ai and anthropic api key set', 'auth may not work as expected'],
  },
  {
    id: 'auth-conflict',
    text: 'Auth conflict: Both a token (<X>) and an API key (<X>) are set',
    meaning:
      'A bearer token (ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN or a subscription login) and an API key (ANTHROPIC_API_KEY or apiKeyHelper) are set at once; Claude Code may send either.',
    phrases: ['auth conflict'],
  },
  {
    id: 'overriding-subscription',
    text: '<X> overriding Claude subscription login',
    meaning:
      'A credential from the environment or settings (named at the start of the message) wins over your subscription login, and usually bills API credits.',
    phrases: ['overriding claude subscription login', 'overriding subscription login'],
  },
  {
    id: 'invalid-api-key',
    text: 'Invalid API key',
    meaning: 'The API rejected the key Claude Code sent. Which key that was decides the fix.',
    phrases: ['invalid api key'],
  },
  {
    id: 'invalid-api-key-external',
    text: 'Invalid API key · Fix external API key',
    meaning:
      'The rejected key comes from outside Claude Code: ANTHROPIC_API_KEY (shell or a settings `env` block) or an apiKeyHelper. Logging in again does not help while it is set.',
    phrases: ['invalid api key fix external api key', 'fix external api key'],
  },
  {
    id: 'invalid-api-key-login',
    text: 'Invalid API key · Please run /login',
    meaning:
      'The rejected key is the one `/login` stored (a Console key) or a stored login that is no longer valid.',
    phrases: ['invalid api key please run login'],
  },
  {
    id: 'not-logged-in',
    text: 'Not logged in · Please run /login',
    meaning:
      'Claude Code found no usable credential: no stored login with the user:inference scope, no key, no token.',
    phrases: ['not logged in'],
  },
  {
    id: 'oauth-token-revoked',
    text: 'OAuth token revoked · Please run /login',
    meaning:
      'The subscription login was revoked (logged out elsewhere, password change, or the plan ended); it has to be replaced by a fresh login.',
    phrases: ['oauth token revoked', 'token revoked'],
  },
  {
    id: 'credit-balance-too-low',
    text: 'Credit balance is too low',
    meaning:
      'Claude Code is billing API credits (an API key, apiKeyHelper or Console key wins), not your subscription, and the Console balance ran out.',
    phrases: ['credit balance is too low', 'credit balance too low'],
  },
  {
    id: 'api-usage-billing',
    text: 'API Usage Billing',
    meaning:
      'The banner says this session bills API credits, not a Pro or Max plan: a key or helper wins over your login.',
    phrases: ['api usage billing'],
  },
  {
    id: 'custom-api-key-prompt',
    text: 'Detected a custom API key in your environment … Do you want to use this API key?',
    meaning:
      'ANTHROPIC_API_KEY is set. Answering Yes bills API credits in every session; No keeps interactive sessions on your login, but scripts and `claude -p` still use the key.',
    phrases: ['detected a custom api key', 'use this api key'],
  },
  // Node's own TLS errors, which Claude Code passes on when a proxy intercepts TLS (issue 10).
  {
    id: 'self-signed-certificate',
    text: 'self-signed certificate in certificate chain',
    meaning:
      'Something between you and Anthropic (a company proxy or security software) presents its own certificate, and Node does not trust its CA: set NODE_EXTRA_CA_CERTS to the company CA file.',
    phrases: [
      'self signed certificate in certificate chain',
      'self signed certificate',
      'self_signed_cert_in_chain',
    ],
  },
  {
    id: 'unable-to-get-local-issuer',
    text: 'unable to get local issuer certificate',
    meaning:
      'The certificate Claude Code was shown was issued by a CA Node does not know, typically a company proxy inspecting TLS: set NODE_EXTRA_CA_CERTS to the company CA file.',
    phrases: ['unable to get local issuer certificate', 'unable_to_get_issuer_cert_locally'],
  },
];

/** Lower case, punctuation (the middle dot included) and `/` turned into single spaces. */
export function normalizeMessage(text: string): string {
  return ` ${text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** Known messages the pasted text contains, most specific first; never echoes the text. */
export function matchMessages(pasted: string): KnownMessage[] {
  const text = normalizeMessage(pasted);
  const hits = KNOWN_MESSAGES.flatMap((message) => {
    const phrase = message.phrases
      .filter((p) => text.includes(normalizeMessage(p)))
      .sort((a, b) => b.length - a.length)[0];
    return phrase ? [{ message, phrase }] : [];
  });
  // "invalid api key fix external api key" hides the bare "invalid api key".
  return hits
    .filter(
      (hit) =>
        !hits.some(
          (other) =>
            other !== hit &&
            other.phrase.length > hit.phrase.length &&
            normalizeMessage(other.phrase).includes(normalizeMessage(hit.phrase)),
        ),
    )
    .sort((a, b) => b.phrase.length - a.phrase.length)
    .map((hit) => hit.message);
}

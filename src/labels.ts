import type { Method } from './types.js';

/** How each method is named in sentences. */
export const METHOD_LABEL: Record<Method, string> = {
  subscription: 'your claude.ai subscription login',
  'api-key': 'ANTHROPIC_API_KEY',
  'console-key': 'the Console API key stored by /login',
  'auth-token': 'ANTHROPIC_AUTH_TOKEN',
  'oauth-token': 'CLAUDE_CODE_OAUTH_TOKEN',
  'api-key-helper': 'the apiKeyHelper command',
  'third-party': 'a third-party provider',
  none: 'no credential',
};

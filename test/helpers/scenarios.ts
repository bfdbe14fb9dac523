import {
  credentialsFile,
  subscriptionHome,
  SUBSCRIPTION_ACCOUNT,
  type FixtureSpec,
} from './fixture.js';
import { KEYS, suffix20 } from './secrets.js';

// Fixture homes several suites share: the same setups seen end to end and in report snapshots.

/** A Max login with ANTHROPIC_API_KEY exported in .zshrc: the most common support case. */
export const ENV_KEY_OVER_MAX: FixtureSpec = {
  home: subscriptionHome({ '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }),
  env: { ANTHROPIC_API_KEY: KEYS.apiKey },
};

/** Every kind of credential at once, each with a planted secret. */
export const EVERYTHING_AT_ONCE: FixtureSpec = {
  home: {
    '.claude/.credentials.json': credentialsFile(),
    '.claude.json': {
      oauthAccount: SUBSCRIPTION_ACCOUNT,
      primaryApiKey: KEYS.consoleKey,
      customApiKeyResponses: { approved: [], rejected: [suffix20(KEYS.apiKey)] },
    },
    '.claude/settings.json': {
      apiKeyHelper: `echo ${KEYS.apiKey2}`,
      env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken },
    },
    '.bashrc': `export ANTHROPIC_API_KEY="${KEYS.apiKey}"\nexport CLAUDE_CODE_OAUTH_TOKEN=${KEYS.oauthToken}\n`,
  },
  env: { ANTHROPIC_API_KEY: KEYS.apiKey, CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken },
};

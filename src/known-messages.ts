import type { PlanStepId } from './types.js';

// Messages Claude Code shows about sign-in and billing, as users paste them into tickets. The
// wording is Claude Code 2.1.331's (strings in its bundle) or the public tracker's, where users
// pasted it (`reports`, anthropics/claude-code unless another repository is named). Each entry
// names the checks that explain it, most likely cause first, and the fix plan steps that
// usually end it, so `explain --error` can say what to run.

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
  /** Check ids that explain it, the most likely cause first. */
  checks: string[];
  /** Fix plan steps that usually end it, in plan order. */
  steps: PlanStepId[];
  /** Public reports where users pasted it (`#123` is anthropics/claude-code). */
  reports: string[];
  /** A catch-all (an HTTP status, an error type): shown only when nothing more specific matched. */
  generic?: true;
}

/** Where a key or token from a former organisation usually hides: the credential variables first. */
const CREDENTIAL_CHECKS = [
  'api-key-env',
  'auth-token-env',
  'api-key-helper',
  'oauth-token-env',
  'mixed-credentials',
  'verify-credential',
];
const REMOVE_VARIABLE: PlanStepId[] = ['remove-env-credential', 'restart-terminal', 'verify'];
const RELOGIN: PlanStepId[] = ['logout', 'login', 'verify'];
const NETWORK: PlanStepId[] = ['fix-network', 'verify'];

const m = (message: KnownMessage): KnownMessage => message;

export const KNOWN_MESSAGES: readonly KnownMessage[] = [
  // Several credentials at once.
  m({
    id: 'api-key-and-subscription',
    text: 'Both claude.ai and ANTHROPIC_API_KEY set · auth may not work as expected',
    meaning:
      'A subscription login and ANTHROPIC_API_KEY are both present; the key wins in scripts and `claude -p`, and in interactive sessions if you accepted it.',
    phrases: ['both claude ai and anthropic api key set'],
    checks: ['api-key-env', 'mixed-credentials', 'restart-needed'],
    steps: REMOVE_VARIABLE,
    reports: ['#9515'],
  }),
  m({
    id: 'auth-token-and-login-key',
    text: 'Both ANTHROPIC_AUTH_TOKEN and /login managed key set · auth may not work as expected',
    meaning:
      'A gateway token (ANTHROPIC_AUTH_TOKEN, often set by a provider switcher) sits beside the Console key an earlier `/login` stored. The token wins; to keep using the gateway, log out so the stored key is gone.',
    phrases: ['both anthropic auth token and login managed key set'],
    checks: ['auth-token-env', 'mixed-credentials'],
    steps: ['logout', 'verify'],
    reports: ['Alishahryar1/free-claude-code#741', 'Alishahryar1/free-claude-code#895'],
  }),
  m({
    id: 'credentials-both-set',
    text: 'Both <X> and <Y> set · auth may not work as expected',
    meaning:
      'Two credentials are present at once and only one is used; the warning names both. The first one named usually wins.',
    phrases: ['auth may not work as expected'],
    checks: ['mixed-credentials', 'api-key-env', 'auth-token-env', 'api-key-helper'],
    steps: ['remove-env-credential', 'logout', 'restart-terminal', 'verify'],
    reports: ['#50537'],
    generic: true,
  }),
  m({
    id: 'auth-conflict',
    text: 'Auth conflict: Both a token (<X>) and an API key (<Y>) are set',
    meaning:
      'A bearer token (ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN or a subscription login) and an API key (ANTHROPIC_API_KEY, an apiKeyHelper or a stored Console key) are set at once; Claude Code may send either.',
    phrases: ['auth conflict'],
    checks: ['mixed-credentials', 'auth-token-env', 'oauth-token-env', 'api-key-env'],
    steps: ['remove-env-credential', 'logout', 'restart-terminal', 'verify'],
    reports: ['#11587'],
  }),
  m({
    id: 'auth-conflict-login-key',
    text: 'Auth conflict: Both a token (ANTHROPIC_AUTH_TOKEN) and an API key (/login managed key) are set',
    meaning:
      'A gateway token sits beside the Console key an earlier `/login` stored. To use the gateway, run `claude auth logout`; to use the Console key, remove ANTHROPIC_AUTH_TOKEN.',
    phrases: [
      'auth conflict both a token anthropic auth token and an api key login managed key',
      'both a token anthropic auth token and an api key login managed key',
    ],
    checks: ['auth-token-env', 'mixed-credentials'],
    steps: ['logout', 'verify'],
    reports: ['Alishahryar1/free-claude-code#488'],
  }),
  m({
    id: 'auth-conflict-console-key',
    text: 'Auth conflict: Using ANTHROPIC_API_KEY instead of Anthropic Console key',
    meaning:
      'ANTHROPIC_API_KEY wins over the Console key `/login` stored. Remove the variable to use the stored key, or log out to use the variable.',
    phrases: [
      'auth conflict using anthropic api key instead of anthropic console key',
      'using anthropic api key instead of anthropic console key',
    ],
    checks: ['api-key-env', 'mixed-credentials'],
    steps: ['remove-env-credential', 'logout', 'restart-terminal', 'verify'],
    reports: ['fuergaosi233/claude-code-proxy#28'],
  }),
  m({
    id: 'overriding-subscription',
    text: '<X> overriding Claude subscription login',
    meaning:
      'A credential from the environment or settings (named at the start of the message) wins over your subscription login, and usually bills API credits.',
    phrases: ['overriding claude subscription login', 'overriding subscription login'],
    checks: ['api-key-env', 'auth-token-env', 'api-key-helper', 'mixed-credentials'],
    steps: REMOVE_VARIABLE,
    reports: ['#1740'],
  }),
  m({
    id: 'api-usage-billing',
    text: 'API Usage Billing',
    meaning:
      'The banner says this session bills API credits, not a Pro or Max plan: a key, helper or stored Console key wins over your login.',
    phrases: ['api usage billing'],
    checks: ['api-key-env', 'mixed-credentials', 'api-key-helper', 'subscription-login'],
    steps: ['remove-env-credential', 'logout', 'restart-terminal', 'login', 'verify'],
    reports: ['#34636', '#17402'],
  }),
  m({
    id: 'custom-api-key-prompt',
    text: 'Detected a custom API key in your environment … Do you want to use this API key?',
    meaning:
      'ANTHROPIC_API_KEY is set. Answering Yes bills API credits in every session; No keeps interactive sessions on your login, but scripts and `claude -p` still use the key.',
    phrases: ['detected a custom api key', 'use this api key'],
    checks: ['api-key-env'],
    steps: REMOVE_VARIABLE,
    reports: ['#1826'],
  }),
  m({
    id: 'login-claude-ai-not-console',
    text: 'Please run /login and sign in with your Claude.ai account (not Console).',
    meaning:
      'This feature needs a subscription login, but a Console login (or key) is in use. Log out and log in with the Claude account that has the plan.',
    phrases: ['sign in with your claude ai account not console'],
    checks: ['mixed-credentials', 'force-login-method', 'subscription-login'],
    steps: RELOGIN,
    reports: [],
  }),
  m({
    id: 'web-sessions-need-claude-ai',
    text: 'Claude Code web sessions require authentication with a Claude.ai account. API key authentication is not sufficient.',
    meaning:
      'An API key (ANTHROPIC_API_KEY, an apiKeyHelper or a stored Console key) is in use where only a subscription login works.',
    phrases: ['web sessions require authentication with a claude ai account'],
    checks: ['api-key-env', 'mixed-credentials', 'subscription-login'],
    steps: ['remove-env-credential', 'logout', 'restart-terminal', 'login', 'verify'],
    reports: ['#55469', '#54566'],
  }),

  // Keys and tokens the API rejects.
  m({
    id: 'invalid-api-key',
    text: 'Invalid API key',
    meaning: 'The API rejected the key Claude Code sent. Which key that was decides the fix.',
    phrases: ['invalid api key'],
    checks: ['api-key-env', 'api-key-helper', 'mixed-credentials', 'verify-credential'],
    steps: REMOVE_VARIABLE,
    reports: ['#6676'],
  }),
  m({
    id: 'invalid-api-key-external',
    text: 'Invalid API key · Fix external API key',
    meaning:
      'The rejected key comes from outside Claude Code: ANTHROPIC_API_KEY (shell or a settings `env` block) or an apiKeyHelper. Logging in again does not help while it is set.',
    phrases: ['invalid api key fix external api key', 'fix external api key'],
    checks: ['api-key-env', 'api-key-helper', 'verify-credential', 'mixed-credentials'],
    steps: REMOVE_VARIABLE,
    reports: ['#9694', '#5666', '#90236'],
  }),
  m({
    id: 'invalid-api-key-login',
    text: 'Invalid API key · Please run /login',
    meaning:
      'The rejected key is the one `/login` stored (a Console key) or a stored login that is no longer valid.',
    phrases: ['invalid api key please run login'],
    checks: ['mixed-credentials', 'subscription-login', 'verify-credential', 'config-dir'],
    steps: RELOGIN,
    reports: ['#6270', '#5151'],
  }),
  m({
    id: 'invalid-x-api-key',
    text: 'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}',
    meaning:
      'The API rejected the API key sent in the x-api-key header: ANTHROPIC_API_KEY, an apiKeyHelper or the stored Console key is invalid or revoked.',
    phrases: ['invalid x api key'],
    checks: ['api-key-env', 'api-key-helper', 'verify-credential', 'mixed-credentials'],
    steps: REMOVE_VARIABLE,
    reports: ['#9694'],
  }),
  m({
    id: 'invalid-auth-token-external',
    text: 'Invalid auth token · Fix external auth token',
    meaning:
      'The API (or your gateway) rejected ANTHROPIC_AUTH_TOKEN. Logging in again does not help while it is set.',
    phrases: ['invalid auth token fix external auth token', 'fix external auth token'],
    checks: ['auth-token-env', 'base-url', 'verify-credential'],
    steps: REMOVE_VARIABLE,
    reports: [],
  }),
  m({
    id: 'invalid-bearer-token',
    text: 'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"Invalid bearer token"}}',
    meaning:
      'A bearer token was rejected: usually ANTHROPIC_AUTH_TOKEN left over from a gateway or local model setup, else a CLAUDE_CODE_OAUTH_TOKEN that is truncated, expired or a copied short-lived access token.',
    phrases: ['invalid bearer token'],
    checks: ['auth-token-env', 'oauth-token-env', 'verify-credential', 'mixed-credentials'],
    steps: REMOVE_VARIABLE,
    reports: ['#34826', '#84903', '#65320'],
  }),
  m({
    id: 'invalid-authentication-credentials',
    text: 'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"Invalid authentication credentials"}}',
    meaning:
      'The credential Claude Code sent was rejected. Find which one is in use (a variable, a helper or the stored login) before logging in again.',
    phrases: ['invalid authentication credentials'],
    checks: ['mixed-credentials', 'auth-token-env', 'api-key-env', 'subscription-login'],
    steps: ['remove-env-credential', 'logout', 'restart-terminal', 'login', 'verify'],
    reports: ['#58926'],
  }),
  m({
    id: 'oauth-not-supported',
    text: 'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth authentication is currently not supported."}}',
    meaning:
      'A subscription token was sent where only API keys are accepted, typically through ANTHROPIC_BASE_URL or ANTHROPIC_AUTH_TOKEN pointing somewhere else.',
    phrases: ['oauth authentication is currently not supported'],
    checks: ['base-url', 'auth-token-env', 'oauth-token-env'],
    steps: REMOVE_VARIABLE,
    reports: ['#6258'],
  }),
  m({
    id: 'credential-only-for-claude-code',
    text: 'This credential is only authorized for use with Claude Code and cannot be used for other API requests.',
    meaning:
      'A subscription token (a login or CLAUDE_CODE_OAUTH_TOKEN) was sent by another tool, or through a proxy in ANTHROPIC_BASE_URL that changes the request. Subscription tokens work only in Claude Code itself.',
    phrases: ['only authorized for use with claude code'],
    checks: ['oauth-token-env', 'base-url', 'auth-token-env'],
    steps: REMOVE_VARIABLE,
    reports: ['#24690', '#11252'],
  }),

  // Organisations and plans.
  m({
    id: 'organization-disabled',
    text: 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This organization has been disabled."}}',
    meaning:
      'The credential in use belongs to a disabled organisation. Most often that is an API key from a former employer or an old Console account in ANTHROPIC_API_KEY (shell or settings), which wins over your own login; remove it and your subscription is used again. Only if no such key is set is your own account disabled.',
    phrases: ['this organization has been disabled', 'organization has been disabled'],
    checks: [...CREDENTIAL_CHECKS, 'subscription-login'],
    steps: ['remove-env-credential', 'logout', 'restart-terminal', 'login', 'verify'],
    reports: ['#8327', '#19028', '#9384', '#60648'],
  }),
  m({
    id: 'api-key-disabled-organization',
    text: 'Your ANTHROPIC_API_KEY belongs to a disabled organization · Unset the environment variable to use your subscription instead',
    meaning:
      'ANTHROPIC_API_KEY belongs to a disabled organisation and wins over your sign-in. Remove it from every place it is set; your login is used again.',
    phrases: ['anthropic api key belongs to a disabled organization'],
    checks: ['api-key-env', 'verify-credential', 'restart-needed'],
    steps: REMOVE_VARIABLE,
    reports: ['#8327'],
  }),
  m({
    id: 'subscription-access-disabled',
    text: 'Your organization has disabled Claude subscription access for Claude Code · Use an Anthropic API key instead, or ask your admin to enable access',
    meaning:
      'The organisation of the stored login does not allow subscription access from Claude Code (API error oauth_org_not_allowed). Check that you are logged in to the organisation you expect; if it is your personal one, only Anthropic support can lift it.',
    phrases: ['organization has disabled claude subscription access'],
    checks: ['subscription-login', 'force-login-method', 'policy', 'mixed-credentials'],
    steps: RELOGIN,
    reports: ['#62722', '#83901', '#65044', '#86057'],
  }),
  m({
    id: 'oauth-not-allowed-for-organization',
    text: 'API Error: 403 {"type":"error","error":{"type":"permission_error","message":"OAuth authentication is currently not allowed for this organization."}}',
    meaning:
      'The raw API error behind "Your organization has disabled Claude subscription access": the login belongs to an organisation that does not allow subscription access from Claude Code.',
    phrases: ['oauth authentication is currently not allowed for this organization'],
    checks: ['subscription-login', 'force-login-method', 'policy'],
    steps: RELOGIN,
    reports: ['#63886', '#63685'],
  }),
  m({
    id: 'api-key-auth-disabled',
    text: 'Your organization has disabled API key authentication · Unset ANTHROPIC_API_KEY to use your claude.ai account instead',
    meaning:
      'Your organisation allows only subscription logins, but an API key (ANTHROPIC_API_KEY or an apiKeyHelper) is in use. Remove it and log in with your claude.ai account.',
    phrases: ['organization has disabled api key authentication'],
    checks: ['api-key-env', 'api-key-helper', 'mixed-credentials'],
    steps: ['remove-env-credential', 'restart-terminal', 'login', 'verify'],
    reports: [],
  }),
  m({
    id: 'subscription-unusable',
    text: "Claude Code can't use your Claude subscription, usually because a payment is past due",
    meaning:
      'The plan behind the stored login is not active (often a payment is past due). Renew it at claude.ai, or log in with another account.',
    phrases: ['can t use your claude subscription'],
    checks: ['subscription-login', 'mixed-credentials'],
    steps: RELOGIN,
    reports: [],
  }),
  m({
    id: 'console-signin-unusable',
    text: "Claude Code can't use the Anthropic Console sign-in saved on this computer, usually because it isn't for a Console account",
    meaning:
      'The stored login is not a Console (API billing) account, but Console billing was asked for (forceLoginMethod "console" or a Console-only organisation).',
    phrases: ['can t use the anthropic console sign in saved on this computer'],
    checks: ['force-login-method', 'mixed-credentials', 'subscription-login'],
    steps: RELOGIN,
    reports: [],
  }),
  m({
    id: 'oauth-scope-missing',
    text: 'OAuth token does not meet scope requirement user:profile',
    meaning:
      'The token in use lacks a scope: tokens from `claude setup-token` (CLAUDE_CODE_OAUTH_TOKEN) carry only user:inference, so `/usage` and `/status` details fail. A full login has the other scopes.',
    phrases: ['oauth token does not meet scope requirement'],
    checks: ['oauth-token-env', 'subscription-login'],
    steps: ['login', 'verify'],
    reports: ['#22450', '#13334', '#24654'],
  }),

  // Logins that expire or are revoked.
  m({
    id: 'not-logged-in',
    text: 'Not logged in · Please run /login',
    meaning:
      'Claude Code found no usable credential: no stored login with the user:inference scope, no key, no token. Check that it reads the config directory you logged in with.',
    phrases: ['not logged in'],
    checks: ['subscription-login', 'config-dir', 'config-files', 'credentials-permissions'],
    steps: ['login', 'verify'],
    reports: ['#1665'],
  }),
  m({
    id: 'missing-api-key',
    text: 'Missing API key · Run /login',
    meaning:
      'Claude Code found no credential it could use, even after a login: the login was stored where it does not look (another config directory, a locked Keychain over SSH) or lacks the inference scope.',
    phrases: ['missing api key'],
    checks: ['subscription-login', 'config-dir', 'credentials-permissions', 'config-files'],
    steps: ['login', 'verify'],
    reports: ['#5166', '#6893', '#6331'],
  }),
  m({
    id: 'oauth-token-revoked',
    text: 'OAuth token revoked · Please run /login',
    meaning:
      'The subscription login was revoked (logged out elsewhere, password change, or the plan ended); it has to be replaced by a fresh login.',
    phrases: ['oauth token revoked', 'token revoked'],
    checks: ['subscription-login', 'oauth-token-env', 'verify-credential'],
    steps: RELOGIN,
    reports: [],
  }),
  m({
    id: 'oauth-token-expired',
    text: 'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your existing token."}} · Please run /login',
    meaning:
      'The subscription access token in use expired and was not renewed. A stored login renews itself with its refresh token; a token copied into CLAUDE_CODE_OAUTH_TOKEN from .credentials.json lasts only hours and never renews: use `claude setup-token` for a long-lived one.',
    phrases: ['oauth token has expired'],
    checks: ['oauth-token-env', 'subscription-login', 'credentials-permissions', 'network'],
    steps: RELOGIN,
    reports: ['#33230', '#6459', '#10712', 'nanocoai/nanoclaw#730'],
  }),
  m({
    id: 'oauth-session-expired',
    text: 'Failed to authenticate: OAuth session expired and could not be refreshed',
    meaning:
      'The stored login expired and renewing it failed: no refresh token, a refresh token already used by another copy of the login, or no network at that moment. Log in again.',
    phrases: ['oauth session expired and could not be refreshed'],
    checks: ['subscription-login', 'oauth-token-env', 'network', 'credentials-permissions'],
    steps: RELOGIN,
    reports: ['Lexus2016/claude-code-studio#86'],
  }),
  m({
    id: 'login-expired',
    text: 'Login expired · Please run /login',
    meaning: 'The stored login expired and cannot be renewed; log in again.',
    phrases: ['login expired'],
    checks: ['subscription-login', 'credentials-permissions'],
    steps: RELOGIN,
    reports: [],
  }),
  m({
    id: 'login-time-limit',
    text: 'Login reached its time limit · Please run /login',
    meaning:
      'A login has a maximum lifetime and this one reached it. Log in again; for unattended jobs use `claude setup-token` and set CLAUDE_CODE_OAUTH_TOKEN.',
    phrases: ['login reached its time limit'],
    checks: ['subscription-login', 'oauth-token-env'],
    steps: RELOGIN,
    reports: [],
  }),
  m({
    id: 'session-expired',
    text: 'Your session has expired. Please run /login to sign in again.',
    meaning: 'The stored login is no longer valid; log in again.',
    phrases: ['session has expired please run login', 'session expired please run login'],
    checks: ['subscription-login'],
    steps: RELOGIN,
    reports: [],
  }),
  m({
    id: 'authentication-required',
    text: 'Authentication required · Sign in again to continue',
    meaning: 'The stored login was rejected and must be replaced by a fresh one.',
    phrases: ['authentication required sign in again'],
    checks: ['subscription-login', 'mixed-credentials'],
    steps: RELOGIN,
    reports: [],
  }),

  // Money and limits.
  m({
    id: 'credit-balance-too-low',
    text: 'Credit balance too low · Add funds: https://platform.claude.com/settings/billing',
    meaning:
      'Claude Code is billing API credits (an API key, apiKeyHelper or Console key wins), not your subscription, and the Console balance ran out.',
    phrases: ['credit balance is too low', 'credit balance too low'],
    checks: ['api-key-env', 'mixed-credentials', 'auto-reload', 'api-key-helper'],
    steps: ['remove-env-credential', 'logout', 'restart-terminal', 'login', 'verify'],
    reports: ['#867', '#46277', '#5300', '#54566'],
  }),
  m({
    id: 'rate-limited',
    text: 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed your account\'s rate limit. Please try again later."}}',
    meaning:
      "The account in use hit its rate limit. Check that it is the account you expect (a key or token may be billing another one); otherwise wait for the limit's reset.",
    phrases: ['would exceed your account s rate limit', 'rate limit error'],
    checks: ['mixed-credentials', 'api-key-env', 'verify-credential'],
    steps: ['verify'],
    reports: ['#54698', '#9046'],
  }),
  m({
    id: 'usage-limit-reached',
    text: 'Claude AI usage limit reached|<epoch seconds>',
    meaning:
      "Your plan's usage limit is used up until the time given. To stay on the plan, decline the API-credit option; a key or token from another account would bill that account.",
    phrases: ['claude ai usage limit reached', 'usage limit reached'],
    checks: ['subscription-login', 'mixed-credentials', 'api-key-env'],
    steps: ['verify'],
    reports: ['#9046', '#6119', '#2490'],
  }),
  m({
    id: 'hit-your-limit',
    text: "You've hit your limit · resets <time>",
    meaning:
      "Your plan's usage limit (the session or weekly one) is used up until the time given; nothing local fixes it. Check that the account in use is the one with the plan you expect.",
    phrases: ['you ve hit your limit', 'hit your limit'],
    checks: ['subscription-login', 'mixed-credentials'],
    steps: ['verify'],
    reports: ['#54698', '#52575', '#28698'],
  }),

  // Helpers and gateways.
  m({
    id: 'api-key-helper-failing',
    text: "Your apiKeyHelper script is failing · This usually means you need to re-authenticate with your provider · Run /status to see the script's error output",
    meaning:
      'The apiKeyHelper command in a settings file exits with an error. Fix or re-authenticate the tool it runs, or remove apiKeyHelper if you did not mean to use it.',
    phrases: ['apikeyhelper script is failing', 'your apikeyhelper script'],
    checks: ['api-key-helper', 'mixed-credentials'],
    steps: ['remove-env-credential', 'verify'],
    reports: ['#83207'],
  }),
  m({
    id: 'api-key-helper-invalid-value',
    text: 'Error getting API key from apiKeyHelper (in settings or ~/.claude.json): apiKeyHelper did not return a valid value',
    meaning:
      'The apiKeyHelper command ran but printed no usable key. The settings file that sets it is named by the api-key-helper check.',
    phrases: [
      'error getting api key from apikeyhelper',
      'apikeyhelper did not return a valid value',
    ],
    checks: ['api-key-helper'],
    steps: ['remove-env-credential', 'verify'],
    reports: ['#29142'],
  }),
  m({
    id: 'gateway-upstream',
    text: 'Authentication error · The gateway could not authenticate with its upstream provider — contact your gateway administrator',
    meaning:
      'Your gateway (ANTHROPIC_BASE_URL) accepted your token but failed to authenticate with Anthropic or its provider: a problem on the gateway side.',
    phrases: ['gateway could not authenticate with its upstream provider'],
    checks: ['base-url', 'auth-token-env'],
    steps: ['verify'],
    reports: [],
  }),

  // Sign-in itself.
  m({
    id: 'oauth-error-status',
    text: 'OAuth error: Request failed with status code <NNN>',
    meaning:
      'The browser sign-in could not be completed: often a proxy or firewall in between, a forced login method or organisation that does not match the account, or trouble on the server side (5xx).',
    phrases: ['oauth error request failed with status code'],
    checks: ['network', 'force-login-method', 'config-dir'],
    steps: ['fix-network', 'login', 'verify'],
    reports: ['#54787', '#66360', '#44258'],
  }),
  m({
    id: 'oauth-invalid-code',
    text: 'OAuth error: Invalid code. Please make sure the full code was copied',
    meaning:
      'The sign-in code pasted into the terminal was not accepted: cut off, expired, or from another login attempt. Start `/login` again and paste the newest code whole.',
    phrases: ['invalid code please make sure the full code was copied'],
    checks: ['network', 'force-login-method'],
    steps: ['login', 'verify'],
    reports: ['#97', '#79703'],
  }),

  // Installs and updates.
  m({
    id: 'auto-update-failed',
    text: 'Auto-update failed · Try claude doctor or npm i -g @anthropic-ai/claude-code',
    meaning:
      'Claude Code could not update itself: it updated another install than the one that runs, npm could not write to its prefix, or the running copy came from bun or Homebrew. Update the copy that runs with its own tool.',
    phrases: ['auto update failed'],
    checks: ['multiple-installs', 'install-method', 'auto-updates', 'node-engine'],
    steps: ['remove-extra-installs', 'update', 'restart-terminal', 'verify'],
    reports: ['#50253', '#9760', '#2259', 'anthropics/devcontainer-features#27'],
  }),
  m({
    id: 'multiple-installations',
    text: 'Multiple installations found',
    meaning:
      'Several copies of Claude Code are installed; updating one leaves the one that runs as it was.',
    phrases: ['multiple installations found', 'multiple installations detected'],
    checks: ['multiple-installs', 'install-method'],
    steps: ['remove-extra-installs', 'restart-terminal', 'verify'],
    reports: ['#6258', '#53432'],
  }),

  // Network.
  m({
    id: 'unable-to-connect',
    text: 'Unable to connect to API (ConnectionRefused) · Retrying in <N>s · attempt <N>/10',
    meaning:
      'Claude Code cannot reach the API host: a firewall, proxy, VPN or a wrong ANTHROPIC_BASE_URL.',
    phrases: ['unable to connect to api'],
    checks: ['network', 'base-url'],
    steps: NETWORK,
    reports: ['#71188'],
  }),
  m({
    id: 'connection-error',
    text: 'API Error (Connection error.) · Retrying in <N> seconds…',
    meaning: 'Requests to the API fail at the connection: network, proxy or VPN trouble.',
    phrases: ['api error connection error', 'connection error retrying'],
    checks: ['network', 'base-url'],
    steps: NETWORK,
    reports: ['#6596'],
    // The cause after it (a certificate, a refused connection) says more.
    generic: true,
  }),
  m({
    id: 'request-timed-out',
    text: 'API Error (Request timed out.) · Retrying in <N> seconds…',
    meaning:
      'Requests to the API did not get an answer in time: a slow or blocking network or proxy, or heavy load on the server side.',
    phrases: ['request timed out'],
    checks: ['network', 'base-url'],
    steps: NETWORK,
    reports: ['#2728', '#2919'],
  }),
  m({
    id: 'overloaded',
    text: 'API Error: Repeated 529 Overloaded errors',
    meaning:
      'The API is at capacity for everyone; this is not your usage limit and nothing local fixes it. Wait and retry; see https://status.claude.com.',
    phrases: ['overloaded error', 'repeated 529 overloaded errors'],
    checks: ['network'],
    steps: ['verify'],
    reports: ['#2919', '#7218', '#1166'],
  }),
  m({
    id: 'self-signed-certificate',
    text: 'self-signed certificate in certificate chain',
    meaning:
      'Something between you and Anthropic (a company proxy or security software) presents its own certificate, and Node does not trust its CA: set NODE_EXTRA_CA_CERTS to the company CA file.',
    phrases: [
      'self signed certificate in certificate chain',
      'self signed certificate',
      'self_signed_cert_in_chain',
    ],
    checks: ['network'],
    steps: NETWORK,
    reports: [],
  }),
  m({
    id: 'unable-to-get-local-issuer',
    text: 'unable to get local issuer certificate',
    meaning:
      'The certificate Claude Code was shown was issued by a CA Node does not know, typically a company proxy inspecting TLS: set NODE_EXTRA_CA_CERTS to the company CA file.',
    phrases: ['unable to get local issuer certificate', 'unable_to_get_issuer_cert_locally'],
    checks: ['network'],
    steps: NETWORK,
    reports: [],
  }),
  m({
    id: 'ssl-verification-failed',
    text: 'SSL certificate verification failed (UNABLE_TO_VERIFY_LEAF_SIGNATURE) … set NODE_EXTRA_CA_CERTS',
    meaning:
      'A TLS-inspecting proxy sits between you and Anthropic and its CA is not trusted: point NODE_EXTRA_CA_CERTS at the company CA file.',
    phrases: ['ssl certificate verification failed', 'unable to verify leaf signature'],
    checks: ['network'],
    steps: NETWORK,
    reports: [],
  }),

  // Catch-alls for raw API errors whose message is not known above.
  m({
    id: 'api-error-401',
    text: 'API Error: 401 … authentication_error',
    meaning:
      'The credential Claude Code sent was rejected. Which credential wins decides the fix: the doctor names it and where it is set.',
    phrases: ['api error 401', 'error 401', 'authentication error'],
    checks: ['mixed-credentials', ...CREDENTIAL_CHECKS.filter((c) => c !== 'mixed-credentials')],
    steps: ['remove-env-credential', 'logout', 'restart-terminal', 'login', 'verify'],
    reports: ['#33230'],
    generic: true,
  }),
  m({
    id: 'api-error-403',
    text: 'API Error: 403 … permission_error',
    meaning:
      'The credential was accepted but is not allowed to do this: an organisation setting, a disabled organisation or a token without the needed scope.',
    phrases: ['api error 403', 'error 403', 'permission error'],
    checks: ['mixed-credentials', 'subscription-login', 'oauth-token-env', 'verify-credential'],
    steps: RELOGIN,
    reports: ['#63886'],
    generic: true,
  }),
  m({
    id: 'api-error-5xx',
    text: 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}',
    meaning:
      'Trouble on the server side (or at your gateway); nothing local fixes it. Retry later; see https://status.claude.com.',
    phrases: ['api error 500', 'internal server error', 'api error 502', 'api error 503'],
    checks: ['network', 'base-url'],
    steps: ['verify'],
    reports: [],
    generic: true,
  }),
];

/**
 * Lower case, literal escapes from pasted JSON (`\n`, `\"`, `\u00b7`, `\xB7`) undone, and
 * everything that is not a letter or digit (punctuation, the middle dot, quotes, line breaks,
 * box drawing) turned into single spaces.
 */
export function normalizeMessage(text: string): string {
  const unescaped = text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\[nrt]/g, ' ')
    .replace(/\\+/g, ' ');
  return ` ${unescaped
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** Known messages the pasted text contains, most specific first; never echoes the text. */
export function matchMessages(pasted: string): KnownMessage[] {
  // Users paste whole screens; a bound keeps the work small (the messages are short).
  const text = normalizeMessage(pasted.slice(0, 100_000));
  const hits = KNOWN_MESSAGES.flatMap((message) => {
    const phrase = message.phrases
      .map(normalizeMessage)
      .filter((p) => text.includes(p))
      .sort((a, b) => b.length - a.length)[0];
    return phrase ? [{ message, phrase }] : [];
  });
  const specific = hits.some((hit) => !hit.message.generic);
  // "invalid api key fix external api key" hides the bare "invalid api key".
  return hits
    .filter((hit) => !(specific && hit.message.generic))
    .filter(
      (hit) =>
        !hits.some(
          (other) =>
            other !== hit &&
            other.phrase.length > hit.phrase.length &&
            other.phrase.includes(hit.phrase),
        ),
    )
    .sort((a, b) => b.phrase.length - a.phrase.length)
    .map((hit) => hit.message);
}

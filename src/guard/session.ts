import { PROVIDER_SWITCHES, isTruthy } from '../env-vars.js';
import type { Billing, Expectation, Method } from '../types.js';

// What the session that runs the guard really uses. The status line and the SessionStart hook
// are children of the session: their environment is the session's, settings `env` blocks
// applied (hooks facts 14, 20), so the variables need no hunting through startup files. What
// the environment does not show is read from Claude Code's own files (read.ts): the stored
// login, the Console key, the answers to "use this API key?", an apiKeyHelper in settings.
// Pure, and small: it runs after every message, apart from the full doctor (credentials.ts
// is the doctor's model; a test holds the two to the same answers).

export interface StoredLogin {
  accessToken?: string;
  scopes?: string[];
  subscriptionType?: string;
  rateLimitTier?: string;
}

export interface GuardFacts {
  env: Readonly<Record<string, string | undefined>>;
  /** `.credentials.json` → claudeAiOauth; null when absent. */
  login: StoredLogin | null;
  /** macOS keeps the login in the Keychain, which the guard does not ask: presence unknown. */
  loginInKeychain?: boolean;
  /** `.claude.json` → primaryApiKey, when non-empty (white space counts, 2.1.331). */
  consoleKey?: { fingerprint?: string };
  /**
   * Whether this env key was approved at the interactive prompt (`.claude.json` →
   * customApiKeyResponses.approved holds the last 20 characters of approved keys).
   */
  approved(key: string): boolean;
  /** `.claude.json` → oauthAccount.billingType */
  billingType?: string;
  /** A non-empty apiKeyHelper in some settings file Claude Code reads. */
  apiKeyHelper: boolean;
  /** `--expect`, else the user's configuration file, else `auto`. */
  expect: Expectation | 'auto';
}

export type Problem =
  | 'api-key'
  | 'api-key-helper'
  | 'console-key'
  | 'auth-token'
  | 'provider'
  | 'copied-token'
  | 'plan-not-api';

export interface SessionView {
  method: Method;
  billing: Billing;
  /** Interactive (`cli`): an env key is used only when approved at the prompt. */
  interactive: boolean;
  expectation: Expectation;
  /** Last 4 characters of the credential sent, for values of 20+ characters. */
  fingerprint?: string;
  /** The variable or file that supplies it, for messages. */
  variable?: string;
  /** Plan name of the stored login (`Max 20x`), when a subscription is what pays. */
  plan?: string;
  provider?: { name: string; variable: string };
  /** The env key the user declined at the prompt (interactive sessions then use the login). */
  declinedKey?: string;
  /** Whether the credential in use agrees with the expectation; null when it cannot be told. */
  matches: boolean | null;
  problem: Problem | null;
}

const SUBSCRIPTION_BILLING_TYPES = new Set([
  'stripe_subscription',
  'stripe_subscription_contracted',
  'apple_subscription',
  'google_play_subscription',
]);

/** Same reading as the doctor: last 4 characters of long values, else nothing. */
export function fingerprintOf(value: string): string | undefined {
  return value.length >= 20 ? value.slice(-4) : undefined;
}

/** As `planName` in sources/stored-login.ts. */
function planOf(login: StoredLogin): string | undefined {
  const tier = login.rateLimitTier ?? '';
  switch (login.subscriptionType) {
    case 'pro':
      return 'Pro';
    case 'max':
      return tier.includes('20x') ? 'Max 20x' : tier.includes('5x') ? 'Max 5x' : 'Max';
    case 'team':
      return 'Team';
    case 'enterprise':
      return 'Enterprise';
    default:
      return undefined;
  }
}

/**
 * Interactive sessions ask about an env key and remember the answer; `-p` and the SDK
 * (`sdk-cli`, `sdk-ts`, ...) use it unconditionally (facts 4, 22). Outside Claude Code (no
 * entrypoint: someone ran the guard by hand) the non-interactive answer is the safe one.
 */
export function isInteractive(env: GuardFacts['env']): boolean {
  const entry = env.CLAUDE_CODE_ENTRYPOINT;
  return entry !== undefined && entry !== '' && !entry.startsWith('sdk');
}

const present = (value: string | undefined): value is string => value !== undefined && value !== '';

export function sessionView(facts: GuardFacts): SessionView {
  const env = facts.env;
  const interactive = isInteractive(env);
  const login = facts.login;
  const loginUsable = login
    ? Boolean(login.accessToken && login.scopes?.includes('user:inference'))
    : Boolean(facts.loginInKeychain);
  const plan = login ? planOf(login) : undefined;

  // Expectation, as the doctor's `auto`: any sign of a subscription means the user wants it.
  const authToken = env.ANTHROPIC_AUTH_TOKEN;
  const apiKey = env.ANTHROPIC_API_KEY;
  const oauthToken = env.CLAUDE_CODE_OAUTH_TOKEN;
  let provider: SessionView['provider'];
  for (const [variable, name] of Object.entries(PROVIDER_SWITCHES)) {
    if (isTruthy(env[variable])) {
      provider = { name, variable };
      break;
    }
  }
  const tokenSet = (value: string | undefined): value is string =>
    present(value) && value.trim() !== '';
  const anyCandidate =
    tokenSet(authToken) ||
    facts.apiKeyHelper ||
    present(apiKey) ||
    tokenSet(oauthToken) ||
    Boolean(login) ||
    Boolean(facts.loginInKeychain) ||
    Boolean(facts.consoleKey);
  const subscriptionSign =
    Boolean(login) ||
    Boolean(facts.loginInKeychain) ||
    tokenSet(oauthToken) ||
    (facts.billingType !== undefined && SUBSCRIPTION_BILLING_TYPES.has(facts.billingType));
  const expectation: Expectation =
    facts.expect !== 'auto'
      ? facts.expect
      : subscriptionSign
        ? 'subscription'
        : provider || anyCandidate
          ? 'api'
          : 'subscription';

  const base = { interactive, expectation, ...(plan ? { plan } : {}) };
  if (provider) {
    const matches = expectation === 'api';
    return {
      ...base,
      method: 'third-party',
      billing: 'third-party',
      provider,
      variable: provider.variable,
      matches,
      problem: matches ? null : 'provider',
    };
  }

  // Claude Code's order (facts file, section 3): auth token, helper, API key, OAuth token,
  // stored login, Console key. A white-space API key counts only when nothing else is there.
  let declinedKey: string | undefined;
  const keyUsable = (): boolean => {
    if (!present(apiKey)) return false;
    if (!interactive) return true;
    if (facts.approved(apiKey)) return true;
    declinedKey = fingerprintOf(apiKey) ?? '';
    return false;
  };
  const accessToken = login?.accessToken;
  const copied = (value: string) => accessToken !== undefined && value.trim() === accessToken;
  const withDeclined = <T extends object>(view: T): T & { declinedKey?: string } =>
    declinedKey !== undefined ? { ...view, declinedKey } : view;

  let chosen: Omit<SessionView, 'interactive' | 'expectation' | 'matches' | 'problem'> & {
    copied?: boolean;
  };
  if (tokenSet(authToken)) {
    chosen = {
      method: 'auth-token',
      billing: 'unknown',
      variable: 'ANTHROPIC_AUTH_TOKEN',
      copied: copied(authToken),
      ...fp(authToken),
    };
  } else if (facts.apiKeyHelper) {
    chosen = { method: 'api-key-helper', billing: 'api-credits', variable: 'apiKeyHelper' };
  } else if (present(apiKey) && apiKey.trim() !== '' && keyUsable()) {
    chosen = {
      method: 'api-key',
      billing: 'api-credits',
      variable: 'ANTHROPIC_API_KEY',
      ...fp(apiKey),
    };
  } else if (tokenSet(oauthToken)) {
    chosen = {
      method: 'oauth-token',
      billing: 'subscription',
      variable: 'CLAUDE_CODE_OAUTH_TOKEN',
      copied: copied(oauthToken),
      ...fp(oauthToken),
    };
  } else if (loginUsable) {
    chosen = { method: 'subscription', billing: 'subscription' };
  } else if (facts.consoleKey) {
    chosen = {
      method: 'console-key',
      billing: 'api-credits',
      variable: 'primaryApiKey',
      ...facts.consoleKey,
    };
  } else if (present(apiKey) && keyUsable()) {
    // Only white space: it still counts on its own (2.1.331).
    chosen = { method: 'api-key', billing: 'api-credits', variable: 'ANTHROPIC_API_KEY' };
  } else {
    chosen = { method: 'none', billing: 'none' };
  }
  const { copied: isCopy, ...view } = chosen;

  let problem: Problem | null = null;
  let matches: boolean | null;
  if (isCopy) {
    problem = 'copied-token';
    matches = false;
  } else if (view.billing === 'unknown') {
    // A gateway's token: who pays is the gateway's business, unless it pushes a login aside.
    problem = expectation === 'subscription' && loginUsable ? 'auth-token' : null;
    matches = problem ? false : null;
  } else if (view.billing === 'none') {
    matches = null;
  } else {
    matches = (view.billing === 'subscription') === (expectation === 'subscription');
    if (!matches)
      problem =
        view.billing === 'subscription' ? 'plan-not-api' : (view.method as Problem & Method);
  }
  return withDeclined({ ...base, ...view, matches, problem });
}

function fp(value: string): { fingerprint?: string } {
  const fingerprint = fingerprintOf(value);
  return fingerprint ? { fingerprint } : {};
}

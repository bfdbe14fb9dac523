import type { Context } from '../context.js';
import { claudePaths, keychainServices } from '../platform/paths.js';
import type { Secret } from '../redact.js';
import { globalConfig } from './claude-json.js';
import {
  isNumber,
  isObject,
  isString,
  isStringArray,
  readJsonFile,
  typedKey,
  type JsonFile,
} from './json-file.js';

// Where `/login` keeps credentials (facts file, section 2): a 0600 JSON file on Linux and
// Windows, the Keychain on macOS (with the file as a fallback that can be stale).

export interface SubscriptionLogin {
  source: string;
  /** Read from the file; unknown (undefined) when only Keychain presence is known. */
  accessToken?: Secret;
  refreshToken?: Secret;
  expiresAt?: number;
  scopes?: string[];
  subscriptionType?: string;
  rateLimitTier?: string;
}

export interface StoredLogins {
  subscription: SubscriptionLogin | null;
  /** A plaintext file the Keychain shadows on macOS. */
  staleFile?: string;
  consoleKey: { source: string; secret?: Secret } | null;
  credentialsFile: JsonFile;
  /** Everything wrong with the credentials file: its own problems, then keys of the wrong type. */
  credentialsProblems: string[];
}

export function storedLogins(ctx: Context): Promise<StoredLogins> {
  return ctx.memo('stored-logins', async () => {
    const paths = claudePaths(ctx);
    const [file, config] = await Promise.all([
      readJsonFile(ctx, paths.credentials),
      globalConfig(ctx),
    ]);
    const credentialsProblems = [...file.problems];
    const fromFile = subscriptionFromFile(ctx, file, credentialsProblems);
    const consoleFromFile = config.primaryApiKey
      ? {
          source: `file:${ctx.display(config.file.path)}#primaryApiKey`,
          secret: config.primaryApiKey,
        }
      : null;

    if (ctx.platform !== 'darwin') {
      return {
        subscription: fromFile,
        consoleKey: consoleFromFile,
        credentialsFile: file,
        credentialsProblems,
      };
    }
    const services = await keychainServices(ctx);
    const [hasSubscription, hasConsoleKey] = await Promise.all([
      keychainHas(ctx, services.subscription),
      keychainHas(ctx, services.consoleKey),
    ]);
    const logins: StoredLogins = {
      subscription: hasSubscription ? { source: `keychain:${services.subscription}` } : fromFile,
      consoleKey: hasConsoleKey ? { source: `keychain:${services.consoleKey}` } : consoleFromFile,
      credentialsFile: file,
      credentialsProblems,
    };
    if (hasSubscription && fromFile) logins.staleFile = file.path;
    return logins;
  });
}

function subscriptionFromFile(
  ctx: Context,
  file: JsonFile,
  problems: string[],
): SubscriptionLogin | null {
  const oauth = typedKey(problems, file.data, 'claudeAiOauth', isObject, 'an object');
  if (!oauth) return null;
  const login: SubscriptionLogin = { source: `file:${ctx.display(file.path)}#claudeAiOauth` };
  const token = (key: string): Secret | undefined => {
    const value = typedKey(problems, oauth, key, isString, 'a string', `claudeAiOauth.${key}`);
    return value ? ctx.secret(value) : undefined;
  };
  const accessToken = token('accessToken');
  const refreshToken = token('refreshToken');
  if (accessToken) login.accessToken = accessToken;
  if (refreshToken) login.refreshToken = refreshToken;
  const expiresAt = typedKey(
    problems,
    oauth,
    'expiresAt',
    isNumber,
    'a number (epoch milliseconds)',
    'claudeAiOauth.expiresAt',
  );
  // A Date holds at most ±8.64e15 ms: a number beyond that is no time at all (and would throw).
  if (expiresAt !== undefined && Number.isNaN(new Date(expiresAt).getTime()))
    problems.push('claudeAiOauth.expiresAt is out of range: it is not a date');
  else if (expiresAt !== undefined) login.expiresAt = expiresAt;
  const scopes = typedKey(
    problems,
    oauth,
    'scopes',
    isStringArray,
    'an array of strings',
    'claudeAiOauth.scopes',
  );
  if (scopes) login.scopes = scopes;
  const type = typedKey(
    problems,
    oauth,
    'subscriptionType',
    (v): v is string | null => v === null || isString(v),
    'a string or null',
    'claudeAiOauth.subscriptionType',
  );
  if (type) login.subscriptionType = type;
  const tier = typedKey(
    problems,
    oauth,
    'rateLimitTier',
    isString,
    'a string',
    'claudeAiOauth.rateLimitTier',
  );
  if (tier) login.rateLimitTier = tier;
  return login;
}

/** Presence only: `security` without `-w` never prints the secret. */
export async function keychainHas(ctx: Context, service: string): Promise<boolean> {
  const result = await ctx.exec('security', ['find-generic-password', '-s', service]);
  return result.exitCode === 0;
}

/**
 * A login is usable for inference only with an access token and the `user:inference` scope
 * (missing scopes count as none on 2.1.331). Keychain entries are unknown: presence only.
 */
export function hasInferenceScope(login: SubscriptionLogin): boolean | undefined {
  if (login.source.startsWith('keychain:')) return undefined;
  return Boolean(login.accessToken && login.scopes?.includes('user:inference'));
}

export function planName(login: SubscriptionLogin): string | undefined {
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
 * How Claude Code treats a stored login's expiry: an access token past `expiresAt` is renewed
 * with the refresh token on next use, so only a login without one needs a new `/login`
 * (facts file, section 2; siteboon/claudecodeui#1209 is a tool that got this wrong).
 */
export type LoginExpiry =
  | { state: 'unknown' }
  | { state: 'valid'; at: number }
  | { state: 'renews'; at: number }
  | { state: 'expired'; at: number };

export function expiryState(login: SubscriptionLogin, now: number): LoginExpiry {
  if (login.expiresAt === undefined) return { state: 'unknown' };
  if (login.expiresAt > now) return { state: 'valid', at: login.expiresAt };
  return { state: login.refreshToken ? 'renews' : 'expired', at: login.expiresAt };
}

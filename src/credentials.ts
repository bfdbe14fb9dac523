import type { Context } from './context.js';
import {
  API_KEY,
  AUTH_TOKEN,
  BASE_URL,
  OAUTH_TOKEN,
  PROVIDER_SWITCHES,
  isTruthy,
} from './env-vars.js';
import type { Secret } from './redact.js';
import { globalConfig, SUBSCRIPTION_BILLING_TYPES } from './sources/claude-json.js';
import { settingsFiles } from './sources/settings.js';
import { shellAssignments, type ShellAssignment } from './sources/shell-files.js';
import { hasInferenceScope, planName, storedLogins } from './sources/stored-login.js';
import type { Billing, Expectation, ExpectationBasis, Method } from './types.js';

export {
  authStatusEnv,
  envVariables,
  type EnvDefinition,
  type EnvScope,
  type EnvVariable,
} from './sources/session-env.js';
import { authStatusEnv, envVariables, type EnvVariable } from './sources/session-env.js';

// The credential model: every candidate Claude Code would consider and which one wins, in the
// order observed on the real CLI (facts file, section 3), which puts apiKeyHelper before
// ANTHROPIC_API_KEY although the docs say otherwise.

export interface Candidate {
  method: Exclude<Method, 'third-party' | 'none'>;
  source: string;
  secret?: Secret;
  /** False for a login Claude Code cannot use for inference (no `user:inference`). */
  usable: boolean;
  /**
   * Only project settings supply it. `claude auth status` ignores credential variables there
   * (it does apply a project apiKeyHelper and provider switches; measured on 2.1.331).
   */
  ignoredByAuthStatus: boolean;
  /** Only `claude auth status` sees it: project settings unset it for sessions (`""`). */
  ignoredBySession?: boolean;
  /** Where `claude auth status` takes it from, when that differs from `source`. */
  authStatusSource?: string;
  origins: string[];
  plan?: string;
  note?: string;
  /**
   * CLAUDE_CODE_OAUTH_TOKEN holding a copy of the stored login's own token (compared, never
   * shown): not a second credential. An access token copied out of .credentials.json lasts
   * hours and is never renewed (nanocoai/nanoclaw#730); a refresh token is no bearer token.
   */
  copyOf?: 'access-token' | 'refresh-token';
  /** When a copied access token stops working (the stored login's `expiresAt`). */
  expiresAt?: number;
}

export interface Resolved {
  method: Method;
  source: string | null;
  billing: Billing;
  candidate?: Candidate;
}

export type Approval = 'approved' | 'rejected' | 'unanswered';

export interface AuthModel {
  provider: { name: string; source: string } | null;
  /** Present candidates, highest priority first. */
  candidates: Candidate[];
  effective: Resolved;
  interactive: Resolved;
  /** What `claude auth status` would say: like `effective`, without project settings. */
  authStatusView: Resolved;
  /** The user's answer to "use this API key?" for the env key in effect, if one is. */
  apiKeyApproval: Approval | null;
  expectation: Expectation;
  /** Why: given by the user, or what it was inferred from. */
  expectationBasis: ExpectationBasis;
  vars: ReadonlyMap<string, EnvVariable>;
}

const PRIORITY: Candidate['method'][] = [
  'auth-token',
  'api-key-helper',
  'api-key',
  'oauth-token',
  'subscription',
  'console-key',
];

const BILLING: Record<Method, Billing> = {
  subscription: 'subscription',
  'oauth-token': 'subscription',
  'api-key': 'api-credits',
  'api-key-helper': 'api-credits',
  'console-key': 'api-credits',
  // A bearer token usually belongs to a gateway that bills on its own terms.
  'auth-token': 'unknown',
  'third-party': 'third-party',
  none: 'none',
};

export { METHOD_LABEL } from './labels.js';

/** Startup-file lines that explain where the shell's value of `name` came from. */
export async function originsOf(ctx: Context, name: string): Promise<ShellAssignment[]> {
  const value = ctx.env[name];
  if (value === undefined || value === '') return [];
  const assignments = await shellAssignments(ctx);
  return assignments.filter((a) => {
    // Another shell's files, and lines the traced shell did not run, say nothing here.
    if (a.name !== name || a.unset || a.foreign || a.trace === 'not-run') return false;
    if (a.value?.equals(value)) return true;
    // A computed value may be it; a `.env` file nothing loads can only match exactly.
    return a.value === null && a.exported && (a.dialect !== 'dotenv' || a.loadedBy !== undefined);
  });
}

export function authModel(ctx: Context): Promise<AuthModel> {
  return ctx.memo('auth-model', async () => {
    const [vars, settings, logins, config] = await Promise.all([
      envVariables(ctx),
      settingsFiles(ctx),
      storedLogins(ctx),
      globalConfig(ctx),
    ]);
    const candidates: Candidate[] = [];

    const statusEnv = await authStatusEnv(ctx);
    const fromVar = async (name: string, method: Candidate['method']) => {
      const session = vars.get(name)?.effective;
      const status = statusEnv.get(name);
      const definition = session ?? status;
      if (!definition) return;
      // Only ANTHROPIC_API_KEY counts when it is white space (2.1.331); the tokens are trimmed.
      if (method !== 'api-key' && definition.value.isBlank) return;
      const origins =
        definition.scope === 'process' ? (await originsOf(ctx, name)).map((a) => a.source) : [];
      candidates.push({
        method,
        source: definition.source,
        secret: definition.value,
        usable: true,
        ignoredByAuthStatus: !status,
        ...(session ? {} : { ignoredBySession: true }),
        ...(session && status && status !== session ? { authStatusSource: status.source } : {}),
        origins,
        ...(definition.value.isBlank ? { note: 'the value is only white space' } : {}),
      });
    };
    await fromVar(AUTH_TOKEN, 'auth-token');
    // A white-space helper still counts; only an empty one does not (2.1.331).
    const helpers = settings.filter((file) => file.apiKeyHelper);
    const helper = helpers.at(-1);
    if (helper) {
      candidates.push({
        method: 'api-key-helper',
        source: `file:${ctx.display(helper.file.path)}#apiKeyHelper`,
        usable: true,
        ignoredByAuthStatus: false,
        origins: [],
      });
    }
    await fromVar(API_KEY, 'api-key');
    await fromVar(OAUTH_TOKEN, 'oauth-token');
    const stored = logins.subscription;
    const token = candidates.find((c) => c.method === 'oauth-token');
    if (token?.secret && stored) {
      if (stored.accessToken?.equals(token.secret)) {
        token.copyOf = 'access-token';
        if (stored.expiresAt !== undefined) token.expiresAt = stored.expiresAt;
        token.note = "a copy of the stored login's short-lived access token";
      } else if (stored.refreshToken?.equals(token.secret)) {
        token.copyOf = 'refresh-token';
        token.note = "a copy of the stored login's refresh token, which is not an access token";
      }
    }
    if (logins.subscription) {
      const login = logins.subscription;
      const inference = hasInferenceScope(login);
      const plan = planName(login);
      candidates.push({
        method: 'subscription',
        source: login.source,
        ...(login.accessToken ? { secret: login.accessToken } : {}),
        usable: inference !== false,
        ignoredByAuthStatus: false,
        origins: [],
        ...(plan ? { plan } : {}),
        ...(inference === false
          ? {
              note: login.accessToken
                ? 'the login lacks the user:inference scope'
                : 'the login has no access token',
            }
          : {}),
      });
    }
    if (logins.consoleKey) {
      candidates.push({
        method: 'console-key',
        source: logins.consoleKey.source,
        ...(logins.consoleKey.secret ? { secret: logins.consoleKey.secret } : {}),
        usable: true,
        ignoredByAuthStatus: false,
        origins: [],
      });
    }
    // A white-space key still counts on its own, but any other credential beats it (2.1.331).
    const rank = (c: Candidate) =>
      c.secret?.isBlank && c.method === 'api-key' ? PRIORITY.length : PRIORITY.indexOf(c.method);
    candidates.sort((a, b) => rank(a) - rank(b));

    const provider = providerSwitch(vars);
    const resolve = (pool: Candidate[]): Resolved => {
      if (provider)
        return { method: 'third-party', source: provider.source, billing: 'third-party' };
      const winner = pool.find((c) => c.usable);
      return winner
        ? {
            method: winner.method,
            source: winner.source,
            billing: BILLING[winner.method],
            candidate: winner,
          }
        : { method: 'none', source: null, billing: 'none' };
    };
    const effective = resolve(candidates.filter((c) => !c.ignoredBySession));
    const statusView = resolve(candidates.filter((c) => !c.ignoredByAuthStatus));
    const authStatusView = statusView.candidate?.authStatusSource
      ? { ...statusView, source: statusView.candidate.authStatusSource }
      : statusView;

    let apiKeyApproval: Approval | null = null;
    let interactive = effective;
    const key = effective.method === 'api-key' ? effective.candidate?.secret : undefined;
    if (key) {
      // Claude Code remembers the answer by the key's last 20 characters.
      const answered = (list: Secret[]) => list.some((suffix) => key.endsWith(suffix.reveal()));
      apiKeyApproval = answered(config.approvedKeys)
        ? 'approved'
        : answered(config.rejectedKeys)
          ? 'rejected'
          : 'unanswered';
      if (apiKeyApproval !== 'approved')
        interactive = resolve(
          candidates.filter((c) => c.method !== 'api-key' && !c.ignoredBySession),
        );
    }

    return {
      provider,
      candidates,
      effective,
      interactive,
      authStatusView,
      apiKeyApproval,
      ...expectationFrom(ctx, candidates, provider, config.oauthAccount?.billingType),
      vars,
    };
  });
}

function providerSwitch(vars: ReadonlyMap<string, EnvVariable>): AuthModel['provider'] {
  for (const [name, provider] of Object.entries(PROVIDER_SWITCHES)) {
    const variable = vars.get(name);
    if (variable && isTruthy(variable.effective.text))
      return { name: provider, source: variable.effective.source };
  }
  return null;
}

/** `auto`: any sign of a subscription login means the user wants the subscription. */
function expectationFrom(
  ctx: Context,
  candidates: Candidate[],
  provider: AuthModel['provider'],
  billingType: string | undefined,
): { expectation: Expectation; expectationBasis: ExpectationBasis } {
  const is = (expectation: Expectation, expectationBasis: ExpectationBasis) => ({
    expectation,
    expectationBasis,
  });
  if (ctx.options.expect !== 'auto') return is(ctx.options.expect, 'given');
  const subscriptionSign =
    candidates.some((c) => c.method === 'subscription' || c.method === 'oauth-token') ||
    (billingType !== undefined && SUBSCRIPTION_BILLING_TYPES.has(billingType));
  if (subscriptionSign) return is('subscription', 'subscription');
  if (provider) return is('api', 'third-party');
  if (candidates.length === 0) return is('subscription', 'nothing');
  // Only the Console key `/login` stored: maybe meant, maybe a plan holder who picked the
  // Console option (the seed article's central case); the verdict says how to tell.
  if (candidates.every((c) => c.method === 'console-key')) return is('api', 'console-login');
  return is('api', 'api-credential');
}

/**
 * The credentials that really differ: a CLAUDE_CODE_OAUTH_TOKEN copied from the stored login is
 * that login used another way, so the login it copies is not counted again.
 */
export function distinctCandidates(candidates: readonly Candidate[]): Candidate[] {
  const copied = candidates.some((c) => c.copyOf !== undefined);
  return candidates.filter((c) => !(copied && c.method === 'subscription'));
}

export function billingOf(method: Method): Billing {
  return BILLING[method];
}

/**
 * Variables of this shell that are the credential in use and match what the user expects (and
 * the gateway URL beside a gateway token): removing them would remove the only working one.
 */
export function intendedFromShell(auth: AuthModel): Set<string> {
  const names = new Set<string>();
  const winner = auth.effective.candidate;
  if (!winner?.source.startsWith('env:')) return names;
  const name = winner.source.slice('env:'.length);
  const gateway = auth.vars.has(BASE_URL);
  // A token for the plan is the documented setup-token workflow; a key or gateway token counts
  // as intended only when you said so (--expect api), not when inferred from that very key.
  const said = auth.expectationBasis === 'given' && auth.expectation === 'api';
  const matches =
    winner.method === 'oauth-token'
      ? auth.expectation === 'subscription'
      : winner.method === 'auth-token'
        ? gateway && said
        : said;
  if (!matches) return names;
  names.add(name);
  if (winner.method === 'auth-token' && auth.vars.get(BASE_URL)?.effective.scope === 'process')
    names.add(BASE_URL);
  return names;
}

// The one request --verify sends: the credential in use to the free, documented "List models"
// endpoint (https://docs.claude.com/en/api/models-list), on the route Claude Code would take.
import type { Context } from '../context.js';
import type { Secret } from '../redact.js';
import { COMMAND_NAME, withArgs } from '../invocation.js';
import type { Evidence, OutcomeSpec } from '../types.js';
import { apiBase, mayCarryCredential, probe } from './network.js';

const API_VERSION = '2023-06-01';

/** A base URL as the user wrote it: no user-info, no query, no trailing slash. */
function baseText(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** Outcomes of verify-credential when the credential is not sent (see withheldFrom). */
export const WITHHELD = {
  'plain-http': {
    status: 'skip',
    summary:
      'Not verified: ANTHROPIC_BASE_URL is {url} ({where}), plain http:, and the doctor never sends a credential unencrypted.',
  },
  'project-base-url': {
    status: 'skip',
    summary:
      'Not verified: ANTHROPIC_BASE_URL is {url}, {where}, which the project directory controls; the doctor sends a credential there only when you name it.',
    fix: 'If you trust that host: `{command}`.',
  },
} as const satisfies Record<string, OutcomeSpec>;

/** The finding when the credential must not go where the base URL points, else null. */
export async function withheldFrom(ctx: Context) {
  const target = await verifyTarget(ctx);
  if (!target.withheld) return null;
  const rerun = ctx.options.rerun ?? COMMAND_NAME;
  const command = withArgs(rerun, `--verify --verify-base-url ${target.shown}`);
  return {
    outcome: target.withheld,
    values: { url: target.shown, where: target.where, command },
    evidence: target.evidence,
  };
}

export interface VerifyTarget {
  /** The base URL as shown. */
  shown: string;
  /** Where it was set, for the summary. */
  where: string;
  evidence: Evidence[];
  /**
   * Why the credential is not sent there: plain http, or a base URL a project file set that
   * the user has not approved with --verify-base-url.
   */
  withheld?: 'plain-http' | 'project-base-url';
}

/**
 * Credentials go only where the user sent them: over https (a loopback test server the test
 * hook names aside), to Anthropic or to a base URL from the user's own environment or settings;
 * one from a project file only once the user names it with --verify-base-url.
 */
export async function verifyTarget(ctx: Context): Promise<VerifyTarget> {
  const base = await apiBase(ctx);
  const shown = baseText(base.url);
  const evidence: Evidence[] = base.source
    ? [{ source: base.source, detail: `ANTHROPIC_BASE_URL = ${shown}` }]
    : [];
  const where = base.source?.startsWith('file:')
    ? `set in ${base.source.slice('file:'.length).replace(/#.*$/, '')}`
    : 'set in your environment';
  const target = { shown, where, evidence };
  if (!mayCarryCredential(ctx, base.url)) return { ...target, withheld: 'plain-http' };
  const approved = ctx.options.verifyBaseUrl;
  if (base.fromProject && !(approved && baseText(new URL(approved)) === shown))
    return { ...target, withheld: 'project-base-url' };
  return target;
}

export async function sendOnce(
  ctx: Context,
  method: 'api-key' | 'console-key' | 'auth-token',
  secret: Secret,
): Promise<{ url: URL } & Awaited<ReturnType<typeof probe>>> {
  const base = await apiBase(ctx);
  const url = new URL(`${base.url.href.replace(/\/+$/, '')}/v1/models?limit=1`);
  const credential: Record<string, Secret> =
    method === 'auth-token'
      ? { authorization: secret.derive((v) => `Bearer ${v}`) }
      : { 'x-api-key': secret };
  // On the user's own route: no proxy or CA file a project file names.
  const sent = await probe(ctx, url, {
    method: 'GET',
    headers: { ...credential, 'anthropic-version': API_VERSION },
    credential: true,
  });
  return { url, ...sent };
}

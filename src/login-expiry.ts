// What --verify can know about a subscription login without undocumented endpoints: its expiry
// (verify-credential). An expired access token renews itself with a refresh token.
import type { Context } from './context.js';
import { storedLogins } from './sources/stored-login.js';
import type { Evidence, Finding, OutcomeSpec } from './types.js';

const DAY = 24 * 60 * 60 * 1000;
const CANNOT =
  'A subscription login cannot be verified without undocumented endpoints, so the doctor does not send it; a revoked login shows in Claude Code as "Please run /login" (then `claude auth logout` and `claude auth login`).';

export const LOGIN_EXPIRY = {
  'expiry-unknown': {
    status: 'skip',
    summary: `${CANNOT} Its expiry is not recorded where the doctor can read it.`,
  },
  'login-valid': {
    status: 'skip',
    summary: `${CANNOT} The stored access token expires in {days} day(s); Claude Code renews it{refresh}.`,
  },
  'login-renewable': {
    status: 'skip',
    summary: `${CANNOT} The stored access token expired {days} day(s) ago; Claude Code renews it with the stored refresh token on next use.`,
  },
  'login-expired': {
    status: 'fail',
    summary:
      'The stored subscription login expired {days} day(s) ago and has no refresh token: Claude Code cannot renew it.',
    fix: 'Log out and in again: `claude auth logout`, then `claude auth login --claudeai`.',
    plan: ['logout', 'login', 'verify'],
  },
} satisfies Record<string, OutcomeSpec>;

type Expiry = keyof typeof LOGIN_EXPIRY;

/** What can be known about a subscription login without undocumented endpoints: its expiry. */
export async function loginExpiry(ctx: Context): Promise<Finding<Expiry>> {
  const login = (await storedLogins(ctx)).subscription;
  if (!login || login.expiresAt === undefined) return { outcome: 'expiry-unknown' };
  const evidence: Evidence[] = [
    {
      source: login.source,
      detail: `access token expires ${new Date(login.expiresAt).toISOString()}`,
    },
  ];
  const left = login.expiresAt - ctx.now().getTime();
  if (left > 0) {
    const refresh = login.refreshToken ? ' with the stored refresh token' : '';
    return { outcome: 'login-valid', values: { days: Math.ceil(left / DAY), refresh }, evidence };
  }
  const days = Math.floor(-left / DAY);
  return {
    outcome: login.refreshToken ? 'login-renewable' : 'login-expired',
    values: { days },
    evidence,
  };
}

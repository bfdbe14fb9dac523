import semver from './semver.js';
import { INSTALL_ADVICE } from './sources/claude-install.js';
import type { OutcomeSpec } from './types.js';

/**
 * Patch releases an install that updates itself may trail by before it is a finding: what an
 * auto-updating install looks like between its checks (releases come about daily, and the
 * native channel can trail npm by hours). Issue 19: one patch behind was a false alarm.
 */
export const GRACE_RELEASES = 5;

export function patchesBehind(installed: string, latest: string): number | null {
  const a = semver.parse(installed);
  const b = semver.parse(latest);
  if (!a || !b || a.major !== b.major || a.minor !== b.minor) return null;
  return b.patch - a.patch;
}

/** "3 releases", or "a minor version" / "a major version" across them. */
export function howFarBehind(installed: string, latest: string): string {
  const patches = patchesBehind(installed, latest);
  if (patches !== null) return `${patches} release${patches === 1 ? '' : 's'}`;
  const a = semver.parse(installed);
  const b = semver.parse(latest);
  return a && b && a.major !== b.major ? 'a major version' : 'a minor version';
}

/** stale-version's outcomes for a missing install and the grace window. */
export const INSTALL_OUTCOMES = {
  'not-installed': {
    status: 'fail',
    summary: 'Claude Code is not installed: no `claude` is on PATH or in the usual places.',
    fix: INSTALL_ADVICE,
    plan: ['install', 'verify'],
  },
  'off-path': {
    status: 'warn',
    summary:
      'No `claude` is on PATH, but {path} is installed (see multiple-installs for adding it to PATH).',
  },
  'within-grace': {
    status: 'pass',
    summary:
      'Claude Code {installed} is {behind} behind {channel} {latest}; it updates itself, so that is normal for a few days (up to {grace} releases).',
  },
} satisfies Record<string, OutcomeSpec>;

import type { AuthModel, Resolved } from './credentials.js';
import { cleanDeep } from './display.js';
import { buildPlan } from './plan.js';
import { capped, type CheckOutcome } from './run.js';
import type { Report, Resolution, Status } from './types.js';
import { VERSION } from './version.js';

/** What a report is made of: the checks' outcomes, the credential model and a snapshot. */
export interface ReportInput {
  outcomes: CheckOutcome[];
  auth: AuthModel;
  /** The machine as the run saw it, paths already as shown (sources/environment.ts). */
  environment: Report['environment'];
  generatedAt: Date;
  /** The update command for the `claude` that runs (see updateCommandFor). */
  updateCommand?: string;
  /** How to run the doctor again, the way it was started. */
  rerun?: string;
  /** How a path is written for the reader (`~/.zshrc`), for the plan's locations. */
  display: (file: string) => string;
}

export function buildReport({
  outcomes,
  auth,
  environment,
  generatedAt,
  updateCommand,
  rerun,
  display,
}: ReportInput): Report {
  const checks = outcomes.map((o) => o.report);
  const summary: Record<Status, number> = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const check of checks) summary[check.status] += 1;
  // Paths, plan names and the rest come from data too: cleaned here, before any renderer.
  return cleanDeep<Report>({
    schemaVersion: 3,
    tool: { name: 'claude-auth-doctor', version: VERSION },
    generatedAt: generatedAt.toISOString(),
    environment,
    expect: auth.expectation,
    expectBasis: auth.expectationBasis,
    auth: {
      effective: resolution(auth.effective),
      interactive: resolution(auth.interactive),
      authStatus: resolution(auth.authStatusView),
      candidates: auth.candidates.map((c) => ({
        method: c.method,
        source: c.source,
        active: c === auth.effective.candidate,
        ...(c.secret ? { fingerprint: c.secret.fingerprint } : {}),
        ...(c.origins.length ? { origins: capped(c.origins, (n) => `and ${n} more`) } : {}),
        ...(c.plan ? { plan: c.plan } : {}),
        ...(c.note ? { note: c.note } : {}),
      })),
    },
    checks,
    fixPlan: buildPlan(
      outcomes.map((o) => ({ checkId: o.report.id, requests: o.plan })),
      {
        expect: auth.expectation,
        ...(updateCommand !== undefined ? { updateCommand } : {}),
        ...(rerun ? { rerun } : {}),
        display,
      },
    ),
    summary,
  });
}

function resolution(resolved: Resolved): Resolution {
  return { method: resolved.method, source: resolved.source, billing: resolved.billing };
}

/** 0 nothing failed; 1 a fail or error (or a warning under --strict). */
export function exitCodeOf(report: Report, strict: boolean): 0 | 1 {
  const { fail, error, warn } = report.summary;
  return fail + error > 0 || (strict && warn > 0) ? 1 : 0;
}

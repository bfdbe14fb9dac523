import path from 'node:path';
import type { Context } from './context.js';
import type { AuthModel, Resolved } from './credentials.js';
import { cleanDeep } from './display.js';
import { claudePaths } from './platform/paths.js';
import { buildPlan } from './plan.js';
import { capped, type CheckOutcome } from './run.js';
import { updateCommand, type ClaudeInstall } from './sources/claude-install.js';
import type { EnvironmentFacts } from './sources/environment.js';
import type { AssumedShell, Report, Resolution, Status } from './types.js';
import { VERSION } from './version.js';

export function buildReport(
  ctx: Context,
  outcomes: CheckOutcome[],
  auth: AuthModel,
  claude: ClaudeInstall | null,
  facts?: EnvironmentFacts,
  /** The update command for the `claude` that runs (see updateCommandFor). */
  update?: string,
  /** The shell and mode a new terminal is assumed to start (src/where-set.ts). */
  shell?: AssumedShell,
): Report {
  const checks = outcomes.map((o) => o.report);
  const summary: Record<Status, number> = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const check of checks) summary[check.status] += 1;
  // Paths, plan names and the rest come from data too: cleaned here, before any renderer.
  return cleanDeep<Report>({
    schemaVersion: 3,
    tool: { name: 'claude-auth-doctor', version: VERSION },
    generatedAt: ctx.now().toISOString(),
    environment: {
      platform: ctx.platform,
      arch: ctx.arch,
      node: ctx.nodeVersion,
      shell: shellName(ctx),
      configDir: ctx.display(claudePaths(ctx).configDir),
      cwd: ctx.display(ctx.cwd),
      claude: claude
        ? { path: ctx.display(claude.path), version: claude.version, installMethod: claude.method }
        : null,
      ...facts,
      ...(shell ? { assumedShell: shell } : {}),
    },
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
        ...(claude ? { updateCommand: update ?? updateCommand(claude.method) } : {}),
        ...(ctx.options.rerun ? { rerun: ctx.options.rerun } : {}),
        display: (file) => ctx.display(file),
      },
    ),
    summary,
  });
}

function resolution(resolved: Resolved): Resolution {
  return { method: resolved.method, source: resolved.source, billing: resolved.billing };
}

function shellName(ctx: Context): string | null {
  const shell = ctx.env.SHELL ?? (ctx.platform === 'win32' ? ctx.env.ComSpec : undefined);
  return shell ? path.basename(shell) : null;
}

/** 0 nothing failed; 1 a fail or error (or a warning under --strict). */
export function exitCodeOf(report: Report, strict: boolean): 0 | 1 {
  const { fail, error, warn } = report.summary;
  return fail + error > 0 || (strict && warn > 0) ? 1 : 0;
}

import { cleanDeep } from './display.js';
import type { Report, Status } from './types.js';

// Reading a saved report back (`view`). The tool does not ship a JSON Schema validator, so
// this checks what the renderers rely on; the schema itself is tested against real output.

/**
 * Reports of every version up to this one are read; version 2 added `checks[].outcome`, 3
 * `environment.assumedShell`.
 */
export const SCHEMA_VERSION = 3;

export type ParsedReport = { ok: true; report: Report } | { ok: false; reason: string };

const STATUSES: readonly Status[] = ['pass', 'warn', 'fail', 'skip', 'error'];
const HOW_TO_SAVE = 'save one with `claude-auth-doctor report --format json --output report.json`';

export function parseReport(text: string, toolVersion: string): ParsedReport {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return {
      ok: false,
      reason: `is not JSON, so it is not a claude-auth-doctor report (${HOW_TO_SAVE})`,
    };
  }
  const doc = value as Record<string, unknown> | null;
  const tool = object(doc) ? doc.tool : undefined;
  if (
    !object(doc) ||
    !object(tool) ||
    tool.name !== 'claude-auth-doctor' ||
    !Number.isInteger(doc.schemaVersion)
  ) {
    return { ok: false, reason: `is not a claude-auth-doctor report (${HOW_TO_SAVE})` };
  }
  const version = doc.schemaVersion as number;
  if (version > SCHEMA_VERSION) {
    return {
      ok: false,
      reason: `is a schemaVersion ${version} report, newer than this claude-auth-doctor ${toolVersion} reads (schemaVersion ${SCHEMA_VERSION}); view it with \`npx claude-auth-doctor@latest view FILE\``,
    };
  }
  const problem =
    version < 1 ? `schemaVersion is not 1 to ${SCHEMA_VERSION}` : shapeProblem(doc, version);
  if (problem) return { ok: false, reason: `is not a valid claude-auth-doctor report: ${problem}` };
  // A file from someone else must not drive the terminal: drop control characters.
  return { ok: true, report: cleanDeep(doc as unknown as Report) };
}

/** The first missing or mistyped field the renderers need, as a JSON path. */
function shapeProblem(doc: Record<string, unknown>, version: number): string | null {
  const problems: string[] = [];
  const need = (ok: boolean, where: string) => {
    if (!ok) problems.push(where);
  };
  const tool = doc.tool as Record<string, unknown>;
  need(typeof tool.version === 'string', 'tool.version');
  need(typeof doc.generatedAt === 'string', 'generatedAt');
  need(object(doc.environment), 'environment');
  if (object(doc.environment))
    need(
      optional(
        doc.environment.assumedShell,
        (shell) =>
          object(shell) &&
          ['name', 'mode', 'why', 'from'].every((k) => typeof shell[k] === 'string') &&
          (shell.program === null || typeof shell.program === 'string') &&
          optional(
            shell.handoff,
            (h) => object(h) && typeof h.to === 'string' && typeof h.at === 'string',
          ) &&
          optional(
            shell.trace,
            (t) => object(t) && strings(t.deviations) && optional(t.reason, isString),
          ),
      ),
      'environment.assumedShell',
    );
  const auth = doc.auth;
  need(object(auth), 'auth');
  if (object(auth)) {
    for (const key of ['effective', 'interactive']) {
      const r = auth[key];
      need(
        object(r) &&
          typeof r.method === 'string' &&
          typeof r.billing === 'string' &&
          (r.source === null || typeof r.source === 'string'),
        `auth.${key}`,
      );
    }
    need(
      list(
        auth.candidates,
        (c) =>
          typeof c.method === 'string' &&
          typeof c.source === 'string' &&
          typeof c.active === 'boolean' &&
          optional(c.origins, strings) &&
          optional(c.plan, isString),
      ),
      'auth.candidates',
    );
  }
  need(
    list(
      doc.checks,
      (c) =>
        ['id', 'title', 'summary'].every((k) => typeof c[k] === 'string') &&
        STATUSES.includes(c.status as Status) &&
        (version < 2 || typeof c.outcome === 'string') &&
        list(c.evidence, (e) => typeof e.source === 'string' && typeof e.detail === 'string') &&
        strings(c.fix),
    ),
    'checks',
  );
  need(
    list(
      doc.fixPlan,
      (s) =>
        typeof s.title === 'string' &&
        optional(s.command, isString) &&
        optional(s.details, strings),
    ),
    'fixPlan',
  );
  const summary = doc.summary;
  need(object(summary) && STATUSES.every((s) => typeof summary[s] === 'number'), 'summary');
  return problems.length ? `${problems[0]} is missing or malformed` : null;
}

function object(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown, item: (entry: Record<string, unknown>) => boolean): boolean {
  return Array.isArray(value) && value.every((entry) => object(entry) && item(entry));
}

function isString(value: unknown): boolean {
  return typeof value === 'string';
}

function strings(value: unknown): boolean {
  return Array.isArray(value) && value.every(isString);
}

function optional(value: unknown, check: (v: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

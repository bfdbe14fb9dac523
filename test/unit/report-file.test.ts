import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { parseReport } from '../../src/report-file.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { reportFor } from '../helpers/report.js';

async function saved(
  change: (report: Record<string, unknown>) => unknown = (r) => r,
): Promise<string> {
  const report = JSON.parse(
    JSON.stringify(await reportFor(makeFixture({ home: subscriptionHome() }))),
  ) as Record<string, unknown>;
  return JSON.stringify(change(report));
}

describe('parseReport (view)', () => {
  it('reads a saved report', async () => {
    const parsed = parseReport(await saved(), '1.0.0');
    expect(parsed.ok && parsed.report.checks.map((c) => c.id)).toEqual(checks.map((c) => c.id));
  });

  it.each([
    ['text that is not JSON', 'hello', /is not JSON/],
    ['another JSON document', '{"name":"x","version":"1"}', /is not a claude-auth-doctor report/],
    ['an array', '[]', /is not a claude-auth-doctor report/],
  ])('rejects %s', (_, text, reason) => {
    const parsed = parseReport(text, '1.0.0');
    expect(parsed.ok ? 'accepted' : parsed.reason).toMatch(reason);
  });

  it('rejects a newer schemaVersion, naming both versions', async () => {
    const parsed = parseReport(await saved((r) => ({ ...r, schemaVersion: 4 })), '1.0.0');
    expect(parsed.ok ? 'accepted' : parsed.reason).toMatch(
      /schemaVersion 4 report, newer than this claude-auth-doctor 1\.0\.0 reads \(schemaVersion 3\).*@latest view/,
    );
  });

  it('reads a schemaVersion 1 report, which has no outcome ids, and wants them in version 2', async () => {
    const v1 = (r: Record<string, unknown>) => ({
      ...r,
      schemaVersion: 1,
      checks: (r.checks as object[]).map((check) => ({ ...check, outcome: undefined })),
    });
    expect(parseReport(await saved(v1), '1.0.0').ok).toBe(true);
    const noOutcome = (r: Record<string, unknown>) => ({ ...v1(r), schemaVersion: 2 });
    expect(parseReport(await saved(noOutcome), '1.0.0')).toEqual({
      ok: false,
      reason: 'is not a valid claude-auth-doctor report: checks is missing or malformed',
    });
  });

  it('reads a schemaVersion 2 report, which has no assumed shell', async () => {
    const v2 = (r: Record<string, unknown>) => {
      const environment = { ...(r.environment as Record<string, unknown>) };
      delete environment.assumedShell;
      return { ...r, schemaVersion: 2, environment };
    };
    const parsed = parseReport(await saved(v2), '1.0.0');
    expect(parsed.ok && parsed.report.environment.assumedShell).toBe(undefined);
    expect(parsed.ok).toBe(true);
  });

  it.each([
    ['checks', (r: Record<string, unknown>) => ({ ...r, checks: [{ id: 'x' }] })],
    [
      'environment.assumedShell',
      (r: Record<string, unknown>) => ({
        ...r,
        environment: { ...(r.environment as object), assumedShell: { name: 7 } },
      }),
    ],
    [
      'auth.candidates',
      (r: Record<string, unknown>) => ({
        ...r,
        auth: { ...(r.auth as object), candidates: 'none' },
      }),
    ],
    ['summary', (r: Record<string, unknown>) => ({ ...r, summary: {} })],
    ['fixPlan', (r: Record<string, unknown>) => ({ ...r, fixPlan: [{ title: 1 }] })],
  ])('names the malformed field %s', async (field, change) => {
    const parsed = parseReport(await saved(change), '1.0.0');
    expect(parsed.ok ? 'accepted' : parsed.reason).toBe(
      `is not a valid claude-auth-doctor report: ${field} is missing or malformed`,
    );
  });

  it('drops control characters, so a file cannot drive the terminal', async () => {
    const parsed = parseReport(
      await saved((r) => ({
        ...r,
        checks: [{ ...(r.checks as object[])[0], summary: 'ok\u001b[2J\u001b]0;title\u0007' }],
      })),
      '1.0.0',
    );
    expect(parsed.ok && parsed.report.checks[0]!.summary).toBe('ok');
  });
});

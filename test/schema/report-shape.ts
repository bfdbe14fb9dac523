import type { Billing, Expectation, Method, PlanStepId, Report, Status } from '../../src/types.js';

// The Report type's keys as a value, checked by the compiler: adding, removing or renaming a
// field in src/types.ts (or making it optional) fails `tsc` here until this tree says the
// same, and schema.test.ts then fails until schema/report.schema.json agrees too.

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/** Arrays become one-element tuples; optional keys end in `?`; every leaf is `true`. */
export type Shape<T> = T extends readonly (infer U)[]
  ? [Shape<U>]
  : T extends object
    ? { [K in keyof T as K extends OptionalKeys<T> ? `${K & string}?` : K]-?: Shape<NonNullable<T[K]>> }
    : true;

const resolution = { method: true, source: true, billing: true } as const;
const install = { path: true, version: true, installMethod: true } as const;

export const REPORT_SHAPE: Shape<Report> = {
  schemaVersion: true,
  'anonymized?': true,
  tool: { name: true, version: true },
  generatedAt: true,
  environment: {
    platform: true,
    arch: true,
    node: true,
    shell: true,
    configDir: true,
    cwd: true,
    claude: install,
    'os?': { name: true, version: true, kernel: true },
    'terminal?': true,
    'npm?': true,
    'detected?': { wsl: true, container: true, ci: true, ssh: true },
    'claudeInstalls?': [{ ...install, 'realPath?': true, runs: true }],
    'assumedShell?': {
      name: true, program: true, from: true, mode: true, modeFrom: true, why: true,
      'handoff?': { to: true, login: true, at: true },
      'trace?': { ok: true, 'reason?': true, deviations: [true] },
    },
  },
  expect: true,
  'expectBasis?': true,
  auth: {
    effective: resolution,
    interactive: resolution,
    authStatus: resolution,
    candidates: [{
      method: true, source: true, active: true, 'fingerprint?': true, 'origins?': [true], 'plan?': true, 'note?': true,
    }],
  },
  checks: [{
    id: true, title: true, status: true, outcome: true, 'statusOverride?': { original: true, setting: true, source: true },
    summary: true, evidence: [{ source: true, detail: true }], fix: [true], durationMs: true,
  }],
  fixPlan: [{ id: true, title: true, 'command?': true, 'automatic?': true, 'details?': [true], because: [true] }],
  summary: { pass: true, warn: true, fail: true, skip: true, error: true },
};

/** Every member of each union the schema spells as an enum; a missing or extra one fails `tsc`. */
const members = <T extends string>(record: Record<T, true>): string[] => Object.keys(record).sort();
export const ENUMS = {
  status: members<Status>({ pass: true, warn: true, fail: true, skip: true, error: true }),
  method: members<Method>({
    subscription: true, 'api-key': true, 'console-key': true, 'auth-token': true, 'oauth-token': true, 'api-key-helper': true, 'third-party': true, none: true,
  }),
  billing: members<Billing>({ subscription: true, 'api-credits': true, 'third-party': true, none: true, unknown: true }),
  expect: members<Expectation>({ subscription: true, api: true }),
  planStepId: members<PlanStepId>({ 'fix-network': true, 'fix-permissions': true, 'remove-env-credential': true, 'remove-forced-login': true, logout: true, 'remove-extra-installs': true, install: true, update: true, 'restart-terminal': true, login: true, verify: true }),
};

/** `a`, `a.b`, `a.list[]`, `a.list[].c?` for every key in a shape tree. */
export function shapePaths(node: unknown, prefix = ''): string[] {
  if (Array.isArray(node)) return [`${prefix}[]`, ...shapePaths(node[0], `${prefix}[]`)];
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...shapePaths(child, path)];
  });
}

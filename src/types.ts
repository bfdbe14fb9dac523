import type { Context } from './context.js';

export type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

/** How Claude Code authenticates; the values are part of the JSON contract. */
export type Method =
  | 'subscription'
  | 'api-key'
  | 'console-key'
  | 'auth-token'
  | 'oauth-token'
  | 'api-key-helper'
  | 'third-party'
  | 'none';

export type Billing = 'subscription' | 'api-credits' | 'third-party' | 'none' | 'unknown';

/** What the user means to use, after `auto` has been resolved. */
export type Expectation = 'subscription' | 'api';

/**
 * Why the doctor expects what it does: `given` by --expect or the configuration, else inferred
 * from a `subscription` login or token, a `console-login` only (the seed article's case: a plan
 * holder who logged in the wrong way), an `api-credential` (key, helper, token), a
 * `third-party` provider, or `nothing` present (a new user, who most likely has a plan).
 */
export type ExpectationBasis =
  'given' | 'subscription' | 'console-login' | 'api-credential' | 'third-party' | 'nothing';

/** Fix plan step ids, in the order the plan always follows. */
export const PLAN_STEP_IDS = [
  'fix-network',
  'fix-permissions',
  'remove-env-credential',
  'remove-forced-login',
  'logout',
  'remove-extra-installs',
  'install',
  'update',
  'restart-terminal',
  'login',
  'verify',
] as const;
export type PlanStepId = (typeof PLAN_STEP_IDS)[number];

export interface Evidence {
  /** `env:NAME`, `file:PATH`, `file:PATH:LINE`, `file:PATH#json.path`, `keychain:SERVICE`, `command:...`, `url:...` */
  source: string;
  detail: string;
}

/** A check asks for a plan step; the plan merges requests from every check. */
export interface PlanRequest {
  step: PlanStepId;
  /** Overrides the step's default command (e.g. the update command for this install method). */
  command?: string;
  /** Concrete things to do within the step, e.g. each file and line to edit. */
  details?: string[];
  /** The same as `details`, machine-readable, for `fix` (absolute paths; never in the report). */
  edits?: RemovalEdit[];
}

/** One place a credential must be removed from, as `fix` applies it. */
export type RemovalEdit =
  | { kind: 'shell-line'; path: string; line: number; name: string; dialect: ShellDialect }
  | { kind: 'settings-env'; path: string; name: string }
  | { kind: 'settings-key'; path: string; key: string }
  /** What cannot be edited safely: the exact instruction for the user. */
  | { kind: 'manual'; text: string };

/** Shell dialects whose lines `fix` can comment out (all use `#`). */
export type ShellDialect =
  'posix' | 'fish' | 'powershell' | 'csh' | 'pam-environment' | 'environment-d';

export interface CheckResult {
  status: Status;
  summary: string;
  evidence?: Evidence[];
  /** Full sentences for the user, ideally with the exact command. */
  fix?: string[];
  plan?: PlanRequest[];
}

/** One way a check can end, as `claude-auth-doctor explain <id>` tells it. */
export interface OutcomeDoc {
  status: Status;
  /** When the check ends this way. */
  when: string;
  /** What to do about it; every outcome but `pass` has one. */
  fix?: string;
}

/** What `claude-auth-doctor explain <id>` prints; built-in checks must have it (conformance test). */
export interface CheckExplanation {
  /** Why the check matters to the user. */
  why: string;
  /** The Claude Code doc page it is based on. */
  docs: string;
  outcomes: OutcomeDoc[];
  /** Ids of Claude Code messages (src/known-messages.ts) this check explains, for `explain --error`. */
  messages?: string[];
}

export interface Check {
  /** Stable id, equal to the file name under checks/; public API. */
  id: string;
  title: string;
  description: string;
  explain?: CheckExplanation;
  run(ctx: Context): Promise<CheckResult>;
}

export interface CheckReport {
  id: string;
  title: string;
  status: Status;
  /** Present when the configuration recounted the check's own status (`checks: { id: "warn" }`). */
  statusOverride?: { original: Status; setting: 'warn' | 'error'; source: string };
  summary: string;
  evidence: Evidence[];
  fix: string[];
  durationMs: number;
}

export interface FixStep {
  id: PlanStepId;
  title: string;
  command?: string;
  details?: string[];
  because: string[];
}

export interface Resolution {
  method: Method;
  source: string | null;
  billing: Billing;
}

export interface CandidateReport {
  method: Method;
  source: string;
  active: boolean;
  fingerprint?: string;
  /** Shell startup files and lines that set the value, for variables. */
  origins?: string[];
  /** Subscription plan name when known (Pro, Max 5x, ...). */
  plan?: string;
  note?: string;
}

/** A `claude` executable found on PATH. */
export interface ClaudeInstallReport {
  path: string;
  /** Where the path resolves to, when that differs (symlinks, launchers). */
  realPath?: string;
  version: string | null;
  installMethod: string;
  /** The first on PATH: the one that runs. */
  runs: boolean;
}

/**
 * The JSON contract. Changing its shape? Update schema/report.schema.json and the key tree in
 * test/schema/report-shape.ts (a compile error there names the key), and bump schemaVersion
 * once the version has been released.
 */
export interface Report {
  schemaVersion: 1;
  /** Placeholders replaced the user's names, addresses and ids (`report --anonymize`). */
  anonymized?: true;
  tool: { name: string; version: string };
  generatedAt: string;
  environment: {
    platform: string;
    arch: string;
    node: string;
    shell: string | null;
    configDir: string;
    cwd: string;
    claude: { path: string; version: string | null; installMethod: string } | null;
    // Facts for support reports (src/sources/environment.ts).
    os?: { name: string; version: string | null; kernel: string | null };
    /** Terminal or IDE, from variables such as TERM_PROGRAM. */
    terminal?: string | null;
    npm?: string | null;
    detected?: { wsl: boolean; container: boolean; ci: string | null; ssh: boolean };
    claudeInstalls?: ClaudeInstallReport[];
  };
  expect: Expectation;
  /** Why `expect` is what it is (absent in reports of older versions). */
  expectBasis?: ExpectationBasis;
  auth: {
    effective: Resolution;
    interactive: Resolution;
    /** What `claude auth status` reports: `effective` without credential variables from project settings. */
    authStatus: Resolution;
    candidates: CandidateReport[];
  };
  checks: CheckReport[];
  fixPlan: FixStep[];
  summary: Record<Status, number>;
}

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

/** Fix plan step ids, in the order the plan always follows. */
export const PLAN_STEP_IDS = [
  'remove-env-credential',
  'logout',
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
}

export interface CheckResult {
  status: Status;
  summary: string;
  evidence?: Evidence[];
  /** Full sentences for the user, ideally with the exact command. */
  fix?: string[];
  plan?: PlanRequest[];
}

export interface Check {
  /** Stable id, equal to the file name under checks/; public API. */
  id: string;
  title: string;
  description: string;
  run(ctx: Context): Promise<CheckResult>;
}

export interface CheckReport {
  id: string;
  title: string;
  status: Status;
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

export interface Report {
  schemaVersion: 1;
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
  };
  expect: Expectation;
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

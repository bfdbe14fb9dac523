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
  /**
   * Where the step acts, e.g. each file and line to edit. The plan shows them in words
   * (src/location.ts); `fix` turns them into edits (src/fix/edits.ts). Paths are absolute:
   * locations themselves never go into the report.
   */
  locations?: Location[];
}

/** Where something a finding names is set, as data. */
export type Location =
  | {
      kind: 'shell-line';
      path: string;
      line: number;
      name: string;
      dialect: ShellDialect | 'fish-variables' | 'dotenv';
      /** The value is built from other variables or commands: it may not be where a key comes from. */
      computed?: true;
      /** A system-wide or project file: not the user's own startup file. */
      owner?: 'system' | 'project';
      /** For an env file: the line that loads it (`~/project/.envrc:1`). */
      loadedBy?: string;
    }
  /** The user's `claude` alias or function, which sets `name` for Claude Code. */
  | {
      kind: 'shell-wrapper';
      path: string;
      line: number;
      name: string;
      wrapper: 'alias' | 'function';
    }
  /** `name` in a settings file's `env` block; `managed` settings are the administrator's. */
  | { kind: 'settings-env'; path: string; name: string; managed?: true }
  | { kind: 'settings-key'; path: string; key: string; managed?: true }
  /** Where nothing can be located: the exact instruction for the user. */
  | { kind: 'by-hand'; text: string };

/** Shell dialects whose lines `fix` can comment out (all use `#`). */
export type ShellDialect =
  'posix' | 'fish' | 'powershell' | 'csh' | 'pam-environment' | 'environment-d';

/**
 * Values a summary or fix template names as `{name}`. A fix line naming a list is repeated for
 * each item (none for an empty list); a summary shows a list joined by commas.
 */
export type OutcomeValues = Readonly<
  Record<string, string | number | readonly string[] | undefined>
>;

/**
 * One way a check can end, declared once (like a typescript-eslint rule's `meta.messages`):
 * `explain`, the README's check table and every result are built from it.
 */
export interface OutcomeSpec {
  status: Status;
  /** One sentence; `{name}` is replaced by the finding's value of that name. */
  summary: string;
  /** Full sentences for the user, ideally with the exact command; templates like `summary`. */
  fix?: string | readonly string[];
  /** The fix plan steps this outcome asks for; `step?` only when the finding names it. */
  plan?: readonly (PlanStepId | `${PlanStepId}?`)[];
  /** For `explain`, when the summary template alone does not say when the check ends this way. */
  when?: string;
}

/** What a check's `run` returns: which declared outcome, the values for its templates, evidence. */
export interface Finding<O extends string = string> {
  outcome: O;
  values?: OutcomeValues;
  evidence?: Evidence[];
  /** Specifics for declared plan steps: the places to edit, the command that fits. */
  plan?: PlanRequest[];
}

/** A result without a declared outcome, as third-party checks may still return it. */
export interface PlainResult {
  status: Status;
  summary: string;
  evidence?: Evidence[];
  /** Full sentences for the user, ideally with the exact command. */
  fix?: string[];
  plan?: PlanRequest[];
}

/** A finding with its declaration applied: what the engine reports. */
export interface CheckResult extends PlainResult {
  /** The declared outcome id; engine-level for crashes and hangs; the status for a plain result. */
  outcome: string;
  values?: OutcomeValues;
}

/** Outcome ids the engine itself gives, whatever the check declares. */
export const ENGINE_OUTCOMES = ['crashed', 'timed-out', 'malformed'] as const;

/** What `claude-auth-doctor explain <id>` prints beside the outcomes; built-in checks must have it. */
export interface CheckExplanation {
  /** Why the check matters to the user. */
  why: string;
  /** The Claude Code doc page it is based on. */
  docs: string;
  /** Ids of Claude Code messages (src/known-messages.ts) this check explains, for `explain --error`. */
  messages?: string[];
}

export interface Check<O extends string = string> {
  /** Stable id, equal to the file name under checks/; public API. */
  id: string;
  title: string;
  description: string;
  /** Set for checks that only run when asked: how to turn them on (a flag, a setting). */
  optIn?: string;
  explain?: CheckExplanation;
  /** Every way the check can end, by stable outcome id (built-in checks must declare them). */
  outcomes?: Readonly<Record<O, OutcomeSpec>>;
  run(ctx: Context): Promise<Finding<O> | PlainResult>;
}

export interface CheckReport {
  id: string;
  title: string;
  status: Status;
  /** The check's declared outcome id (`crashed`, `timed-out`, `malformed` from the engine). */
  outcome: string;
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
  /** `claude-auth-doctor fix` can do this step (asking first). */
  automatic?: true;
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
 * Which shell a new terminal runs, and how: what every attribution to a startup file rests on
 * (src/sources/shell-files.ts).
 */
export interface AssumedShell {
  /** `zsh`, `bash`, `fish`, `tcsh`, `pwsh`, `sh`, ...; `unknown` when nothing says. */
  name: string;
  /** The program as `$SHELL` or the passwd entry names it, installed here or not; else null. */
  program: string | null;
  from: '$SHELL' | 'passwd' | 'platform' | 'none';
  mode: 'login' | 'interactive';
  modeFrom: '--shell-mode' | 'platform';
  /** Why this mode, in words. */
  why: string;
  /** A startup file `exec`s another shell, which then reads its own files. */
  handoff?: { to: string; login: boolean; at: string };
  /** With --trace-shell: whether the traced start worked, and where it differs from a terminal's. */
  trace?: { ok: boolean; reason?: string; deviations: string[] };
}

/**
 * The JSON contract. Changing its shape? Update schema/report.schema.json and the key tree in
 * test/schema/report-shape.ts (a compile error there names the key), and bump schemaVersion
 * once the version has been released.
 */
export interface Report {
  schemaVersion: 3;
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
    /** The shell and mode a new terminal is assumed to start (absent in older reports). */
    assumedShell?: AssumedShell;
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

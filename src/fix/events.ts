import type { FixStep, PlanStepId, Report } from '../types.js';
import type { Answer } from './prompt.js';

// What the fix engine (fix.ts) reports as it walks the plan: data only, in the order it happens.
// src/render/fix.ts turns each event into text; the command connects the two and asks the
// questions. Every string is already fit to show: paths home-relative, diffs and command output
// masked (values never reach an event).

/** What the engine asks before a step; the command words it. */
export type Question = 'apply-edits' | 'run-command';

/** Why a step was left undone. */
export type SkipReason =
  /** Nothing in it can be done by fix (only steps by hand). */
  | 'nothing-automatic'
  /** --dry-run: shown, not done. */
  | 'dry-run'
  /** No terminal to ask on and no --yes: shown, not done. */
  | 'no-terminal'
  /** Answered no. */
  | 'declined'
  /** Answered quit: this step and every one after it. */
  | 'quit'
  /** A step after the user quit. */
  | 'stopped';

export type FixEvent =
  /** The checks before anything is done. */
  | { type: 'before'; report: Report }
  /** Shown, not done: --dry-run, or no terminal to ask on and no --yes. */
  | { type: 'preview'; reason: 'dry-run' | 'no-terminal' }
  | { type: 'step'; step: PlanStepId; index: number; total: number; title: string }
  /** One file the step edits, with its diff (every value masked). */
  | {
      type: 'planned-edit';
      step: PlanStepId;
      /** The file the plan named (`~/.zshrc`). */
      file: string;
      /** The file written: `file`, or the target of its symbolic link. */
      target: string;
      symlink: boolean;
      /** Names the file has (hard links); above 1 it is edited in place. */
      links: number;
      diff: string;
    }
  | { type: 'planned-command'; step: PlanStepId; argv: string[] }
  /** Part of the step the user does by hand (also listed again at the end). */
  | { type: 'by-hand'; step: PlanStepId; text: string }
  | { type: 'asked'; step: PlanStepId; question: Question; answer: Answer }
  | { type: 'skipped'; step: PlanStepId; reason: SkipReason; edits: boolean }
  | { type: 'applied'; step: PlanStepId; file: string; symlinkOf?: string }
  | { type: 'backup'; step: PlanStepId; dir: string; undo: string }
  | { type: 'command-started'; step: PlanStepId; argv: string[]; timeoutMs: number }
  | { type: 'command-output'; step: PlanStepId; argv: string[]; text: string }
  | { type: 'command-finished'; step: PlanStepId; argv: string[] }
  /** A file not written or a command that did not succeed; `notAttempted`: files after it. */
  | {
      type: 'failed';
      step: PlanStepId;
      /** The file or the command (`claude auth logout`). */
      subject: string;
      kind: 'file' | 'command';
      reason: string;
      notAttempted?: string[];
    }
  /** The step was acted on (answered yes, or all). */
  | { type: 'step-done'; step: PlanStepId; ok: boolean }
  /** The checks again after the changes; `note` says how the after-run differs from this shell. */
  | { type: 'after'; before: Report; after: Report; note: string }
  /** The close: what the user still does, and the verdict a new terminal will see. */
  | {
      type: 'summary';
      result: 'nothing-to-fix' | 'preview' | 'unchanged' | 'changed';
      /** Problems found before (for `nothing-to-fix`). */
      problems: number;
      manual: string[];
      /** Run in this terminal until a new one opens (`unset ANTHROPIC_API_KEY`). */
      unset?: string;
      /** Startup files were edited: only new terminals see it. */
      newTerminal: boolean;
      /** Plan steps fix leaves to the user (restart, login, verify...). */
      finals: FixStep[];
      /** How to run the doctor again. */
      rerun: string;
      /** After changes: the verdict, and whether it is a new terminal's. */
      verdict?: { report: Report; note: string };
      exitCode: number;
    };

import {
  PLAN_STEP_IDS,
  type Expectation,
  type FixStep,
  type PlanRequest,
  type PlanStepId,
} from './types.js';
import { clean } from './display.js';
import { COMMAND_NAME } from './invocation.js';
import { commandArgvs } from './fix/commands.js';
import { editable } from './fix/edits.js';
import { locationText } from './location.js';
import { capped } from './run.js';

export interface PlanSetting {
  expect: Expectation;
  /** The update command for how the `claude` that runs was installed. */
  updateCommand?: string;
  /** How to run the doctor again, the way it was started (src/invocation.ts). */
  rerun?: string;
  /** How a path is shown (`~/.zshrc`); as it is by default. */
  display?: (file: string) => string;
}

const STEPS: Record<PlanStepId, (setting: PlanSetting) => { title: string; command?: string }> = {
  'fix-network': () => ({
    title: 'Fix the network path to Anthropic (proxy, company CA certificate, firewall)',
  }),
  'fix-permissions': () => ({
    title: "Make Claude Code's files readable by you again (owner and mode)",
  }),
  'remove-env-credential': () => ({ title: 'Remove the credential from every place it is set' }),
  // Before `login`: a forced method decides what the login offers.
  'remove-forced-login': () => ({
    title: 'Remove the forced login method that contradicts the account you want',
  }),
  logout: () => ({ title: 'Log out of Claude Code completely', command: 'claude auth logout' }),
  'remove-extra-installs': () => ({
    title: 'Remove the extra Claude Code installations, so the one you update is the one that runs',
  }),
  // Never run by `fix`: installing software is the user's decision (and needs the network).
  install: () => ({
    title:
      'Install Claude Code yourself: the native installer (https://code.claude.com/docs/en/setup) or npm',
    command: 'npm install -g @anthropic-ai/claude-code@latest',
  }),
  update: ({ updateCommand }) => ({
    title: 'Update Claude Code',
    command: updateCommand ?? 'claude update',
  }),
  'restart-terminal': () => ({
    title:
      'Close every terminal window (IDE terminals too) and open a new one, so removed variables are really gone',
  }),
  login: ({ expect }) =>
    expect === 'subscription'
      ? {
          title: 'Log in with the Claude account that has your plan',
          command: 'claude auth login --claudeai',
        }
      : { title: 'Log in with your Console account', command: 'claude auth login --console' },
  verify: ({ rerun }) => ({
    title: 'Run the doctor again to confirm the fix',
    command: rerun ?? 'claude-auth-doctor',
  }),
};

export interface PlanInput {
  checkId: string;
  requests: PlanRequest[];
}

/** A step's title as the plan shows it (`explain --error` names the steps a message needs). */
export function stepTitle(id: PlanStepId, expect: Expectation = 'subscription'): string {
  return STEPS[id]({ expect }).title;
}

/**
 * Merges the steps every failing or warning check asked for into one plan in the fixed step
 * order, each step once, remembering which checks asked for it. A step's details are its
 * locations in words (at most MAX_ITEMS per request), made here and nowhere else.
 */
export function buildPlan(inputs: PlanInput[], setting: PlanSetting): FixStep[] {
  const display = setting.display ?? ((file: string) => file);
  const merged = new Map<
    PlanStepId,
    { because: Set<string>; commands: Set<string>; details: Set<string>; edits: boolean }
  >();
  for (const { checkId, requests } of inputs) {
    for (const request of requests) {
      const entry = merged.get(request.step) ?? {
        because: new Set(),
        commands: new Set(),
        details: new Set(),
        edits: false,
      };
      entry.because.add(checkId);
      const locations = request.locations ?? [];
      entry.edits ||= locations.some(editable);
      if (request.command) entry.commands.add(request.command);
      const details = locations.map((l) => clean(locationText(l, display)));
      for (const detail of capped(details, (n) => `and ${n} more`)) entry.details.add(detail);
      merged.set(request.step, entry);
    }
  }
  if (merged.size > 0 && !merged.has('verify'))
    merged.set('verify', {
      because: new Set(),
      commands: new Set(),
      details: new Set(),
      edits: false,
    });

  return PLAN_STEP_IDS.filter((id) => merged.has(id)).map((id) => {
    const entry = merged.get(id)!;
    const defaults = STEPS[id](setting);
    const command = entry.commands.size ? [...entry.commands].join('; ') : defaults.command;
    const askers = inputs.filter((i) => i.requests.length > 0).map((i) => i.checkId);
    const because =
      id === 'verify' && entry.because.size === 0 ? [...new Set(askers)] : [...entry.because];
    return {
      id,
      title: defaults.title,
      ...(command ? { command } : {}),
      ...(automatic(id, command, entry.edits) ? { automatic: true as const } : {}),
      ...(entry.details.size ? { details: [...entry.details] } : {}),
      because,
    };
  });
}

/** What `fix` does itself: the file edits it can make, and logout and update in plain words. */
function automatic(id: PlanStepId, command: string | undefined, edits: boolean): boolean {
  if (id === 'remove-env-credential' || id === 'remove-forced-login') return edits;
  if (id === 'logout' || id === 'update') return command !== undefined && !!commandArgvs(command);
  return false;
}

/** How to run the doctor again: the plan's last step, else the plain command. */
export function rerunCommand(plan: readonly FixStep[]): string {
  return plan.find((s) => s.id === 'verify')?.command ?? COMMAND_NAME;
}

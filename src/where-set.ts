import type { Context } from './context.js';
import {
  envVariables,
  originsOf,
  type AuthModel,
  type Candidate,
  type EnvDefinition,
} from './credentials.js';
import { showValue } from './display.js';
import { markerText } from './marker.js';
import {
  readStartup,
  shellAssignments,
  startupChain,
  startupFiles,
  type ShellAssignment,
  type ShellModel,
} from './sources/shell-files.js';
import type { AssumedShell, Evidence, Location, PlanRequest } from './types.js';

const SCOPE_LABEL: Record<EnvDefinition['scope'], string> = {
  process: 'this shell',
  wrapper: 'the `claude` wrapper',
  legacy: 'the legacy env block of .claude.json',
  user: 'user settings',
  project: 'project settings',
  local: 'local project settings',
  managed: 'managed settings',
};

export interface WhereSet {
  evidence: Evidence[];
  /** The `remove-env-credential` step for this variable, with a line per place. */
  removal: PlanRequest;
  /**
   * The removal step, and `restart-terminal` only when a shell has the variable: a variable set
   * only in a settings `env` block needs neither `unset` nor a new terminal (issue 19).
   */
  steps: PlanRequest[];
}

/** Every place a variable reaching Claude Code is set, as evidence and as removal steps. */
export async function whereSet(ctx: Context, name: string): Promise<WhereSet> {
  const variable = (await envVariables(ctx)).get(name);
  const evidence: Evidence[] = [];
  // Each place is a location: the plan says it in words, `fix` turns it into an edit.
  const locations: Location[] = [];
  const place = (location: Location) => locations.push(location);
  for (const definition of variable?.definitions ?? []) {
    const shown =
      definition.text !== undefined
        ? showValue(definition.text)
        : `value ending in ${definition.value.fingerprint}`;
    // The wrapper's line, and what to do about it, come with the startup evidence below.
    if (definition.scope === 'wrapper') continue;
    if (definition.scope !== 'process') {
      const file = definition.source.slice('file:'.length).split('#')[0] ?? '';
      evidence.push({
        source: definition.source,
        detail: `${name} set in ${SCOPE_LABEL[definition.scope]} (${shown})`,
      });
      const managed = definition.scope === 'managed' ? { managed: true as const } : {};
      place(
        definition.path
          ? { kind: 'settings-env', path: definition.path, name, ...managed }
          : { kind: 'by-hand', text: `${file}: remove "${name}" from the "env" block` },
      );
      continue;
    }
    const origins = await originsOf(ctx, name);
    evidence.push({ source: definition.source, detail: `${name} is set in this shell (${shown})` });
    for (const origin of origins) {
      const via = origin.via ? `, sourced from ${origin.via}` : '';
      const how = [
        origin.calledFrom ? `in a function called at ${origin.calledFrom}` : '',
        origin.conditional ? 'under a condition' : '',
        origin.session ? 'read by the desktop session at login, not by the terminal itself' : '',
        origin.trace === 'confirmed' ? 'confirmed by --trace-shell' : '',
        origin.trace === 'traced-only'
          ? 'found by --trace-shell; the static reading of the startup files missed it'
          : '',
      ].filter(Boolean);
      evidence.push({
        source: origin.source,
        detail: `sets ${name}${origin.value ? '' : ' (computed value)'}${via}${how.length ? ` (${how.join('; ')})` : ''}`,
      });
      const loaded = origin.loadedBy ? `, loaded by ${origin.loadedBy.slice('file:'.length)}` : '';
      if (loaded) evidence.at(-1)!.detail += loaded;
      place(shellLine(origin));
    }
    const disabled = origins.length ? [] : await disabledByFix(ctx, name);
    if (disabled.length) {
      // The same terminal still has the old value after `fix`; only a new one is rid of it.
      evidence.push({
        source: definition.source,
        detail: `${name} is still in this shell's environment, but \`claude-auth-doctor fix\` commented out the line that set it in ${disabled.join(', ')}`,
      });
      const text = `${name} is only left in this terminal: open a new one (or run \`${unsetCommand(ctx, name)}\`)`;
      place({ kind: 'by-hand', text });
    } else if (origins.length === 0) {
      evidence.push({
        source: definition.source,
        detail: `${name} is in the environment but in no startup file the doctor read: it comes from the parent process (IDE, CI secret, launchctl, a wrapper script)`,
      });
      const text = `${name} comes from outside your startup files: remove it where it is set (IDE or terminal settings, CI secrets, launchctl, a wrapper script)`;
      place({ kind: 'by-hand', text });
    }
  }
  await startupEvidence(ctx, name, evidence, place);
  const inShell = (variable?.definitions ?? []).some((d) => d.scope === 'process');
  const removal: PlanRequest = {
    step: 'remove-env-credential',
    ...(inShell ? { command: unsetCommand(ctx, name) } : {}),
    locations,
  };
  return {
    evidence,
    removal,
    steps: inShell ? [removal, { step: 'restart-terminal' }] : [removal],
  };
}

/**
 * Startup lines that give `name` to every new terminal although this one does not have it (added
 * after it opened, or this terminal was not started the usual way): what the variable's own
 * check should announce. Only the user's own shell's files count, and only when the variable is
 * still set at the end of them.
 */
export async function pendingLines(ctx: Context, name: string): Promise<ShellAssignment[]> {
  if (ctx.env[name]) return [];
  const own = (await shellAssignments(ctx)).filter(
    (a) =>
      a.name === name &&
      !a.foreign &&
      a.kind !== 'project' &&
      a.dialect !== 'dotenv' &&
      a.trace !== 'not-run',
  );
  const last = own.at(-1);
  if (!last || last.unset || !last.exported) return [];
  return own.filter((a) => !a.unset && a.exported && a.value?.isBlank !== true);
}

/** The removal step for pending lines: each line as `fix` would comment it out. */
export function pendingRemoval(lines: ShellAssignment[]): PlanRequest {
  return { step: 'remove-env-credential', locations: lines.map(shellLine) };
}

/** `~/.zshrc:4` (and `~/.zshrc:9`) for a sentence. */
export function linesText(lines: ShellAssignment[]): string {
  return lines.map((a) => a.source.slice('file:'.length)).join(', ');
}

/** How new terminals start here, in words: `zsh, as a login shell (macOS terminals ...)`. */
export function describeShell(model: ShellModel): string {
  if (model.shell === 'unknown') return 'an unknown shell (no $SHELL and no passwd entry)';
  const how = model.mode === 'login' ? 'a login shell' : 'an interactive non-login shell';
  const handoff = model.handoff
    ? `, which hands over to ${model.handoff.to} (\`exec\` at ${model.handoff.at})`
    : '';
  const from = model.shellFrom === 'platform' ? '' : ` (from ${model.shellFrom})`;
  return `${model.shell}${from} as ${how} (${model.modeFrom === '--shell-mode' ? 'set by --shell-mode' : `assumed: ${model.why}; --shell-mode changes it`})${handoff}`;
}

/**
 * The shell and mode every attribution to a startup file rests on, for the report. Runs (or
 * reuses) the startup walk, which knows about a hand-over to another shell and the trace.
 */
export async function assumedShell(ctx: Context): Promise<AssumedShell> {
  const { model, trace } = await startupChain(ctx);
  return {
    name: model.shell,
    program: model.program && ctx.display(model.program),
    from: model.shellFrom,
    mode: model.mode,
    modeFrom: model.modeFrom,
    why: model.why,
    ...(model.handoff
      ? { handoff: { to: model.handoff.to, login: model.handoff.login, at: model.handoff.at } }
      : {}),
    ...(trace
      ? {
          trace: {
            ok: trace.ok,
            ...(trace.ok ? {} : { reason: trace.reason }),
            deviations: trace.deviations,
          },
        }
      : {}),
  };
}

/**
 * What the startup model adds about `name`: the `claude` wrapper that injects it, other
 * shells' files that set it (evidence only), and lines the doctor could not follow.
 */
async function startupEvidence(
  ctx: Context,
  name: string,
  evidence: Evidence[],
  place: (location: Location) => void,
): Promise<void> {
  const chain = await startupChain(ctx);
  for (const wrapper of chain.wrappers) {
    const inject = wrapper.injects.find((i) => i.name === name);
    if (!inject) continue;
    if (wrapper.isClaude) {
      evidence.push({
        source: wrapper.source,
        detail: `typing \`claude\` in a new terminal runs the ${wrapper.kind} defined here, which sets ${name} for Claude Code`,
      });
      place({
        kind: 'shell-wrapper',
        path: wrapper.path,
        line: wrapper.line,
        name,
        wrapper: wrapper.kind,
      });
    } else {
      evidence.push({
        source: wrapper.source,
        detail: `the ${wrapper.kind} \`${wrapper.name}\` runs claude with ${name} (only when you type \`${wrapper.name}\`)`,
      });
    }
  }
  const foreign = (await shellAssignments(ctx)).filter(
    (a) => a.name === name && a.foreign && !a.unset && a.exported,
  );
  for (const a of foreign) {
    evidence.push({
      source: a.source,
      detail: `also set for ${a.foreign}: new ${a.foreign} terminals would get ${name} from this line, but new terminals here start ${describeShell(chain.model)}`,
    });
  }
  for (const a of (await shellAssignments(ctx)).filter(
    (x) => x.name === name && x.trace === 'not-run' && !x.unset,
  )) {
    evidence.push({
      source: a.source,
      detail: `the static reading expected this line to set ${name}, but the shell traced with --trace-shell did not run it`,
    });
  }
  if (chain.trace && !chain.trace.ok)
    evidence.push({
      source: `command:${chain.trace.shell} (--trace-shell)`,
      detail: chain.trace.reason,
    });
  const inShell = ctx.env[name] !== undefined && ctx.env[name] !== '';
  if (inShell && (await originsOf(ctx, name)).length === 0) {
    for (const note of chain.notes.filter((n) => /run time/.test(n.text)).slice(0, 5))
      evidence.push({ source: note.source, detail: `${note.text}: it may set ${name}` });
  }
}

/** A startup line as a location: what `fix` may do with it is fix mode's to decide. */
function shellLine(origin: ShellAssignment): Location {
  return {
    kind: 'shell-line',
    path: origin.path,
    line: origin.line,
    name: origin.name,
    dialect: origin.dialect,
    ...(origin.value === null ? { computed: true as const } : {}),
    ...(origin.kind !== 'shell' ? { owner: origin.kind } : {}),
    ...(origin.loadedBy ? { loadedBy: origin.loadedBy.slice('file:'.length) } : {}),
  };
}

/** Startup files where fix mode left its marker for `name`. */
async function disabledByFix(ctx: Context, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of await startupFiles(ctx)) {
    const read = await readStartup(ctx, file.path);
    if (read.ok && read.text.includes(markerText(name))) found.push(ctx.display(file.path));
  }
  return found;
}

export function unsetCommand(ctx: Context, name: string): string {
  if (ctx.platform === 'win32') return `Remove-Item Env:${name}`;
  if ((ctx.env.SHELL ?? '').endsWith('fish')) return `set -e ${name}`;
  return `unset ${name}`;
}

/**
 * `claude auth status` ignores credential variables that only project settings set, while
 * sessions started in the project use them (measured on 2.1.331); say so where it matters.
 */
export function projectOnlyNote(auth: AuthModel, method: Candidate['method']): Evidence | null {
  const candidate = auth.candidates.find((c) => c.method === method);
  if (!candidate?.ignoredByAuthStatus) return null;
  return {
    source: candidate.source,
    detail:
      'set only in project settings: sessions started in this project use it, but `claude auth status` does not show it',
  };
}

import path from 'node:path';
import type { Context } from '../context.js';
import { showProgram } from '../display.js';
import { applyChanges } from '../fix/apply.js';
import type { WriteOps } from '../fix/atomic.js';
import { createIfMissing } from '../fix/create.js';
import { unifiedDiff } from '../fix/diff.js';
import type { FileChange } from '../fix/plan-edits.js';
import type { Ask } from '../fix/prompt.js';
import { claudePaths, toolStateDir } from '../platform/paths.js';
import { readJsonFile } from '../sources/json-file.js';
import {
  guardCommands,
  installEdit,
  installedIn,
  uninstallEdit,
  type Installed,
} from './settings-edit.js';

// `claude-auth-doctor guard install | uninstall | status`. Edits go through fix mode's
// machinery: the diff first (values masked), a question (or --yes), a backup, an atomic
// write, and `claude-auth-doctor fix --undo` to take it back.

export type GuardScope = 'user' | 'project' | 'local';

export interface GuardOptions {
  scope: GuardScope;
  yes: boolean;
  dryRun: boolean;
  /** How Claude Code should start the doctor (`claude-auth-doctor`, or node and the bin). */
  invoke: string;
  /** A temporary copy (npx) that may vanish: said so after installing. */
  temporaryInvoke: boolean;
  expect?: string;
  stateDir?: string;
}

export interface GuardIo {
  stdout(text: string): void;
  ask: Ask | null;
  writeOps?: WriteOps;
}

interface SettingsPlace {
  scope: GuardScope | 'managed';
  file: string;
}

function places(ctx: Context): SettingsPlace[] {
  const paths = claudePaths(ctx);
  const list: SettingsPlace[] = [{ scope: 'user', file: paths.userSettings }];
  if (path.resolve(paths.projectSettings) !== path.resolve(paths.userSettings))
    list.push({ scope: 'project', file: paths.projectSettings });
  list.push({ scope: 'local', file: paths.localSettings });
  return list;
}

async function managedPlaces(ctx: Context): Promise<SettingsPlace[]> {
  const paths = claudePaths(ctx);
  const dropIns = (await ctx.listDir(paths.managedSettingsDir))
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({
      scope: 'managed' as const,
      file: path.join(paths.managedSettingsDir, name),
    }));
  return [{ scope: 'managed', file: paths.managedSettings }, ...dropIns];
}

function fileFor(ctx: Context, scope: GuardScope): string {
  const paths = claudePaths(ctx);
  return { user: paths.userSettings, project: paths.projectSettings, local: paths.localSettings }[
    scope
  ];
}

export async function installOrUninstall(
  ctx: Context,
  action: 'install' | 'uninstall',
  options: GuardOptions,
  io: GuardIo,
): Promise<number> {
  const out = (text: string) => io.stdout(ctx.secrets.scrub(text));
  const file = fileFor(ctx, options.scope);
  const info = await ctx.stat(file);
  const target = info?.isSymlink ? ((await ctx.realpath(file)) ?? file) : file;
  const original = info ? await ctx.readBytesNow(target) : null;
  if (info && !original) {
    out(`${ctx.display(file)} cannot be read; nothing was changed.\n`);
    return 1;
  }
  const before = original ? original.toString('utf8') : '';
  const commands = guardCommands(options.invoke, options.expect);
  const planned =
    action === 'install' ? installEdit(before, commands) : { edit: uninstallEdit(before) };
  out(`claude-auth-doctor guard ${action} (${ctx.display(file)}, ${options.scope} settings)\n\n`);
  if (!planned.edit.ok) {
    out(`${ctx.display(file)}: ${planned.edit.reason}; nothing was changed.\n`);
    return 1;
  }
  const after = planned.edit.text;
  const notes: string[] = [];
  if ('statusLineSkipped' in planned && planned.statusLineSkipped)
    notes.push(`The status line was left alone: ${planned.statusLineSkipped}.`);
  if ('wrapped' in planned && planned.wrapped !== undefined)
    notes.push(
      'Your status line stays: the guard runs it with the same input and appends its segment; `guard uninstall` puts it back as it was.',
    );
  if (after === before || (!original && action === 'uninstall')) {
    out(
      action === 'install'
        ? 'The guard is already installed here; nothing to change.\n'
        : 'The guard is not installed here; nothing to change.\n',
    );
    if (action === 'install') out(await statusNotes(ctx, options.scope));
    return 0;
  }
  const shown = ctx.display(target);
  out(
    unifiedDiff(`${shown} (before)`, `${shown} (after)`, original ? before : '', after).replace(
      /^(?=.)/gm,
      '  ',
    ),
  );
  if (action === 'install')
    notes.push(
      `Claude Code will start \`${commands.statusline}\` for the status line and \`${commands.hook}\` at session start.`,
    );
  for (const note of notes) out(`  ${note}\n`);
  out('\n');
  if (options.dryRun || (!options.yes && !io.ask)) {
    out(
      options.dryRun
        ? 'Dry run: nothing was written.\n'
        : 'No terminal to ask on, and no --yes: this is the edit; nothing was changed.\n',
    );
    return options.dryRun ? 0 : 1;
  }
  const answer = options.yes ? 'yes' : await io.ask!('Apply this edit?');
  if (answer !== 'yes' && answer !== 'all') {
    out('Nothing was changed.\n');
    return 1;
  }
  let source = original;
  let identity = info;
  if (!source) {
    // A new settings file starts as `{}`, so the backup and `fix --undo` have something to hold.
    const created = await createIfMissing(target, '{}\n');
    source = created ? await ctx.readBytesNow(target) : null;
    const replanned = source ? installEdit(source.toString('utf8'), commands).edit : null;
    if (!created || !source || !replanned?.ok || replanned.text !== after) {
      out(`${shown} changed while the guard was waiting; nothing was written.\n`);
      return 1;
    }
    identity = {
      ...created,
      isFile: true,
      isDirectory: false,
      isSymlink: false,
      size: 3,
      mtimeMs: 0,
    };
  }
  const change: FileChange = {
    shown: ctx.display(file),
    target,
    targetShown: shown,
    symlink: Boolean(info?.isSymlink),
    original: source,
    before: source.toString('utf8'),
    after,
    owner: { mode: identity!.mode & 0o7777, uid: identity!.uid, gid: identity!.gid },
    links: identity!.nlink,
    dev: identity!.dev,
    ino: identity!.ino,
    shellNames: [],
  };
  const result = await applyChanges(
    ctx,
    [change],
    options.stateDir ?? toolStateDir(ctx),
    io.writeOps,
  );
  if (result.failure) {
    out(`✖ ${shown}: ${result.failure.message}\n`);
    return 1;
  }
  out(`✔ edited ${shown}\n`);
  if (result.backupDir)
    out(
      `Backup: ${ctx.display(result.backupDir)} (undo with \`claude-auth-doctor fix --undo\`${action === 'install' ? ' or `claude-auth-doctor guard uninstall`' : ''})\n`,
    );
  if (action === 'install' && options.temporaryInvoke)
    out(
      `! The commands start ${options.invoke}, a temporary copy (npx): install the doctor (\`npm install -g claude-auth-doctor\`) and run \`guard install\` again, or the status line breaks when npx cleans its cache.\n`,
    );
  if (action === 'install') out(await statusNotes(ctx, options.scope));
  return 0;
}

interface PlaceState extends SettingsPlace {
  installed: Installed;
  data: Record<string, unknown>;
  exists: boolean;
}

async function readPlaces(ctx: Context): Promise<PlaceState[]> {
  const all = [...places(ctx), ...(await managedPlaces(ctx))];
  return Promise.all(
    all.map(async (place) => {
      const file = await readJsonFile(ctx, place.file);
      return {
        ...place,
        data: file.data,
        exists: file.state !== 'missing',
        installed: installedIn(file.data),
      };
    }),
  );
}

/** Whether Claude Code will run what is installed: the reasons it would not, one line each. */
async function obstacles(
  ctx: Context,
  states: PlaceState[],
  scope?: GuardScope,
): Promise<string[]> {
  const lines: string[] = [];
  for (const state of states) {
    if (state.data.disableAllHooks === true)
      lines.push(
        `disableAllHooks is true in ${ctx.display(state.file)}: Claude Code runs no hook and no status line (the guard's included) until it is removed.`,
      );
  }
  const managedOnly = states.find(
    (s) => s.scope === 'managed' && s.data.allowManagedHooksOnly === true,
  );
  if (managedOnly)
    lines.push(
      `allowManagedHooksOnly is true in managed settings (${ctx.display(managedOnly.file)}): Claude Code runs only hooks from managed settings, so the guard's SessionStart hook does not run.`,
    );
  // The status line of the most specific settings file wins.
  const order = ['managed', 'local', 'project', 'user'];
  const withLine = states
    .filter((s) => s.data.statusLine !== undefined)
    .sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope))[0];
  const guardLine = states.find((s) => s.installed.statusLine);
  if (withLine && guardLine && !withLine.installed.statusLine)
    lines.push(
      `The status line in ${ctx.display(withLine.file)} (${withLine.scope}) takes precedence in this project: the guard's status line (${ctx.display(guardLine.file)}) does not show here.`,
    );
  const inProject = states.some(
    (s) =>
      (s.scope === 'project' || s.scope === 'local') &&
      (s.installed.hook || s.installed.statusLine),
  );
  if (inProject || scope === 'project' || scope === 'local') {
    const trusted = await folderTrusted(ctx);
    if (!trusted)
      lines.push(
        `This folder is not trusted yet: interactive sessions ask first ("This folder configures hooks …") and run the project's hooks only after you accept; \`claude -p\` runs them without asking.`,
      );
  }
  return lines;
}

async function folderTrusted(ctx: Context): Promise<boolean> {
  const [legacy, current] = claudePaths(ctx).globalConfigCandidates as [string, string];
  const file = (await ctx.stat(legacy)) ? legacy : current;
  const config = await readJsonFile(ctx, file, ['projects']);
  const projects = config.data.projects;
  if (typeof projects !== 'object' || projects === null) return false;
  for (let dir = path.resolve(ctx.cwd); ; dir = path.dirname(dir)) {
    const entry = (projects as Record<string, unknown>)[dir];
    if (
      typeof entry === 'object' &&
      entry !== null &&
      (entry as Record<string, unknown>).hasTrustDialogAccepted === true
    )
      return true;
    if (path.dirname(dir) === dir) return false;
  }
}

async function statusNotes(ctx: Context, scope: GuardScope): Promise<string> {
  const lines = await obstacles(ctx, await readPlaces(ctx), scope);
  if (lines.length === 0)
    return 'Claude Code runs the guard in new sessions: the status line after each message, the SessionStart check at start.\n';
  return `${lines.map((l) => `! ${l}`).join('\n')}\n`;
}

/** `guard status`: what is installed where, and whether Claude Code will run it. */
export async function guardStatus(ctx: Context, io: Pick<GuardIo, 'stdout'>): Promise<number> {
  const out = (text: string) => io.stdout(ctx.secrets.scrub(text));
  const states = await readPlaces(ctx);
  const lines = ['claude-auth-doctor guard status', ''];
  let any = false;
  for (const state of states) {
    if (state.scope === 'managed' && !state.exists) continue;
    const parts: string[] = [];
    const line = state.installed.statusLine;
    if (line)
      parts.push(
        line.wrapped !== undefined
          ? `status line (wrapping your \`${showProgram(line.wrapped)}\`)`
          : 'status line',
      );
    if (state.installed.hook) parts.push('SessionStart hook');
    any ||= parts.length > 0;
    lines.push(
      `  ${ctx.display(state.file)} (${state.scope}): ${parts.length ? parts.join(', ') : state.exists ? 'not installed' : 'no such file'}`,
    );
  }
  lines.push('');
  if (!any) {
    lines.push('The guard is not installed. `claude-auth-doctor guard install` adds it.');
    out(`${lines.join('\n')}\n`);
    return 0;
  }
  const problems = await obstacles(ctx, states);
  lines.push(
    problems.length === 0
      ? 'Claude Code will run it in new sessions.'
      : 'Claude Code will not run all of it:',
  );
  for (const problem of problems) lines.push(`  ! ${problem}`);
  out(`${lines.join('\n')}\n`);
  return 0;
}

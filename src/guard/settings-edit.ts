import {
  JsonSyntaxError,
  parseJson,
  plain,
  removeJsonKey,
  type JsonNode,
} from '../fix/json-remove.js';
import type { TextEdit } from '../fix/text.js';

// `guard install` and `uninstall` as text edits of a Claude Code settings file. Only the
// members the guard owns change; every other byte stays (key order, indentation, other
// hooks). An existing status line is wrapped: its `command` string alone is replaced by the
// guard's, which carries the original (`--wrap '<original>'`), so uninstall puts that exact
// string back. Each result is checked: it must parse to the intended value.

export interface GuardCommands {
  statusline: string;
  hook: string;
}

const shQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The commands for an invocation (`claude-auth-doctor`, or node and the bin, quoted). */
export function guardCommands(invoke: string, expect?: string): GuardCommands {
  const flag = expect && expect !== 'auto' ? ` --expect ${expect}` : '';
  return {
    statusline: `${invoke} statusline${flag}`,
    hook: `${invoke} hook session-start${flag}`,
  };
}

export function wrapCommand(statusline: string, original: string): string {
  return `${statusline} --wrap ${shQuote(original)}`;
}

const OURS =
  /^(.*claude-auth-doctor(?:\.c?js)?'?) (statusline|hook session-start)( --expect (?:subscription|api|auto))?( --wrap '((?:[^']|'\\'')*)')?$/s;

export type Ours =
  { kind: 'statusline'; invoke: string; wrapped?: string } | { kind: 'hook'; invoke: string };

/** One of the guard's own commands, and the user's command it wraps. */
export function parseOurs(command: unknown): Ours | null {
  if (typeof command !== 'string') return null;
  const match = OURS.exec(command);
  if (!match) return null;
  if (match[2] === 'hook session-start')
    return match[4] ? null : { kind: 'hook', invoke: match[1]! };
  return match[4] !== undefined
    ? { kind: 'statusline', invoke: match[1]!, wrapped: match[5]!.replace(/'\\''/g, "'") }
    : { kind: 'statusline', invoke: match[1]! };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

interface Group {
  matcher?: unknown;
  hooks?: unknown;
}

function hookCommands(group: unknown): unknown[] {
  const hooks = isObject(group) ? (group as Group).hooks : undefined;
  return Array.isArray(hooks) ? hooks.map((h) => (isObject(h) ? h.command : undefined)) : [];
}

/** What the file holds of the guard. */
export interface Installed {
  statusLine: Extract<Ours, { kind: 'statusline' }> | null;
  /** The status line is someone else's command (not wrapped by the guard). */
  otherStatusLine: boolean;
  hook: boolean;
}

export function installedIn(data: Json): Installed {
  const line = isObject(data.statusLine) ? data.statusLine : null;
  const ours = line ? parseOurs(line.command) : null;
  const hooks = isObject(data.hooks) ? data.hooks : {};
  const groups = Array.isArray(hooks.SessionStart) ? hooks.SessionStart : [];
  return {
    statusLine: ours?.kind === 'statusline' ? ours : null,
    otherStatusLine: line !== null && ours === null,
    hook: groups.some((g) => hookCommands(g).some((c) => parseOurs(c)?.kind === 'hook')),
  };
}

/** The file's indentation unit (two spaces when it cannot tell). */
function indentOf(text: string): string {
  return /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
}

function serialize(value: unknown, unit: string, depth: number): string {
  return JSON.stringify(value, null, unit).replace(/\n/g, `\n${unit.repeat(depth)}`);
}

function memberOf(node: JsonNode, key: string): JsonNode | undefined {
  const members = node.members?.filter((m) => m.key === key) ?? [];
  if (members.length > 1) throw new EditError(`"${key}" appears more than once`);
  return members[0]?.value;
}

class EditError extends Error {}

/** Sets `path` to `value`: replaces the value where it is, or adds the member at the end of its object. */
function setAt(text: string, path: readonly string[], value: unknown): string {
  const unit = indentOf(text);
  let node = parseJson(text);
  for (const key of path.slice(0, -1)) {
    const next = memberOf(node, key);
    if (!next?.members) throw new EditError(`"${key}" is not an object`);
    node = next;
  }
  const depth = path.length;
  const last = path[path.length - 1]!;
  const existing = memberOf(node, last);
  if (existing)
    return text.slice(0, existing.start) + serialize(value, unit, depth) + text.slice(existing.end);
  const member = `${JSON.stringify(last)}: ${serialize(value, unit, depth)}`;
  const inner = unit.repeat(depth);
  const members = node.members!;
  if (members.length === 0) {
    const close = node.end - 1;
    return `${text.slice(0, node.start)}{\n${inner}${member}\n${unit.repeat(depth - 1)}}${text.slice(close + 1)}`;
  }
  const after = members[members.length - 1]!.value.end;
  return `${text.slice(0, after)},\n${inner}${member}${text.slice(after)}`;
}

function checked(text: string, expected: unknown): TextEdit {
  try {
    const node = parseJson(text);
    return JSON.stringify(plain(node, text)) === JSON.stringify(expected)
      ? { ok: true, text }
      : { ok: false, reason: 'the edit would change more than the guard' };
  } catch {
    return { ok: false, reason: 'the edit would leave the file invalid' };
  }
}

function parsed(text: string): { ok: true; data: Json } | { ok: false; reason: string } {
  try {
    const data = plain(parseJson(text), text);
    return isObject(data)
      ? { ok: true, data }
      : { ok: false, reason: 'the file does not hold a JSON object' };
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      return { ok: false, reason: 'the file is not valid JSON' };
    throw error;
  }
}

export interface InstallEdit {
  edit: TextEdit;
  /** The user's status-line command that the guard now wraps. */
  wrapped?: string;
  /** Why the status line was left alone. */
  statusLineSkipped?: string;
}

/** Adds the status line (wrapping one that is there) and the SessionStart hook; idempotent. */
export function installEdit(text: string, commands: GuardCommands): InstallEdit {
  const source = text.trim() === '' ? '{}\n' : text;
  const read = parsed(source);
  if (!read.ok) return { edit: read };
  const expected = structuredClone(read.data);
  let out = source;
  const result: Omit<InstallEdit, 'edit'> = {};
  try {
    const line = read.data.statusLine;
    const ours = isObject(line) ? parseOurs(line.command) : null;
    if (line === undefined) {
      const value = { type: 'command', command: commands.statusline };
      out = setAt(out, ['statusLine'], value);
      expected.statusLine = value;
    } else if (ours?.kind === 'statusline') {
      const command =
        ours.wrapped !== undefined
          ? wrapCommand(commands.statusline, ours.wrapped)
          : commands.statusline;
      if (command !== (line as Json).command) {
        out = setAt(out, ['statusLine', 'command'], command);
        (expected.statusLine as Json).command = command;
      }
      if (ours.wrapped !== undefined) result.wrapped = ours.wrapped;
    } else if (
      isObject(line) &&
      (line.type === undefined || line.type === 'command') &&
      typeof line.command === 'string'
    ) {
      const command = wrapCommand(commands.statusline, line.command);
      out = setAt(out, ['statusLine', 'command'], command);
      (expected.statusLine as Json).command = command;
      result.wrapped = line.command;
    } else {
      result.statusLineSkipped = 'its "statusLine" is not a command the guard can wrap';
    }

    const group = { hooks: [{ type: 'command', command: commands.hook }] };
    const hooks = read.data.hooks;
    if (hooks === undefined) {
      out = setAt(out, ['hooks'], { SessionStart: [group] });
      expected.hooks = { SessionStart: [group] };
    } else if (!isObject(hooks)) {
      return { ...result, edit: { ok: false, reason: '"hooks" is not an object' } };
    } else if (hooks.SessionStart === undefined) {
      out = setAt(out, ['hooks', 'SessionStart'], [group]);
      (expected.hooks as Json).SessionStart = [group];
    } else if (!Array.isArray(hooks.SessionStart)) {
      return { ...result, edit: { ok: false, reason: '"hooks.SessionStart" is not a list' } };
    } else {
      const groups = hooks.SessionStart;
      const mine = groups.findIndex((g) =>
        hookCommands(g).some((c) => parseOurs(c)?.kind === 'hook'),
      );
      if (mine === -1) {
        const value = [...groups, group];
        out = setAt(out, ['hooks', 'SessionStart'], value);
        (expected.hooks as Json).SessionStart = value;
      } else {
        // Already there: keep it current (a new invocation path or --expect).
        const value = groups.map((g, i) =>
          i !== mine
            ? g
            : {
                ...(g as Json),
                hooks: ((g as Group).hooks as unknown[]).map((h) =>
                  isObject(h) && parseOurs(h.command)?.kind === 'hook'
                    ? { ...h, command: commands.hook }
                    : h,
                ),
              },
        );
        if (JSON.stringify(value) !== JSON.stringify(groups)) {
          out = setAt(out, ['hooks', 'SessionStart'], value);
          (expected.hooks as Json).SessionStart = value;
        }
      }
    }
  } catch (error) {
    if (error instanceof EditError)
      return { ...result, edit: { ok: false, reason: error.message } };
    throw error;
  }
  if (out === source) return { ...result, edit: { ok: true, text } };
  return { ...result, edit: checked(out, expected) };
}

/** Removes what the guard added; a wrapped status line gets its original command back. */
export function uninstallEdit(text: string): TextEdit {
  if (text.trim() === '') return { ok: true, text };
  const read = parsed(text);
  if (!read.ok) return read;
  const expected = structuredClone(read.data);
  let out = text;
  const remove = (path: string[]) => {
    const result = removeJsonKey(out, path);
    if (!result.ok) throw new EditError(result.reason);
    out = result.text;
  };
  try {
    const line = read.data.statusLine;
    const ours = isObject(line) ? parseOurs(line.command) : null;
    if (ours?.kind === 'statusline') {
      if (ours.wrapped !== undefined) {
        out = setAt(out, ['statusLine', 'command'], ours.wrapped);
        (expected.statusLine as Json).command = ours.wrapped;
      } else {
        remove(['statusLine']);
        delete expected.statusLine;
      }
    }
    const hooks = read.data.hooks;
    if (isObject(hooks) && Array.isArray(hooks.SessionStart)) {
      const groups = hooks.SessionStart;
      const kept = groups
        .map((g) => {
          if (!hookCommands(g).some((c) => parseOurs(c)?.kind === 'hook')) return g;
          const rest = ((g as Group).hooks as unknown[]).filter(
            (h) => !(isObject(h) && parseOurs(h.command)?.kind === 'hook'),
          );
          return rest.length ? { ...(g as Json), hooks: rest } : null;
        })
        .filter((g) => g !== null);
      if (JSON.stringify(kept) !== JSON.stringify(groups)) {
        const expectedHooks = expected.hooks as Json;
        if (kept.length > 0) {
          out = setAt(out, ['hooks', 'SessionStart'], kept);
          expectedHooks.SessionStart = kept;
        } else if (Object.keys(hooks).length === 1) {
          remove(['hooks']);
          delete expected.hooks;
        } else {
          remove(['hooks', 'SessionStart']);
          delete expectedHooks.SessionStart;
        }
      }
    }
  } catch (error) {
    if (error instanceof EditError) return { ok: false, reason: error.message };
    throw error;
  }
  return out === text ? { ok: true, text } : checked(out, expected);
}

import path from 'node:path';
import type { Context, FileStat } from '../context.js';
import type { Location } from '../types.js';
import type { Ownership } from './atomic.js';
import { editOf, type RemovalEdit } from './edits.js';
import { removeJsonKey } from './json-remove.js';
import { commentOutLine } from './shell-line.js';
import type { TextEdit } from './text.js';

// Turns the plan's locations into edits, and those into file changes (old and new text, per file) and the steps
// the user has to take by hand. Nothing is written here.

export interface FileChange {
  /** The file the plan named, as shown (`~/.zshrc`). */
  shown: string;
  /** The file that is written: the plan's file or, for a symlink, its target. */
  target: string;
  targetShown: string;
  symlink: boolean;
  original: Buffer;
  before: string;
  after: string;
  owner: Required<Ownership>;
  /**
   * The file has other names (hard links): it is rewritten in place, so every name changes,
   * rather than replaced by a new file that only this name would point to.
   */
  links: number;
  /** Device and inode planned on: the file written must still be this one. */
  dev: number;
  ino: number;
  /** Variables whose lines were commented out (for the after-run's environment). */
  shellNames: string[];
}

export interface EditPlan {
  changes: FileChange[];
  manual: string[];
}

export async function planEdits(ctx: Context, locations: readonly Location[]): Promise<EditPlan> {
  const edits = locations.map((location) => editOf(location, (file) => ctx.display(file)));
  const date = ctx.now().toISOString().slice(0, 10);
  const manual: string[] = [];
  const byFile = new Map<string, Exclude<RemovalEdit, { kind: 'manual' }>[]>();
  const seen = new Set<string>();
  for (const edit of edits) {
    const key = JSON.stringify(edit);
    if (seen.has(key)) continue;
    seen.add(key);
    if (edit.kind === 'manual') {
      manual.push(edit.text);
      continue;
    }
    // Grouped by the file really written, so two names for one file make one change.
    const target = (await ctx.realpath(edit.path)) ?? edit.path;
    byFile.set(target, [...(byFile.get(target) ?? []), edit]);
  }

  const changes: FileChange[] = [];
  for (const [target, fileEdits] of byFile) {
    const file = fileEdits[0]!.path;
    const shown = ctx.display(file);
    const byHand = (why: string, where?: string) => {
      for (const edit of fileEdits)
        manual.push(
          `${describe(ctx.display(edit.path), edit)}: ${why}; ${handInstruction(edit, where)}`,
        );
    };
    const info = await ctx.stat(file);
    const original = info?.isFile ? await ctx.readBytesNow(target) : null;
    if (!info || !original) {
      byHand('the file cannot be read');
      continue;
    }
    // fix writes only the user's own files: never one of another user (root included), and
    // never outside the home through a symbolic link (a system file, a file someone else keeps).
    const notOurs = await notTheUsers(ctx, target, info);
    if (notOurs) {
      byHand(notOurs, ctx.display(target));
      continue;
    }
    // A read-only file is a choice its owner made; root could write it, but should not.
    if ((info.mode & 0o222) === 0) {
      byHand('the file is read-only');
      continue;
    }
    const before = original.toString('utf8');
    if (!Buffer.from(before, 'utf8').equals(original)) {
      byHand('the file is not UTF-8 text');
      continue;
    }

    let text = before;
    const shellNames: string[] = [];
    // Bottom-up, so each line number still points at the line the plan saw.
    const ordered = [...fileEdits].sort((a, b) => lineOf(b) - lineOf(a));
    for (const edit of ordered) {
      const result = apply(text, edit, date);
      if (!result.ok) {
        manual.push(
          `${describe(ctx.display(edit.path), edit)}: ${result.reason}; ${handInstruction(edit)}`,
        );
        continue;
      }
      text = result.text;
      if (edit.kind === 'shell-line') shellNames.push(edit.name);
    }
    if (text === before) continue;
    changes.push({
      shown,
      target,
      targetShown: ctx.display(target),
      symlink: info.isSymlink,
      original,
      before,
      after: text,
      owner: { mode: info.mode & 0o7777, uid: info.uid, gid: info.gid },
      links: info.nlink,
      dev: info.dev,
      ino: info.ino,
      shellNames,
    });
  }
  return { changes, manual };
}

function apply(
  text: string,
  edit: Exclude<RemovalEdit, { kind: 'manual' }>,
  date: string,
): TextEdit {
  switch (edit.kind) {
    case 'shell-line':
      return commentOutLine(text, edit.line, edit.name, edit.dialect, date);
    case 'settings-env':
      return removeJsonKey(text, ['env', edit.name]);
    case 'settings-key':
      return removeJsonKey(text, [edit.key]);
  }
}

function lineOf(edit: RemovalEdit): number {
  return edit.kind === 'shell-line' ? edit.line : 0;
}

function describe(shown: string, edit: Exclude<RemovalEdit, { kind: 'manual' }>): string {
  return edit.kind === 'shell-line' ? `${shown}:${edit.line}` : shown;
}

/** Why `target` (the file `fix` would write) is not the user's to write through fix; null when it is. */
async function notTheUsers(ctx: Context, target: string, info: FileStat): Promise<string | null> {
  if (ctx.uid !== null && info.uid !== ctx.uid)
    return `${ctx.display(target)} belongs to another user (uid ${info.uid}), so fix leaves it alone`;
  if (info.isSymlink) {
    const home = (await ctx.realpath(ctx.home)) ?? ctx.home;
    const rel = path.relative(home, target);
    if (!ctx.home || !rel || rel.startsWith('..') || path.isAbsolute(rel))
      return `it is a symbolic link to ${target}, outside your home directory, so fix leaves it alone`;
  }
  return null;
}

/** What to do by hand; `where` names the file to edit when it is not the one the plan named. */
function handInstruction(edit: Exclude<RemovalEdit, { kind: 'manual' }>, where?: string): string {
  const inFile = where ? ` in ${where}` : '';
  switch (edit.kind) {
    case 'shell-line':
      return where
        ? `comment out line ${edit.line} of ${where} (it sets ${edit.name}) by hand, as its owner`
        : `comment out the line that sets ${edit.name} by hand`;
    case 'settings-env':
      return `remove "${edit.name}" from its "env" block${inFile} by hand`;
    case 'settings-key':
      return `remove "${edit.key}"${inFile} by hand`;
  }
}

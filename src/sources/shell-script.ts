// The structure of a startup script as a shell would run it: assignments, `source`, loops,
// function definitions and calls, aliases and `exec`, with the conditions they sit under. Pure:
// nothing here reads a file or expands a word (shell-walk.ts does, in order).
import {
  declarationOptions,
  fishSetOptions,
  isName,
  optionText,
  scanCommands,
  type Word,
} from './shell-parse-posix.js';

export type ScriptDialect = 'posix' | 'fish' | 'csh';

export interface AssignStmt {
  t: 'assign';
  name: string;
  /** The value as written (quotes removed, expansions kept); null for `X=(array)`. */
  raw: string | null;
  /** The words of `X=(a b c)`. */
  array?: Word[];
  literal: boolean;
  /** true: export, false: un-export, undefined: keep the variable's attribute. */
  exported?: boolean;
  local?: boolean;
  append?: boolean;
  line: number;
  cond: boolean;
}

export type Stmt =
  | AssignStmt
  | { t: 'attr'; name: string; exported: boolean; line: number; cond: boolean }
  | { t: 'unset'; name: string; line: number; cond: boolean }
  | { t: 'source'; path: Word; args: Word[]; line: number; cond: boolean; how: string }
  | { t: 'for'; name: string; items: Word[]; body: Stmt[]; line: number; cond: boolean }
  | { t: 'function'; name: string; body: Stmt[]; line: number }
  | {
      t: 'call';
      name: Word;
      args: Word[];
      /** `X=v cmd` and `env X=v cmd`: set for that one command. */
      prefix: AssignStmt[];
      /** `exec cmd`: the shell becomes `cmd`. */
      exec: boolean;
      line: number;
      cond: boolean;
    }
  | { t: 'alias'; name: string; value: string; line: number; cond: boolean }
  | { t: 'runtime'; what: string; line: number; cond: boolean };

export interface Script {
  stmts: Stmt[];
  /** Commands scanned; the scan stops at the caller's bound. */
  commands: number;
  truncated: boolean;
}

type FrameKind = 'root' | 'if' | 'loop' | 'for' | 'case' | 'brace' | 'function' | 'subshell';

interface Frame {
  kind: FrameKind;
  stmts: Stmt[];
  /** Statements under this frame may not run (if, case, loops). */
  cond: boolean;
  for?: { name: string; items: Word[]; line: number };
  fn?: { name: string; line: number };
  /** zsh's `for f (list) body`: the loop ends after one command or brace group. */
  short?: boolean;
}

const POSIX_LEADING = new Set(['then', 'else', 'do', '!', 'time', 'noglob', 'nocorrect']);
const FISH_LEADING = new Set(['else', 'not', '!', 'time', 'builtin', 'command']);

/**
 * `X=v` as a shell sees it: `unquotedName` demands a real assignment word; declaration builtins
 * also accept `"X=v"`.
 */
function assignmentOf(
  w: Word,
  unquotedName: boolean,
  line: number,
  cond: boolean,
): AssignStmt | null {
  const eq = unquotedName ? w.assignAt : w.text.indexOf('=');
  if (eq <= 0) return null;
  let name = w.text.slice(0, eq);
  const append = name.endsWith('+');
  if (append) name = name.slice(0, -1);
  if (!isName(name) || (!unquotedName && !w.raw.startsWith(w.text.slice(0, eq + 1)))) return null;
  const rawEq = w.raw.indexOf('=');
  const raw = w.raw.slice(rawEq + 1);
  const stmt: AssignStmt = {
    t: 'assign',
    name,
    raw,
    literal: w.literal,
    line,
    cond,
    ...(append ? { append } : {}),
  };
  if (raw.startsWith('(') && raw.endsWith(')')) {
    stmt.raw = null;
    stmt.array = innerWords(raw.slice(1, -1), w.line);
  }
  return stmt;
}

/** The words of `(a b c)`, each on its line. */
function innerWords(text: string, line: number): Word[] {
  const words: Word[] = [];
  scanCommands(
    text,
    'posix',
    (ws) => {
      for (const w of ws) words.push({ ...w, line: w.line + line - 1 });
    },
    () => undefined,
  );
  return words;
}

/** Parses a script into statements; `maxCommands` bounds the scan (huge files stop early). */
export function parseScript(text: string, dialect: ScriptDialect, maxCommands: number): Script {
  const root: Frame = { kind: 'root', stmts: [], cond: false };
  const stack: Frame[] = [root];
  let commands = 0;
  let truncated = false;
  let pending: Word[] | null = null; // a command waits for the separator after it
  let nextCond = false; // after && or ||
  let fnName: { name: string; line: number } | null = null; // `name ()` seen, body expected
  let parens = 0; // `name (`: waiting for `)`
  let cshCond: { depth: number; foreach?: { name: string; line: number } } | null = null;
  let cshWords: Word[] = [];

  const top = (): Frame => stack[stack.length - 1]!;
  const underCond = (): boolean => stack.some((f) => f.cond) || nextCond;
  const push = (kind: FrameKind, extra: Partial<Frame> = {}): void => {
    stack.push({ kind, stmts: [], cond: kind !== 'brace' && kind !== 'function', ...extra });
  };
  const pop = (kinds: FrameKind[]): void => {
    for (let i = stack.length - 1; i > 0; i--) {
      if (!kinds.includes(stack[i]!.kind)) continue;
      const frames = stack.splice(i);
      // Frames left open inside (unbalanced input) fold into the one closed.
      for (let k = frames.length - 1; k > 0; k--) frames[k - 1]!.stmts.push(...frames[k]!.stmts);
      close(frames[0]!);
      return;
    }
  };
  const close = (frame: Frame): void => {
    const parent = top();
    if (frame.kind === 'function' && frame.fn) {
      parent.stmts.push({ t: 'function', ...frame.fn, body: frame.stmts });
    } else if (frame.kind === 'for' && frame.for) {
      parent.stmts.push({
        t: 'for',
        ...frame.for,
        body: frame.stmts,
        cond: parent.cond || stack.some((f) => f.cond),
      });
    } else if (frame.kind !== 'subshell') {
      // A subshell's assignments end with it; everything else runs in this shell.
      parent.stmts.push(...frame.stmts);
    }
  };
  const emit = (stmt: Stmt): void => {
    top().stmts.push(stmt);
  };

  const handle = (words: Word[], after: string): void => {
    if (dialect === 'fish') return fishCommand(words);
    if (dialect === 'csh') return cshCommand(words);
    posixCommand(words, after);
  };

  // --- sh, bash, zsh ---
  const posixCommand = (all: Word[], after: string): void => {
    let words = all;
    // `name ()`: a function definition follows
    if (after === '(' && words.length === 1 && words[0]!.literal && !isKeyword(words[0]!.text)) {
      fnName = { name: words[0]!.text, line: words[0]!.line };
      parens = 1;
      return;
    }
    if (top().kind === 'case' && after === ')') return; // a pattern
    for (;;) {
      const first = optionText(words[0]);
      if (POSIX_LEADING.has(first)) words = words.slice(1);
      else if (first === 'if' || first === 'while' || first === 'until') {
        push(first === 'if' ? 'if' : 'loop');
        words = words.slice(1);
      } else if (first === 'elif') words = words.slice(1);
      else if (first === 'fi') {
        pop(['if']);
        words = words.slice(1);
      } else if (first === 'done') {
        pop(['loop', 'for']);
        words = words.slice(1);
      } else if (first === 'esac') {
        pop(['case']);
        words = words.slice(1);
      } else if (first === 'case') {
        push('case');
        return;
      } else if (first === 'for' || first === 'foreach' || first === 'select') {
        const name = optionText(words[1]);
        const inAt = optionText(words[2]) === 'in' ? 3 : -1;
        push('for', {
          for: { name, items: inAt > 0 ? words.slice(inAt) : [], line: words[0]!.line },
        });
        return;
      } else if (first === '{') {
        if (fnName) {
          push('function', { fn: fnName });
          fnName = null;
        } else push('brace');
        words = words.slice(1);
      } else if (first === '}') {
        pop(['brace', 'function']);
        endShortLoops();
        return;
      } else if (first === 'function') {
        const name = words[1];
        if (!name) return;
        fnName = { name: name.text.replace(/\(\)$/, ''), line: name.line };
        words = words.slice(2);
        if (after === '(' && words.length === 0) parens = 1;
      } else break;
      if (words.length === 0) return;
    }
    fnName = null;
    posixSimple(words);
    endShortLoops();
  };

  const endShortLoops = (): void => {
    while (top().short) close(stack.pop()!);
  };

  const posixSimple = (words: Word[]): void => {
    const cond = underCond();
    const line = words[0]!.line;
    let i = 0;
    const prefix: AssignStmt[] = [];
    for (; i < words.length; i++) {
      const a = assignmentOf(words[i]!, true, words[i]!.line, cond);
      if (!a) break;
      prefix.push(a);
    }
    const command = words[i];
    if (!command) {
      for (const a of prefix) emit(a);
      return;
    }
    const args = words.slice(i + 1);
    const name = optionText(command);
    switch (name) {
      case 'export':
        return declaration(args, 'export', cond);
      case 'declare':
      case 'typeset':
      case 'local':
        return declaration(args, name === 'local' ? 'local' : 'declare', cond);
      case 'readonly':
        return declaration(args, 'readonly', cond);
      case 'unset':
        if (args.some((w) => optionText(w) === '-f')) return;
        for (const w of args)
          if (w.literal && isName(w.text)) emit({ t: 'unset', name: w.text, line: w.line, cond });
        return;
      case 'source':
      case '.':
        if (args[0])
          emit({
            t: 'source',
            path: args[0],
            args: args.slice(1),
            line: args[0].line,
            cond,
            how: name,
          });
        return;
      case 'alias':
        for (const w of args) {
          const eq = w.text.indexOf('=');
          if (eq > 0 && isName(w.text.slice(0, eq).replace(/-/g, '_')))
            emit({
              t: 'alias',
              name: w.text.slice(0, eq),
              value: w.text.slice(eq + 1),
              line: w.line,
              cond,
            });
        }
        return;
      case 'eval':
        emit({ t: 'runtime', what: 'eval', line, cond });
        return;
    }
    callOf(words.slice(i), prefix, cond, line);
  };

  const callOf = (words: Word[], prefix: AssignStmt[], cond: boolean, line: number): void => {
    let exec = false;
    let k = 0;
    // `exec`, `command`, `builtin`, `env X=v`: the program is the next plain word
    for (;;) {
      const word = optionText(words[k]);
      if (word === 'exec' || word === 'command' || word === 'builtin' || word === 'nocorrect') {
        exec ||= word === 'exec';
        k++;
        while (optionText(words[k]).startsWith('-')) k += optionText(words[k]) === '-a' ? 2 : 1;
      } else if (word === 'env' || word === '/usr/bin/env') {
        k++;
        for (; k < words.length; k++) {
          const w = words[k]!;
          if (optionText(w).startsWith('-')) continue;
          const a = assignmentOf(w, false, w.line, cond);
          if (!a) break;
          prefix.push(a);
        }
      } else break;
    }
    const name = words[k];
    if (!name) return;
    emit({ t: 'call', name, args: words.slice(k + 1), prefix, exec, line, cond });
  };

  const declaration = (
    args: Word[],
    builtin: 'export' | 'declare' | 'readonly' | 'local',
    cond: boolean,
  ): void => {
    const options = declarationOptions(args, builtin);
    if (!options) return;
    const { exported, operands } = options;
    const local = builtin === 'local';
    for (const w of operands) {
      const a = assignmentOf(w, false, w.line, cond);
      if (a) {
        if (exported !== undefined) a.exported = exported;
        if (local) a.local = true;
        emit(a);
      } else if (exported !== undefined && w.literal && isName(w.text)) {
        emit({ t: 'attr', name: w.text, exported, line: w.line, cond });
      }
    }
  };

  // --- fish ---
  const fishCommand = (all: Word[]): void => {
    let words = all;
    for (;;) {
      const first = optionText(words[0]);
      if (first === 'and' || first === 'or') {
        words = words.slice(1);
        nextCond = true;
      } else if (FISH_LEADING.has(first)) words = words.slice(1);
      else if (first === 'if' || first === 'while' || first === 'switch' || first === 'begin') {
        push(first === 'begin' ? 'brace' : first === 'switch' ? 'case' : 'if');
        words = words.slice(1);
      } else if (first === 'case') return;
      else if (first === 'end') {
        pop(['if', 'loop', 'for', 'case', 'brace', 'function']);
        return;
      } else if (first === 'for') {
        push('for', {
          for: { name: optionText(words[1]), items: words.slice(3), line: words[0]!.line },
        });
        return;
      } else if (first === 'function') {
        push('function', { fn: { name: words[1]?.text ?? '', line: words[0]!.line } });
        return;
      } else break;
      if (words.length === 0) return;
    }
    const cond = underCond();
    const line = words[0]!.line;
    const args = words.slice(1);
    switch (optionText(words[0])) {
      case 'set':
        return fishSet(args, cond);
      case 'export':
        return declaration(args, 'export', cond);
      case 'source':
      case '.':
        if (args[0] && optionText(args[0]) !== '-')
          emit({
            t: 'source',
            path: args[0],
            args: args.slice(1),
            line: args[0].line,
            cond,
            how: 'source',
          });
        return;
      case 'alias': {
        const [name, value] = args;
        if (!name) return;
        const eq = name.text.indexOf('=');
        if (eq > 0)
          emit({
            t: 'alias',
            name: name.text.slice(0, eq),
            value: name.text.slice(eq + 1),
            line,
            cond,
          });
        else if (value) emit({ t: 'alias', name: name.text, value: value.text, line, cond });
        return;
      }
      case 'abbr': {
        // `abbr -a claude 'X=v claude'`: typing `claude` runs the expansion
        const plain = args.filter((w) => !optionText(w).startsWith('-'));
        if (plain.length >= 2)
          emit({
            t: 'alias',
            name: plain[0]!.text,
            value: plain
              .slice(1)
              .map((w) => w.text)
              .join(' '),
            line,
            cond,
          });
        return;
      }
      case 'eval':
        emit({ t: 'runtime', what: 'eval', line, cond });
        return;
    }
    const prefix: AssignStmt[] = [];
    callOf(words, prefix, cond, line);
  };

  const fishSet = (args: Word[], cond: boolean): void => {
    const options = fishSetOptions(args);
    if (!options) return;
    const { exported, erase, derived, local, next: i } = options;
    const nameWord = args[i];
    if (!nameWord?.literal || !isName(nameWord.text)) return;
    const name = nameWord.text;
    if (erase) return emit({ t: 'unset', name, line: nameWord.line, cond });
    const values = args.slice(i + 1);
    const single = values.length === 1 ? values[0]! : null;
    emit({
      t: 'assign',
      name,
      raw: single ? single.raw : values.length === 0 ? '' : null,
      ...(single || values.length === 0 ? {} : { array: values }),
      literal: !derived && values.every((w) => w.literal),
      line: values[0]?.line ?? nameWord.line,
      cond,
      ...(exported !== undefined ? { exported } : {}),
      ...(local ? { local } : {}),
      ...(derived ? { append: true } : {}),
    });
  };

  // --- csh, tcsh ---
  const cshCommand = (all: Word[]): void => {
    let words = all;
    const first = optionText(words[0]);
    if (first === 'then') {
      push('if');
      return;
    }
    if (first === 'endif' || first === 'endsw') return pop(['if', 'case']);
    if (first === 'end') return pop(['for', 'loop']);
    if (first === 'else') words = words.slice(1);
    if (optionText(words[0]) === 'if' || first === 'while' || first === 'switch') {
      if (first === 'while') push('loop');
      if (first === 'switch') push('case');
      nextCond = true;
      return; // the condition follows in parentheses
    }
    if (first === 'foreach') {
      cshCond = { depth: 0, foreach: { name: optionText(words[1]), line: words[0]!.line } };
      return;
    }
    if (words.length === 0) return;
    const cond = underCond();
    const line = words[0]!.line;
    const [nameWord, valueWord] = words.slice(1);
    switch (optionText(words[0])) {
      case 'setenv':
        if (nameWord?.literal && isName(nameWord.text))
          emit({
            t: 'assign',
            name: nameWord.text,
            raw: valueWord ? valueWord.raw : '',
            literal: valueWord ? valueWord.literal : true,
            exported: true,
            line: valueWord?.line ?? nameWord.line,
            cond,
          });
        return;
      case 'unsetenv':
        for (const w of words.slice(1))
          if (w.literal && isName(w.text)) emit({ t: 'unset', name: w.text, line: w.line, cond });
        return;
      case 'set': {
        // `set name = value` (shell variable, for later paths)
        const rest = words.slice(1);
        const eqAt = rest.findIndex((w) => w.text === '=');
        const name = eqAt === 1 ? optionText(rest[0]) : rest[0]?.text.replace(/=.*$/, '');
        const value = eqAt === 1 ? rest[2] : undefined;
        if (name && isName(name) && value)
          emit({
            t: 'assign',
            name,
            raw: value.raw,
            literal: value.literal,
            line: value.line,
            cond,
          });
        return;
      }
      case 'source':
        if (nameWord)
          emit({ t: 'source', path: nameWord, args: [], line: nameWord.line, cond, how: 'source' });
        return;
      case 'alias':
        if (nameWord && valueWord)
          emit({
            t: 'alias',
            name: nameWord.text,
            value: words
              .slice(2)
              .map((w) => w.text)
              .join(' '),
            line,
            cond,
          });
        return;
      case 'eval':
        emit({ t: 'runtime', what: 'eval', line, cond });
        return;
    }
    callOf(words, [], cond, line);
  };

  const flush = (after: string): void => {
    if (!pending) return;
    const words = pending;
    pending = null;
    handle(words, after);
  };

  scanCommands(
    text,
    dialect,
    (words) => {
      if (cshCond) {
        cshWords.push(...words);
        return;
      }
      flush('');
      if (++commands > maxCommands) {
        truncated = true;
        return false;
      }
      pending = words;
      return undefined;
    },
    (op) => {
      if (cshCond) {
        if (op === '(') cshCond.depth++;
        else if (op === ')' && --cshCond.depth === 0) {
          if (cshCond.foreach) {
            push('for', {
              for: { ...cshCond.foreach, items: cshWords },
              short: dialect === 'posix',
            });
          }
          cshCond = null;
          cshWords = [];
        }
        return;
      }
      const head = pending ? optionText(pending[0]) : '';
      // `foreach f (list)` (csh) and zsh's `for f (list) body`
      if (
        op === '(' &&
        pending?.length === 2 &&
        ((dialect === 'csh' && head === 'foreach') || (dialect === 'posix' && head === 'for'))
      ) {
        const words: Word[] = pending;
        pending = null;
        if (++commands > maxCommands) return false;
        cshCond = { depth: 1, foreach: { name: optionText(words[1]), line: words[0]!.line } };
        return;
      }
      flush(op);
      if (dialect === 'csh') {
        if (op === '(' && nextCond) cshCond = { depth: 1 };
        else if (op === '\n' || op === ';') nextCond = false;
        return;
      }
      if (parens > 0) {
        if (op === ')') parens = 0;
        return;
      }
      if (dialect === 'posix' && op === '(') push('subshell');
      else if (dialect === 'posix' && op === ')') pop(['subshell']);
      if (op === '&&' || op === '||') nextCond = true;
      else if (op === '\n' || op === ';' || op === '&') nextCond = false;
      return undefined;
    },
  );
  flush('');
  while (stack.length > 1) close(stack.pop()!);
  return { stmts: root.stmts, commands, truncated };
}

const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'do',
  'done',
  'while',
  'until',
  'case',
  'esac',
  'function',
  '{',
  '}',
]);
const isKeyword = (w: string): boolean => KEYWORDS.has(w);

// Runs a shell's startup files in the head, in the order the shell reads them: variables
// assigned along the way, `source` of literal, variable, globbed and looped paths, functions
// called at start-up, aliases and functions that wrap `claude`, and `exec` of another shell.
// Nothing is executed; conditions are not evaluated (a guarded line counts as run, marked
// conditional), and whatever only a run could tell is noted as such.
import path from 'node:path';
import type { Env, FileStat, FileText } from '../context.js';
import { scanCommands, type Word } from './shell-parse-posix.js';
import {
  parseScript,
  type AssignStmt,
  type Script,
  type ScriptDialect,
  type Stmt,
} from './shell-script.js';

/** How the shell treats `$0`, arrays and globs. */
export type Flavour = 'bash' | 'zsh' | 'sh' | 'fish' | 'csh';

export interface WalkIo {
  home: string;
  /** Where a new terminal starts: HOME. */
  cwd: string;
  /** The environment the shell starts with. */
  env: Env;
  readText(file: string): Promise<FileText>;
  /** Parsed scripts, shared by every walk of the run (each file is parsed once). */
  parsed?: Map<string, Script>;
  realpath(file: string): Promise<string | null>;
  stat(file: string): Promise<FileStat | null>;
  listDir(dir: string): Promise<string[]>;
  display(file: string): string;
  /** True once the run's time is up. */
  expired(): boolean;
}

/** Bounds for one run (all shells together), so hostile startup files cannot stall it. */
export interface WalkBudget {
  files: number;
  commands: number;
  targets: number;
  iterations: number;
}

export const WALK_LIMITS = {
  files: 300,
  /** Commands (lines, roughly) scanned in all files together, and in any one file. */
  commands: 50_000,
  commandsPerFile: 3_000,
  /** Distinct paths `source` may try (missing ones included). */
  targets: 400,
  iterations: 5_000,
  depth: 16,
  callDepth: 8,
} as const;

export function newBudget(): WalkBudget {
  return {
    files: WALK_LIMITS.files,
    commands: WALK_LIMITS.commands,
    targets: WALK_LIMITS.targets,
    iterations: WALK_LIMITS.iterations,
  };
}

export interface WalkAssignment {
  name: string;
  file: string;
  line: number;
  /** The value when the walk could compute it; null when only a run could tell. */
  value: string | null;
  exported: boolean;
  unset: boolean;
  /** Under an `if`, `&&`, `case` or loop: it may not run. */
  conditional: boolean;
  /** `~/.zshrc:3`: the line that sourced this file. */
  via?: string;
  /** `~/.zshrc:9`: the call of the function whose body holds this line. */
  calledFrom?: string;
}

export interface WalkFile {
  path: string;
  via?: string;
  conditional: boolean;
}

export interface WrapperDef {
  /** What the user types (`claude`, `zai`). */
  name: string;
  kind: 'alias' | 'function';
  file: string;
  line: number;
  /** The variables it sets for `claude` (`X=v claude`, `env X=v`, `export X=v` in the body). */
  injects: { name: string; value: string | null; line: number }[];
}

export interface WalkNote {
  file: string;
  line: number;
  text: string;
}

export interface Handoff {
  shell: string;
  login: boolean;
  file: string;
  line: number;
}

interface Var {
  value: string | null;
  array?: string[] | null;
  exported: boolean;
}

interface Frame {
  file: string;
  dialect: ScriptDialect;
  positional: string[];
  via?: string;
  calledFrom?: string;
  cond: boolean;
  depth: number;
  locals?: Map<string, Var>;
  /** zsh: `$0` is the sourced file's path; top-level startup files see the shell's name. */
  topLevel: boolean;
}

type Part = string | string[] | null;

const GLOB = /[*?[]/;
const SHELLS = new Set([
  'bash',
  'zsh',
  'fish',
  'sh',
  'dash',
  'ksh',
  'mksh',
  'tcsh',
  'csh',
  'pwsh',
  'nu',
  'xonsh',
  'elvish',
]);

export const isShellName = (name: string): boolean => SHELLS.has(name);

/** Whether a command word runs Claude Code: `claude`, a path to it, or `npx` of the package. */
export function runsClaude(name: Word, args: Word[]): boolean {
  const base = path.posix.basename(name.raw.replace(/\\/g, '/'));
  if (base === 'claude' || base === 'claude.exe') return true;
  if (['npx', 'bunx', 'pnpx', 'pnpm', 'yarn', 'npm'].includes(base))
    return args.some((a) => /^@anthropic-ai\/claude-code(@|$)/.test(a.text));
  return false;
}

export class Walker {
  readonly files: WalkFile[] = [];
  readonly assignments: WalkAssignment[] = [];
  readonly wrappers: WrapperDef[] = [];
  readonly notes: WalkNote[] = [];
  handoff: Handoff | null = null;
  readonly #vars = new Map<string, Var>();
  readonly #functions = new Map<string, { body: Stmt[]; file: string; dialect: ScriptDialect }>();
  readonly #last = new Map<string, WalkAssignment>();
  readonly #visited = new Set<string>();
  readonly #tried = new Set<string>();
  #stopped = false;

  constructor(
    private readonly io: WalkIo,
    readonly flavour: Flavour,
    private readonly names: ReadonlySet<string>,
    private readonly budget: WalkBudget,
    /** `$0` in top-level startup files: `zsh`, `-bash`. */
    private readonly argv0: string,
  ) {}

  /** Variables exported so far: what a shell started by `exec` inherits. */
  exportedVars(): Map<string, string | null> {
    const out = new Map<string, string | null>();
    for (const [name, v] of this.#vars) if (v.exported) out.set(name, v.value);
    return out;
  }

  /** Starts the walk with variables a previous shell exported (after `exec`). */
  inherit(vars: Map<string, string | null>): void {
    for (const [name, value] of vars) this.#vars.set(name, { value, exported: true });
  }

  /** Forgets a variable the environment has but a new terminal would not (ZDOTDIR set in .zshenv). */
  forget(name: string): void {
    this.#vars.set(name, { value: '', exported: false });
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  variable(name: string): string | null {
    return this.lookup(name, undefined).value;
  }

  note(file: string, line: number, text: string): void {
    if (this.notes.length < 200) this.notes.push({ file, line, text });
  }

  /** direnv's stdlib, when walking an `.envrc`: relative paths are relative to the file. */
  direnv?: {
    dotenv(file: string, at: string): void;
    /** The next `.envrc` above the directory of `from`. */
    up(from: string): Promise<string | null>;
  };

  /** Reads one startup file the shell itself opens (not through `source`). */
  async startupFile(file: string, dialect: ScriptDialect, via?: string): Promise<boolean> {
    return this.runFile(file, {
      file,
      dialect,
      positional: [],
      cond: false,
      depth: 0,
      topLevel: true,
      ...(via ? { via } : {}),
    });
  }

  private async runFile(file: string, frame: Frame): Promise<boolean> {
    if (this.#stopped || this.io.expired()) return false;
    // Deduplicated by resolved path before any read: a file sourced twice is read once.
    const real = await this.io.realpath(file);
    if (!real) return false;
    if (this.#visited.has(real)) return true;
    this.#visited.add(real);
    if (this.budget.files <= 0) {
      this.note(file, 0, `not read: more than ${WALK_LIMITS.files} startup files`);
      return false;
    }
    this.budget.files--;
    const stat = await this.io.stat(real);
    if (!stat?.isFile) return false;
    const read = await this.io.readText(file);
    if (!read.ok) {
      this.note(file, 0, `could not be read (${read.message})`);
      return false;
    }
    const key = `${frame.dialect}:${real}`;
    let script = this.io.parsed?.get(key);
    if (!script) {
      script = parseScript(
        read.text,
        frame.dialect,
        Math.max(0, Math.min(WALK_LIMITS.commandsPerFile, this.budget.commands)),
      );
      this.budget.commands -= script.commands;
      this.io.parsed?.set(key, script);
    }
    if (script.truncated)
      this.note(file, 0, `stopped reading after ${script.commands - 1} commands (bound reached)`);
    this.files.push({
      path: file,
      ...(frame.via ? { via: frame.via } : {}),
      conditional: frame.cond,
    });
    await this.exec(script.stmts, frame);
    return true;
  }

  private async exec(stmts: Stmt[], frame: Frame): Promise<void> {
    for (const stmt of stmts) {
      if (this.#stopped || this.io.expired()) return;
      await this.stmt(stmt, frame);
    }
  }

  private async stmt(stmt: Stmt, frame: Frame): Promise<void> {
    const cond = frame.cond || ('cond' in stmt && stmt.cond);
    switch (stmt.t) {
      case 'assign':
        return this.assign(stmt, frame, cond);
      case 'attr': {
        const v = this.lookupOwn(stmt.name, frame);
        this.setVar(stmt.name, { value: v?.value ?? '', exported: stmt.exported }, frame);
        const last = this.#last.get(stmt.name);
        if (last) last.exported = stmt.exported;
        return;
      }
      case 'unset':
        this.setVar(stmt.name, { value: '', exported: false }, frame);
        this.#last.delete(stmt.name);
        if (this.names.has(stmt.name))
          this.record(stmt.name, null, false, true, stmt.line, frame, cond);
        return;
      case 'source':
        return this.source(stmt.path, stmt.args, stmt.line, frame, cond);
      case 'for': {
        const items = await this.fields(stmt.items, frame);
        if (items === null) {
          if (hasSource(stmt.body))
            this.note(frame.file, stmt.line, 'sources files chosen at run time');
          return;
        }
        for (const item of items) {
          if (this.budget.iterations-- <= 0) return;
          this.setVar(stmt.name, { value: item, exported: false }, frame);
          await this.exec(stmt.body, { ...frame, cond: true });
        }
        return;
      }
      case 'function':
        this.#functions.set(stmt.name, {
          body: stmt.body,
          file: frame.file,
          dialect: frame.dialect,
        });
        this.wrapperFromBody(stmt.name, 'function', stmt.body, frame.file, stmt.line, frame);
        return;
      case 'alias': {
        const script = parseScript(stmt.value, frame.dialect === 'csh' ? 'csh' : 'posix', 50);
        // The alias's own words sit on its line.
        const body = script.stmts.map((s) => ({ ...s, line: stmt.line }) as Stmt);
        this.wrapperFromBody(stmt.name, 'alias', body, frame.file, stmt.line, frame);
        return;
      }
      case 'runtime':
        this.note(frame.file, stmt.line, 'runs code chosen at run time (eval)');
        return;
      case 'call':
        return this.call(stmt, frame, cond);
    }
  }

  private async assign(stmt: AssignStmt, frame: Frame, cond: boolean): Promise<void> {
    let value: string | null;
    let array: string[] | null | undefined;
    if (stmt.array) {
      array = await this.fields(stmt.array, frame);
      value = array ? array.join(' ') : null;
    } else {
      value = stmt.raw === null ? null : await this.scalar(stmt.raw, frame);
    }
    if (stmt.append) {
      const old = this.lookup(stmt.name, frame);
      value = old.value === null || value === null ? null : old.value + value;
      array = undefined;
    }
    if (stmt.local && (frame.locals || this.flavour === 'fish')) {
      (frame.locals ?? new Map()).set(stmt.name, { value, array, exported: false });
      if (!frame.locals && this.flavour === 'fish')
        this.#vars.set(stmt.name, { value, array, exported: false });
      return;
    }
    const exported = stmt.exported ?? this.lookupOwn(stmt.name, frame)?.exported ?? false;
    this.setVar(stmt.name, { value, ...(array !== undefined ? { array } : {}), exported }, frame);
    if (this.names.has(stmt.name))
      this.record(stmt.name, value, exported, false, stmt.line, frame, cond);
  }

  private record(
    name: string,
    value: string | null,
    exported: boolean,
    unset: boolean,
    line: number,
    frame: Frame,
    cond: boolean,
  ): void {
    const a: WalkAssignment = {
      name,
      file: frame.file,
      line,
      value,
      exported,
      unset,
      conditional: cond,
      ...(frame.via ? { via: frame.via } : {}),
      ...(frame.calledFrom ? { calledFrom: frame.calledFrom } : {}),
    };
    this.assignments.push(a);
    if (!unset) this.#last.set(name, a);
  }

  private async source(
    word: Word,
    argWords: Word[],
    line: number,
    frame: Frame,
    cond: boolean,
  ): Promise<void> {
    if (frame.depth >= WALK_LIMITS.depth) {
      this.note(frame.file, line, `not followed: sourced more than ${WALK_LIMITS.depth} deep`);
      return;
    }
    const targets = (await this.fields([word], frame))?.filter((t) => t !== '') ?? null;
    if (targets === null || targets.length === 0) {
      if (targets === null) this.note(frame.file, line, 'sources a file chosen at run time');
      return;
    }
    const args = argWords.length ? ((await this.fields(argWords, frame)) ?? []) : frame.positional;
    const base = this.direnv ? path.dirname(frame.file) : this.io.cwd;
    for (const target of targets) {
      if (!(await this.follow(path.resolve(base, target), args, line, frame, cond))) return;
    }
  }

  /** Reads a sourced file, within the bound on distinct paths; false once the bound is hit. */
  private async follow(
    file: string,
    positional: string[],
    line: number,
    frame: Frame,
    cond: boolean,
  ): Promise<boolean> {
    if (!this.#tried.has(file)) {
      if (this.budget.targets <= 0) {
        this.note(frame.file, line, `not followed: more than ${WALK_LIMITS.targets} sourced paths`);
        return false;
      }
      this.budget.targets--;
      this.#tried.add(file);
    } else if (this.#visited.has(file)) {
      return true;
    }
    await this.runFile(file, {
      file,
      dialect: frame.dialect,
      positional,
      via: `${this.io.display(frame.file)}:${line}`,
      cond,
      depth: frame.depth + 1,
      topLevel: false,
    });
    return true;
  }

  private async call(
    stmt: Extract<Stmt, { t: 'call' }>,
    frame: Frame,
    cond: boolean,
  ): Promise<void> {
    const name = stmt.name.literal ? stmt.name.text : null;
    if (stmt.exec && frame.calledFrom === undefined) {
      const program = stmt.name.literal ? path.basename(stmt.name.text) : null;
      if (program && isShellName(program)) {
        const login = stmt.args.some(
          (a) =>
            a.literal &&
            (a.text === '-l' || a.text === '--login' || /^-[a-z]*l[a-z]*$/.test(a.text)),
        );
        this.handoff = { shell: program, login, file: frame.file, line: stmt.line };
        this.#stopped = true;
      }
      return;
    }
    if (name === 'read' || name === 'mapfile' || name === 'readarray' || name === 'getopts') {
      // Variables these commands fill are known only at run time.
      for (const w of stmt.args)
        if (w.literal && /^[A-Za-z_]\w*$/.test(w.text))
          this.setVar(w.text, { value: null, array: null, exported: false }, frame);
      return;
    }
    if (this.direnv && name !== null && (await this.direnvCall(name, stmt, frame, cond))) return;
    const fn = name !== null ? this.#functions.get(name) : undefined;
    if (!fn || frame.depth >= WALK_LIMITS.depth) return;
    const args = (await this.fields(stmt.args, frame)) ?? [];
    const callDepth = (frame.calledFrom?.split('>').length ?? 0) + 1;
    if (callDepth > WALK_LIMITS.callDepth) return;
    await this.exec(fn.body, {
      file: fn.file,
      dialect: fn.dialect,
      positional: args,
      ...(frame.via ? { via: frame.via } : {}),
      calledFrom: frame.calledFrom
        ? `${frame.calledFrom}>${this.io.display(frame.file)}:${stmt.line}`
        : `${this.io.display(frame.file)}:${stmt.line}`,
      cond,
      depth: frame.depth + 1,
      locals: new Map(),
      topLevel: false,
    });
  }

  private async direnvCall(
    name: string,
    stmt: Extract<Stmt, { t: 'call' }>,
    frame: Frame,
    cond: boolean,
  ): Promise<boolean> {
    const direnv = this.direnv!;
    const dir = path.dirname(frame.file);
    const at = `${this.io.display(frame.file)}:${stmt.line}`;
    const args = await this.fields(stmt.args, frame);
    switch (name) {
      case 'dotenv':
      case 'dotenv_if_exists':
        if (args === null) this.note(frame.file, stmt.line, 'loads an env file chosen at run time');
        else direnv.dotenv(path.resolve(dir, args[0] ?? '.env'), at);
        return true;
      case 'source_env':
      case 'source_env_if_exists': {
        if (args === null || !args[0]) {
          this.note(frame.file, stmt.line, 'sources a file chosen at run time');
          return true;
        }
        let target = path.resolve(dir, args[0]);
        if ((await this.io.stat(target))?.isDirectory) target = path.join(target, '.envrc');
        await this.follow(target, [], stmt.line, frame, cond);
        return true;
      }
      case 'source_up':
      case 'source_up_if_exists': {
        const target = await direnv.up(frame.file);
        if (target) await this.follow(target, [], stmt.line, frame, cond);
        return true;
      }
    }
    return false;
  }

  /** Records `name` as a wrapper when its body runs `claude`. */
  private wrapperFromBody(
    name: string,
    kind: WrapperDef['kind'],
    body: Stmt[],
    file: string,
    line: number,
    frame: Frame,
  ): void {
    const injects: WrapperDef['injects'] = [];
    let runs = false;
    const visit = (stmts: Stmt[]): void => {
      for (const s of stmts) {
        if (s.t === 'assign' && s.exported && !s.local && this.names.has(s.name) && !runs)
          injects.push({
            name: s.name,
            value: s.literal && s.raw !== null ? s.raw : null,
            line: s.line,
          });
        if (s.t === 'call' && runsClaude(s.name, s.args)) {
          runs = true;
          for (const p of s.prefix)
            if (this.names.has(p.name))
              injects.push({
                name: p.name,
                value: p.literal && p.raw !== null ? p.raw : null,
                line: p.line,
              });
        }
        if (s.t === 'for') visit(s.body);
      }
    };
    visit(body);
    void frame;
    if (runs) this.wrappers.push({ name, kind, file, line, injects });
  }

  // --- variables ---

  private lookupOwn(name: string, frame: Frame | undefined): Var | undefined {
    return frame?.locals?.get(name) ?? this.#vars.get(name);
  }

  private setVar(name: string, v: Var, frame: Frame): void {
    if (frame.locals?.has(name)) frame.locals.set(name, v);
    else this.#vars.set(name, v);
  }

  private lookup(name: string, frame: Frame | undefined): Var {
    const own = this.lookupOwn(name, frame);
    if (own) return own;
    if (name === 'HOME') return { value: this.io.home, exported: true };
    if (this.flavour === 'fish') {
      const config = path.join(
        this.io.env.XDG_CONFIG_HOME || path.join(this.io.home, '.config'),
        'fish',
      );
      if (name === '__fish_config_dir') return { value: config, exported: false };
    }
    const value = this.io.env[name];
    return value !== undefined ? { value, exported: true } : { value: '', exported: false };
  }

  // --- expansion ---

  /** A word as one string (assignment values); null when only a run could tell. */
  async scalar(raw: string, frame: Frame): Promise<string | null> {
    const parts = await this.parts(raw, frame);
    if (parts === null) return null;
    let out = '';
    for (const p of parts.values) {
      if (p === null) return null;
      out += Array.isArray(p) ? p.join(' ') : p;
    }
    return out;
  }

  /** Words as the list of fields a command would get, with arrays and globs expanded. */
  async fields(words: Word[], frame: Frame): Promise<string[] | null> {
    const out: string[] = [];
    for (const w of words) {
      const parts = await this.parts(w.raw, frame);
      if (parts === null || parts.values.some((p) => p === null)) return null;
      let strings = this.combine(parts.values as (string | string[])[]);
      if (this.flavour !== 'csh') strings = strings.flatMap(braceExpand);
      for (const s of strings) {
        if (parts.glob && GLOB.test(s)) out.push(...(await this.glob(s)));
        else out.push(s);
        if (out.length > 10_000) return null;
      }
    }
    return out;
  }

  private combine(values: (string | string[])[]): string[] {
    let acc: string[] = [''];
    for (const v of values) {
      if (!Array.isArray(v)) acc = acc.map((a) => a + v);
      else if (this.flavour === 'fish') acc = acc.flatMap((a) => v.map((e) => a + e));
      else if (v.length === 0) acc = acc.length === 1 && acc[0] === '' ? [] : acc;
      else {
        // sh and zsh: the prefix joins the first element, the suffix the last
        const [first, ...rest] = v;
        const last = acc.pop() ?? '';
        acc = [...acc, last + first!, ...rest];
      }
    }
    return acc;
  }

  private async parts(
    raw: string,
    frame: Frame,
  ): Promise<{ values: Part[]; glob: boolean } | null> {
    const values: Part[] = [];
    let glob = false;
    let literal = '';
    const flushLiteral = () => {
      if (literal) values.push(literal);
      if (GLOB.test(literal)) glob = true;
      literal = '';
    };
    const fish = frame.dialect === 'fish';
    for (let i = 0; i < raw.length;) {
      // Most of a word is literal: take it whole (this runs for every word of every file).
      LITERAL_RUN.lastIndex = i;
      if (LITERAL_RUN.test(raw)) {
        literal += raw.slice(i, LITERAL_RUN.lastIndex);
        i = LITERAL_RUN.lastIndex;
        continue;
      }
      const c = raw.charAt(i);
      if (c === '~' && i === 0) {
        const end = raw.indexOf('/');
        const user = raw.slice(1, end < 0 ? raw.length : end);
        if (user) return null;
        values.push(this.io.home);
        i = end < 0 ? raw.length : end;
        continue;
      }
      if (c === '$' && raw.charAt(i + 1) === '{' && !fish) {
        const end = matching(raw, i + 1, '{', '}');
        if (end < 0) return null;
        flushLiteral();
        values.push(await this.brace(raw.slice(i + 2, end), frame));
        i = end + 1;
        continue;
      }
      if ((c === '$' && raw.charAt(i + 1) === '(') || (fish && c === '(')) {
        const open = c === '$' ? i + 1 : i;
        const end = matching(raw, open, '(', ')');
        if (end < 0) return null;
        flushLiteral();
        values.push(await this.substitute(raw.slice(open + 1, end), frame));
        i = end + 1;
        continue;
      }
      if (c === '`') {
        const end = raw.indexOf('`', i + 1);
        if (end < 0) return null;
        flushLiteral();
        values.push(await this.substitute(raw.slice(i + 1, end), frame));
        i = end + 1;
        continue;
      }
      if (c === '$') {
        PARAMETER.lastIndex = i;
        const m = PARAMETER.exec(raw);
        if (m) {
          flushLiteral();
          values.push(this.param(m[1]!, frame, false));
          i += m[0].length;
          // zsh modifiers without braces: `$0:A:h`
          if (this.flavour === 'zsh') {
            ZSH_MODIFIERS.lastIndex = i;
            const mods = ZSH_MODIFIERS.exec(raw);
            if (mods) {
              values.push(await this.modifiers(values.pop() as Part, mods[0], frame));
              i += mods[0].length;
            }
          }
          continue;
        }
      }
      literal += c;
      i++;
    }
    flushLiteral();
    return { values, glob };
  }

  private param(name: string, frame: Frame, quotedAll: boolean): Part {
    void quotedAll;
    if (name === '@' || name === '*') return frame.positional;
    if (/^[0-9]+$/.test(name)) {
      if (name === '0') return this.argZero(frame);
      return frame.positional[Number(name) - 1] ?? '';
    }
    if (name === '#') return String(frame.positional.length);
    if (name === 'BASH_SOURCE') return this.flavour === 'bash' ? frame.file : '';
    if (name === '?' || name === '$' || name === '!' || name === '-') return null;
    const v = this.lookup(name, frame);
    if (
      v.array !== undefined &&
      v.array !== null &&
      (this.flavour === 'zsh' || this.flavour === 'fish')
    )
      return v.array;
    return v.value;
  }

  /**
   * zsh sets `$0` to the file in sourced files; in the startup files themselves (and in bash,
   * everywhere) it is the shell's own argv[0], which the terminal chooses (`-zsh`, `zsh`,
   * `/bin/zsh`): only a run can tell.
   */
  private argZero(frame: Frame): string | null {
    if (this.flavour === 'zsh' && !frame.topLevel) return frame.file;
    return null;
  }

  /** `${...}`: the common forms, zsh's nested ones and modifiers included. */
  private async brace(body: string, frame: Frame): Promise<Part> {
    if (body.startsWith('${')) {
      const end = matching(body, 1, '{', '}');
      if (end < 0) return null;
      const inner = await this.brace(body.slice(2, end), frame);
      return this.operator(inner, body.slice(end + 1), frame);
    }
    const flags = /^\(([^)]*)\)/.exec(body);
    let rest = flags ? body.slice(flags[0].length) : body;
    const prompt = flags?.[1]?.includes('%') ?? false;
    const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#])?(\[[^\]]*\])?/.exec(rest)!;
    rest = rest.slice(m[0].length);
    if (m[1]) return null; // length
    const name = m[2] ?? '';
    let value: Part = name === '' ? '' : this.param(name, frame, false);
    const index = m[3]?.slice(1, -1);
    if (index !== undefined) {
      if (name === 'BASH_SOURCE' && (index === '0' || index === '@'))
        value = this.param(name, frame, false);
      else if (index === '@' || index === '*') value = this.arrayOf(name, frame);
      else if (/^[0-9]+$/.test(index)) {
        const arr = this.arrayOf(name, frame);
        const n = Number(index);
        value = arr === null ? null : (arr[this.flavour === 'zsh' ? n - 1 : n] ?? '');
      } else return null;
    }
    if (rest.startsWith(':#') && this.flavour === 'zsh') {
      // `${array:#pattern}` drops matching elements; `${(M)array:#pattern}` keeps only them
      return this.filter(value, rest.slice(2), flags?.[1]?.includes('M') ?? false, frame);
    }
    const result = await this.operator(value, rest, frame);
    if (prompt && typeof result === 'string') {
      // `${(%):-%x}`: the file being read
      return result === '%x' || result === '%N' ? frame.file : result.includes('%') ? null : result;
    }
    return result;
  }

  private arrayOf(name: string, frame: Frame): string[] | null {
    if (name === '@' || name === '*') return frame.positional;
    const v = this.lookup(name, frame);
    if (v.array !== undefined) return v.array;
    return v.value === null ? null : v.value === '' ? [] : [v.value];
  }

  private async filter(value: Part, raw: string, keep: boolean, frame: Frame): Promise<Part> {
    const list = Array.isArray(value) ? value : value === null ? null : value === '' ? [] : [value];
    const pattern = await this.scalar(raw, frame);
    if (list === null || pattern === null) return null;
    const re = patternRegex(pattern);
    return list.filter((e) => re.test(e) === keep);
  }

  private async operator(value: Part, op: string, frame: Frame): Promise<Part> {
    if (op === '') return value;
    if (op.startsWith(':#') && this.flavour === 'zsh')
      return this.filter(value, op.slice(2), false, frame);
    const empty = value === '' || (Array.isArray(value) && value.length === 0);
    const m = /^(:?[-=+?])(.*)$/s.exec(op);
    if (m) {
      const colon = m[1]!.startsWith(':');
      const kind = m[1]!.slice(-1);
      const unset = value === '' && !colon ? false : empty;
      if (value === null) return null;
      if (kind === '-' || kind === '=')
        return unset || (colon && empty) ? this.scalar(m[2]!, frame) : value;
      if (kind === '+') return unset ? '' : this.scalar(m[2]!, frame);
      return value;
    }
    if (op.startsWith(':') && this.flavour === 'zsh') return this.modifiers(value, op, frame);
    const strip = /^(%%?|##?)(.*)$/s.exec(op);
    if (strip && typeof value === 'string') {
      const pattern = await this.scalar(strip[2]!, frame);
      if (pattern === null) return null;
      return stripPattern(value, strip[1]!, pattern);
    }
    return null;
  }

  private async modifiers(value: Part, mods: string, frame: Frame): Promise<Part> {
    if (typeof value !== 'string') return null;
    let v = value;
    for (const mod of mods.split(':').slice(1)) {
      if (mod === 'h') v = v.includes('/') ? path.posix.dirname(v) : '.';
      else if (mod === 't') v = path.posix.basename(v);
      else if (mod === 'r') v = v.replace(/\.[^./]*$/, '');
      else if (mod === 'e') v = /\.([^./]*)$/.exec(v)?.[1] ?? '';
      else if (mod === 'a') v = path.resolve(this.io.cwd, v);
      else if (mod === 'A' || mod === 'P') {
        const abs = path.resolve(this.io.cwd, v);
        v = (await this.io.realpath(abs)) ?? abs;
      } else return null;
    }
    void frame;
    return v;
  }

  /** `$(...)`: the script-directory idioms; anything else is known only at run time. */
  private async substitute(inner: string, frame: Frame): Promise<Part> {
    const commands: Word[][] = [];
    scanCommands(
      inner,
      frame.dialect === 'fish' ? 'fish' : 'posix',
      (words) => {
        commands.push(words);
      },
      () => undefined,
    );
    if (commands.length === 0 || commands.length > 2) return null;
    const one = async (words: Word[]): Promise<string | null> => {
      const [cmd, ...rest] = words;
      const args = rest.filter((w) => !(w.literal && w.text.startsWith('-')));
      const flags = rest.filter((w) => w.literal && w.text.startsWith('-')).map((w) => w.text);
      const arg = args.length === 1 ? await this.scalar(args[0]!.raw, frame) : null;
      switch (cmd?.literal ? cmd.text : '') {
        case 'dirname':
          return arg === null ? null : arg.includes('/') ? path.posix.dirname(arg) : '.';
        case 'basename':
          return arg === null ? null : path.posix.basename(arg);
        case 'realpath':
        case 'readlink':
        case 'greadlink': {
          if (arg === null || (cmd!.text !== 'realpath' && !flags.some((f) => /^-[fem]/.test(f))))
            return null;
          const abs = path.resolve(this.io.cwd, arg);
          return (await this.io.realpath(abs)) ?? abs;
        }
        case 'pwd':
          return this.io.cwd;
        case 'echo':
          return args.length === 1 ? arg : null;
        case 'status': {
          const sub = rest.map((w) => w.text).join(' ');
          if (/^(-f|--current-filename|filename|current-filename)$/.test(sub)) return frame.file;
          if (/^(dirname|current-dirname)$/.test(sub)) return path.dirname(frame.file);
          return null;
        }
      }
      return null;
    };
    if (commands.length === 2) {
      // `cd "$(dirname ...)" && pwd [-P]`
      const [cd, pwd] = commands;
      if (cd![0]?.text !== 'cd' || pwd![0]?.text !== 'pwd') return null;
      const target = cd!.slice(1).filter((w) => !(w.literal && w.text.startsWith('-')));
      if (target.length !== 1) return null;
      const dir = await this.scalar(target[0]!.raw, frame);
      if (dir === null) return null;
      const abs = path.resolve(this.io.cwd, dir);
      return pwd!.some((w) => w.text === '-P') ? ((await this.io.realpath(abs)) ?? abs) : abs;
    }
    return one(commands[0]!);
  }

  /** Pathname expansion, sorted the way the shell sorts; zsh's qualifiers `(N.)` understood. */
  private async glob(pattern: string): Promise<string[]> {
    let p = pattern;
    let dot = false;
    const qualifier = /\(([^()]*)\)$/.exec(p);
    if (qualifier && this.flavour === 'zsh') {
      p = p.slice(0, -qualifier[0].length);
      dot = qualifier[1]!.includes('D');
    }
    const absolute = p.startsWith('/');
    const segments = p.split('/').filter((s) => s !== '');
    let paths: string[] = [absolute ? '/' : this.io.cwd];
    const recursive = this.flavour === 'zsh' || this.flavour === 'fish';
    for (const segment of segments) {
      const next: string[] = [];
      if (!GLOB.test(segment)) {
        for (const dir of paths) next.push(path.join(dir, segment));
      } else if (segment === '**' && recursive) {
        for (const dir of paths) next.push(dir, ...(await this.subdirs(dir, 6)));
      } else {
        const re = globRegex(segment);
        for (const dir of paths) {
          for (const name of await this.io.listDir(dir)) {
            if (name.startsWith('.') && !segment.startsWith('.') && !dot) continue;
            if (re.test(name)) next.push(path.join(dir, name));
          }
        }
      }
      paths = next;
      if (paths.length > 10_000) return [];
    }
    const existing: string[] = [];
    for (const file of paths) if (await this.io.stat(file)) existing.push(file);
    return existing.sort(this.flavour === 'fish' ? naturalCompare : byteCompare);
  }

  private async subdirs(dir: string, depth: number): Promise<string[]> {
    if (depth === 0) return [];
    const out: string[] = [];
    for (const name of await this.io.listDir(dir)) {
      if (name.startsWith('.')) continue;
      const full = path.join(dir, name);
      if ((await this.io.stat(full))?.isDirectory)
        out.push(full, ...(await this.subdirs(full, depth - 1)));
      if (out.length > 2000) break;
    }
    return out;
  }
}

/** Characters of a word that expand nothing (`~` only leads, `(` only in fish: checked one by one). */
const LITERAL_RUN = /[^$`~(]+/y;
const PARAMETER = /\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/y;
const ZSH_MODIFIERS = /(?::[aAhtre])+/y;

function hasSource(stmts: Stmt[]): boolean {
  return stmts.some((s) => s.t === 'source' || (s.t === 'for' && hasSource(s.body)));
}

/** Index of the bracket closing the one at `open`, honouring nesting; -1 when unclosed. */
function matching(s: string, open: number, left: string, right: string): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === left) depth++;
    else if (c === right && --depth === 0) return i;
  }
  return -1;
}

function globRegex(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charAt(i);
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = segment
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

// A parameter pattern (`${x%/*}`, `${a:#pat}`): unlike in pathnames, `*` matches `/` too.
function patternRegex(pattern: string): RegExp {
  return new RegExp(
    `^${globRegex(pattern)
      .source.slice(1, -1)
      .replace(/\[\^\/\]/g, '.')}$`,
    's',
  );
}

function stripPattern(value: string, op: string, pattern: string): string {
  const re = patternRegex(pattern);
  const n = value.length;
  if (op === '%') {
    for (let i = n; i >= 0; i--) if (re.test(value.slice(i))) return value.slice(0, i);
  } else if (op === '%%') {
    for (let i = 0; i <= n; i++) if (re.test(value.slice(i))) return value.slice(0, i);
  } else if (op === '#') {
    for (let i = 0; i <= n; i++) if (re.test(value.slice(0, i))) return value.slice(i);
  } else {
    for (let i = n; i >= 0; i--) if (re.test(value.slice(0, i))) return value.slice(i);
  }
  return value;
}

/** `{a,b}` brace expansion (one level, as used in startup files). */
function braceExpand(s: string): string[] {
  const m = /^(.*?)\{([^{}]*,[^{}]*)\}(.*)$/s.exec(s);
  if (!m) return [s];
  return m[2]!.split(',').flatMap((alt) => braceExpand(`${m[1]}${alt}${m[3]}`));
}

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const naturalCompare = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || byteCompare(a, b);

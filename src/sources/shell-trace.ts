import path from 'node:path';
import type { Context, Env } from '../context.js';
import { WATCHED_VARS } from '../env-vars.js';
import type { ShellModel } from './shell-files.js';

// `--trace-shell`: run the user's own shell once, the way a new terminal starts it (login or
// interactive, stdin from /dev/null, no TTY, in HOME, bounded by --timeout), traced, and keep
// only which file and line assigned which watched variable. The trace itself (values included)
// stays in memory and is never shown. It runs the user's own startup files; a project's
// `.envrc` is never run (the shell starts in HOME, with direnv's state cleared).

export interface TracedSet {
  name: string;
  /** Absolute path, when the shell said (bash as root does not: it ignores PS4 then). */
  file: string | null;
  line: number | null;
  unset: boolean;
  /** The value the shell assigned, as traced; kept only to match lines, never shown. */
  value: string | null;
}

export type TraceResult =
  { ok: true; shell: string; sets: TracedSet[] } | { ok: false; shell: string; reason: string };

const MARK = '\u241e'; // a separator no path contains
const PS4 = `+${MARK}\${BASH_SOURCE}${MARK}\${LINENO}${MARK}%x${MARK}%I${MARK} `;

/** Variables a terminal emulator passes on; everything else the startup files decide. */
const KEEP =
  /^(HOME|USER|LOGNAME|SHELL|PATH|TERM|LANG|LC_\w+|TMPDIR|TZ|DISPLAY|WAYLAND_DISPLAY|XDG_\w+|SSH_AUTH_SOCK|WSL_DISTRO_NAME|WSL_INTEROP)$/;

export function traceShell(ctx: Context, model: ShellModel): Promise<TraceResult> {
  return ctx.memo('shell-trace', async () => {
    const shell = model.shell;
    const program = ctx.env.SHELL && path.basename(ctx.env.SHELL) === shell ? ctx.env.SHELL : shell;
    const login = model.mode === 'login';
    let args: string[];
    if (shell === 'bash' || shell === 'zsh') args = [...(login ? ['-l'] : []), '-i', '-x'];
    else if (shell === 'fish') args = [...(login ? ['-l'] : []), '-i'];
    else
      return {
        ok: false,
        shell,
        reason: `--trace-shell supports bash, zsh and fish, not ${shell}`,
      };
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(ctx.env))
      if (value !== undefined && KEEP.test(name)) env[name] = value;
    env.PS4 = PS4;
    env.fish_trace = '1';
    const result = await ctx.runShell(program, args, env);
    if (result.failure) return { ok: false, shell, reason: result.failure };
    if (result.timedOut)
      return { ok: false, shell, reason: `${shell} did not finish starting within --timeout` };
    return { ok: true, shell, sets: parseTrace(`${result.stderr}\n${result.stdout}`, ctx.home) };
  });
}

/** File, line and variable of every assignment to a watched variable in a shell's trace. */
export function parseTrace(log: string, home: string): TracedSet[] {
  const sets: TracedSet[] = [];
  const fishFiles: { file: string; depth: number }[] = [];
  for (const raw of log.split('\n')) {
    const ps4 = raw.startsWith('+') ? raw.split(MARK) : null;
    if (ps4 && ps4.length >= 6) {
      // bash fills the first pair, zsh the second (each ignores the other's syntax)
      const bash = ps4[3] === '%x';
      const file = bash ? ps4[1]! : ps4[3]!;
      const line = Number(bash ? ps4[2] : ps4[4]);
      const command = ps4.slice(5).join(MARK).trimStart();
      for (const s of shellAssignments(command)) {
        const prev = sets[sets.length - 1];
        const at = file ? path.resolve(home, file) : null;
        if (prev && prev.name === s.name && prev.file === at && prev.line === line) continue;
        sets.push({ ...s, file: at, line: Number.isFinite(line) ? line : null });
      }
      continue;
    }
    if (raw.startsWith('+ ') || raw.startsWith('++')) {
      // bash run by root ignores PS4: commands without file and line
      for (const s of shellAssignments(raw.replace(/^\++ /, '')))
        sets.push({ ...s, file: null, line: null });
      continue;
    }
    const fish = /^(-*)> (.*)$/.exec(raw);
    if (fish) {
      const depth = fish[1]!.length;
      const command = fish[2]!;
      while (fishFiles.length && fishFiles[fishFiles.length - 1]!.depth > depth) fishFiles.pop();
      const src = /^(?:source|\.) (\S+)/.exec(command);
      if (src) {
        fishFiles.push({ file: src[1]!, depth: depth + 2 });
        continue;
      }
      const file = fishFiles[fishFiles.length - 1]?.file ?? null;
      // fish names the file but not the line; the caller matches the line by variable
      for (const s of fishSet(command)) sets.push({ ...s, file, line: null });
    }
  }
  return sets.filter((s) => WATCHED_VARS.has(s.name));
}

const NAME = /^'?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith("'") && value.endsWith("'")
    ? value.slice(1, -1).replace(/'\\''/g, "'")
    : value;
}

/** `export X=v`, `X=v`, `declare -x X=v`, `unset X`, as bash and zsh print them. */
function shellAssignments(command: string): Omit<TracedSet, 'file' | 'line'>[] {
  const words = command.trim().split(/\s+/);
  const first = words[0] ?? '';
  if (first === 'unset')
    return words
      .slice(1)
      .filter((w) => /^[A-Za-z_]\w*$/.test(w))
      .map((name) => ({ name, unset: true, value: null }));
  const body = ['export', 'declare', 'typeset', 'readonly'].includes(first)
    ? words.slice(1).filter((w) => !w.startsWith('-'))
    : words;
  const assigns = body.map((w) => ({ w, m: NAME.exec(w) }));
  // `X=v cmd` sets X for that command only
  if (assigns.some((a) => !a.m) && body === words) return [];
  return assigns
    .filter((a) => a.m !== null)
    .map(({ w, m }) => ({
      name: m![1]!,
      unset: false,
      // bash quotes the whole word: 'X=a b'
      value: w.startsWith("'") ? m![2]!.replace(/'$/, '') : unquote(m![2]!),
    }));
}

function fishSet(command: string): Omit<TracedSet, 'file' | 'line'>[] {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'set') return [];
  const flags = words.slice(1).filter((w) => w.startsWith('-'));
  const plain = words.slice(1).filter((w) => !w.startsWith('-'));
  if (flags.some((f) => /^-[a-zA-Z]*[qlnS]/.test(f) || f === '--local' || f === '--query'))
    return [];
  const [name, ...values] = plain;
  if (!name || !/^[A-Za-z_]\w*$/.test(name)) return [];
  const erase = flags.some((f) => /^-[a-zA-Z]*e/.test(f) || f === '--erase');
  return [{ name, unset: erase, value: erase ? null : values.join(' ') }];
}

export type { Env };

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
  | { ok: true; shell: string; sets: TracedSet[]; deviations: string[] }
  | { ok: false; shell: string; reason: string; deviations: string[] };

const MARK = '\u241e'; // a separator no path contains
const PS4 = `+${MARK}\${BASH_SOURCE}${MARK}\${LINENO}${MARK}%x${MARK}%I${MARK} `;

/** Variables a terminal emulator passes on; everything else the startup files decide. */
const KEEP =
  /^(HOME|USER|LOGNAME|SHELL|PATH|TERM|LANG|LC_\w+|TMPDIR|TZ|DISPLAY|WAYLAND_DISPLAY|XDG_\w+|SSH_AUTH_SOCK|WSL_DISTRO_NAME|WSL_INTEROP)$/;

const STATIC = 'the lines shown come from reading the startup files (the static model)';

/** Why a shell is not traced: no trace of it names file and line. */
const UNTRACED: Record<string, string> = {
  tcsh: `tcsh was not traced: its trace (\`set echo\`, \`-x\`) prints commands without their file or line, so ${STATIC}`,
  csh: `csh was not traced: its trace (\`set echo\`, \`-x\`) prints commands without their file or line, so ${STATIC}`,
  pwsh: `PowerShell was not traced: --trace-shell does not run PowerShell, so ${STATIC}`,
  unknown: `no shell was traced: neither $SHELL nor your passwd entry names one, so ${STATIC} of every shell`,
};

/**
 * bash run by root ignores PS4 from the environment, so its trace would name no file or line.
 * There it reads its startup files through a wrapper that sets PS4 first: for an interactive
 * shell, `--rcfile` names the wrapper, which sources ~/.bashrc (bash itself still reads the
 * system bashrc before it); for a login shell, which takes no rcfile, `-c` runs one that sources
 * the login files in bash's own order, with `-l` and `$0` as a login shell has them.
 */
const ROOT_RC = `PS4='${PS4}'\nif [ -e ~/.bashrc ]; then . ~/.bashrc; fi\n`;
const ROOT_LOGIN = [
  `PS4='${PS4}'`,
  'if [ -e /etc/profile ]; then . /etc/profile; fi',
  'if [ -e ~/.bash_profile ]; then . ~/.bash_profile',
  'elif [ -e ~/.bash_login ]; then . ~/.bash_login',
  'elif [ -e ~/.profile ]; then . ~/.profile; fi',
].join('\n');
const AS_ROOT = 'bash ignores PS4 from the environment when run as root';
const ROOT_DEVIATIONS = {
  interactive: `${AS_ROOT}, so ~/.bashrc was sourced by a private wrapper file (\`bash --rcfile\`) that sets PS4 first; the system-wide bashrc bash reads before it (Debian's /etc/bash.bashrc) is traced without file and line`,
  login: `${AS_ROOT}, so the login files were sourced by \`bash -l -c\` in bash's order (/etc/profile, then the first of ~/.bash_profile, ~/.bash_login, ~/.profile) rather than by bash itself; they see \`c\` in \`$-\` and no prompt follows them`,
};

export function traceShell(ctx: Context, model: ShellModel): Promise<TraceResult> {
  return ctx.memo('shell-trace', async () => {
    const shell = model.shell;
    const program = ctx.env.SHELL && path.basename(ctx.env.SHELL) === shell ? ctx.env.SHELL : shell;
    const login = model.mode === 'login';
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(ctx.env))
      if (value !== undefined && KEEP.test(name)) env[name] = value;
    env.PS4 = PS4;
    env.fish_trace = '1';
    const deviations: string[] = [];
    const run = (args: string[]) => ctx.runShell(program, args, env);
    let ran: Awaited<ReturnType<typeof run>> | null;
    if (shell === 'bash' && ctx.uid === 0 && login) {
      deviations.push(ROOT_DEVIATIONS.login);
      ran = await run(['--noprofile', '--norc', '-l', '-i', '-x', '-c', ROOT_LOGIN, '-bash']);
    } else if (shell === 'bash' && ctx.uid === 0) {
      deviations.push(ROOT_DEVIATIONS.interactive);
      ran =
        (
          await ctx.withTempFile('bash-trace-rc', ROOT_RC, (rc) =>
            run(['--rcfile', rc, '-i', '-x']),
          )
        )?.value ?? null;
      if (!ran)
        return {
          ok: false,
          shell,
          reason: `${AS_ROOT}, and there was no private cache directory for the wrapper that sets it, so ${STATIC}`,
          deviations,
        };
    } else if (shell === 'bash' || shell === 'zsh') {
      ran = await run([...(login ? ['-l'] : []), '-i', '-x']);
    } else if (shell === 'fish') {
      ran = await run([...(login ? ['-l'] : []), '-i']);
    } else {
      const reason =
        UNTRACED[shell] ??
        `${shell} was not traced: --trace-shell traces bash, zsh and fish, so ${STATIC}`;
      return { ok: false, shell, reason, deviations };
    }
    if (ran.failure)
      return { ok: false, shell, reason: `${ran.failure}, so ${STATIC}`, deviations };
    if (ran.timedOut)
      return {
        ok: false,
        shell,
        reason: `${shell} did not finish starting within --timeout, so ${STATIC}`,
        deviations,
      };
    const sets = parseTrace(`${ran.stderr}\n${ran.stdout}`, ctx.home);
    return { ok: true, shell, sets, deviations };
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

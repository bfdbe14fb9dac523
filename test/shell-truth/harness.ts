import { spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  openSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Context } from '../../src/context.js';

// Runs a real shell in a throwaway HOME the way a new terminal starts it (login or interactive,
// no TTY), traced, and reports which file and line assigned each variable, plus the environment
// the shell ended up with. bash and zsh tell file and line through PS4; fish tells the file
// through its trace nesting (`source` lines) and tcsh only the commands, so for those two the
// line is the one in the layout that holds the traced command's unique value.

export type Shell = 'bash' | 'zsh' | 'fish' | 'tcsh';
export type Mode = 'login' | 'interactive';

export interface Layout {
  id: string;
  shell: Shell;
  mode: Mode;
  /** Files under HOME; a value `{ link: 'target' }` makes a symlink (relative to HOME). */
  files: Record<string, string | { link: string }>;
  /** What the layout shows (a real-world construct). */
  about: string;
}

export interface TracedSet {
  name: string;
  /** HOME-relative (`~/.zshrc`) or absolute for system files. */
  file: string;
  line: number;
  unset: boolean;
}

export interface Traced {
  sets: TracedSet[];
  env: Record<string, string>;
  /** Raw trace, for failure messages (the values are test values, not secrets). */
  log: string;
}

const PS4 = '+${BASH_SOURCE}:${LINENO}:%x:%I> ';
const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

export function makeHome(layout: Layout): { root: string; home: string; bin: string } {
  const root = mkdtempSync(path.join(tmpdir(), `shell-truth-${layout.id}-`));
  const home = path.join(root, 'home');
  // ~/bin, as many users have it: a login file that resets PATH can put it back.
  const bin = path.join(home, 'bin');
  mkdirSync(bin, { recursive: true });
  mkdirSync(path.join(root, 'out'));
  for (const [rel, content] of Object.entries(layout.files)) {
    const file = path.join(home, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === 'string') writeFileSync(file, content);
    else symlinkSync(path.join(home, content.link), file);
  }
  // A shell that `exec`s another gets a traced one, interactive as it would be on a terminal.
  for (const [shell, flags] of [
    ['bash', '-x -i'],
    ['zsh', '-x -i'],
    ['fish', '-i'],
  ]) {
    writeFileSync(path.join(bin, shell!), `#!/bin/sh\nexec /usr/bin/${shell} ${flags} "$@"\n`);
    chmodSync(path.join(bin, shell!), 0o755);
  }
  if (ROOT) {
    // bash ignores PS4 from the environment when run by root: run the shells as nobody.
    chmodSync(root, 0o755);
    chownTree(home, NOBODY);
    chownSync(path.join(root, 'out'), NOBODY, NOBODY);
  }
  return { root, home, bin };
}

function chownTree(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) chownTree(full, uid);
    else chownSync(full, uid, uid);
  }
}

export function removeHome(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** The doctor's context for a layout's home, as a Linux terminal of its shell and mode would see it. */
export function layoutContext(
  layout: Layout,
  home: string,
  bin: string,
  extra: { env?: Record<string, string>; traceShell?: boolean } = {},
): Context {
  return new Context({
    env: { ...terminalEnv(home, bin, layout.shell), ...extra.env },
    cwd: home,
    platform: 'linux',
    arch: 'x64',
    nodeVersion: '20.0.0',
    systemRoot: '/',
    options: {
      expect: 'auto',
      offline: true,
      timeoutMs: 10_000,
      verbose: false,
      shellMode: layout.mode,
      ...(extra.traceShell ? { traceShell: true } : {}),
    },
  });
}

/** The environment a terminal emulator gives the shell (nothing from the test's own). */
export function terminalEnv(home: string, bin: string, shell: Shell): Record<string, string> {
  return {
    HOME: home,
    PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
    SHELL: `/usr/bin/${shell}`,
    TERM: 'dumb',
    USER: ROOT ? 'nobody' : (process.env.USER ?? 'user'),
  };
}

export async function trace(layout: Layout, home: string, bin: string): Promise<Traced> {
  const envFile = path.join(path.dirname(home), 'out', 'env.out');
  const env = { ...terminalEnv(home, bin, layout.shell), PS4, fish_trace: '1' };
  const login = layout.mode === 'login';
  let argv: string[];
  let argv0: string | undefined;
  switch (layout.shell) {
    case 'bash':
    case 'zsh':
      argv = [`/usr/bin/${layout.shell}`, ...(login ? ['-l'] : []), '-i', '-x'];
      break;
    case 'fish':
      argv = ['/usr/bin/fish', ...(login ? ['-l'] : []), '-i'];
      break;
    case 'tcsh':
      // `-l` must be tcsh's only flag; a leading dash in argv[0] makes a login shell too.
      argv = ['/usr/bin/tcsh', '-X', '-i'];
      if (login) argv0 = '-tcsh';
      break;
  }
  // tcsh needs no PS4 and takes argv[0]; the others run as nobody under root (see makeHome).
  if (ROOT && layout.shell !== 'tcsh')
    argv = ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...argv];
  const [file, ...args] = argv;
  // What the user types first: print the environment. A file, not a pipe: Node's stdin pipe is
  // a socket, which fish refuses to read.
  const input = path.join(path.dirname(home), 'out', 'input');
  writeFileSync(input, `env > ${envFile}\nexit\n`);
  const stdin = openSync(input, 'r');
  // stdout and stderr share one file, so the trace (stderr) and the prompt (stdout) keep the
  // order the shell wrote them in: two pipes could put tcsh's prompt before a traced line.
  const logFile = path.join(path.dirname(home), 'out', 'trace.log');
  const out = openSync(logFile, 'w');
  const log = await new Promise<string>((resolve, reject) => {
    const child = spawn(file!, args, {
      cwd: home,
      env,
      stdio: [stdin, out, out],
      ...(argv0 ? { argv0 } : {}),
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      closeSync(stdin);
      closeSync(out);
      resolve(readFileSync(logFile, 'utf8'));
    });
  });
  let envText = '';
  try {
    envText = readFileSync(envFile, 'utf8');
  } catch {
    // the shell died before running `env`: no variables
  }
  const finalEnv: Record<string, string> = {};
  for (const line of envText.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) finalEnv[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { sets: parseTrace(layout, home, log), env: finalEnv, log };
}

const display = (home: string, traced: string) => {
  // bash shows a file sourced by a relative name as written; terminals start in HOME
  const file = path.resolve(home, traced);
  return file === home || file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
};

function parseTrace(layout: Layout, home: string, log: string): TracedSet[] {
  const sets: TracedSet[] = [];
  const fish: { file: string; depth: number }[] = [];
  for (const raw of log.split('\n')) {
    // bash and zsh: `+FILE:LINE:%x:%I> cmd` (bash) or `+${BASH_SOURCE}:${LINENO}:FILE:LINE> cmd` (zsh)
    const ps4 = /^\++(.*?):(\d+|\$\{LINENO\}):(.*?):(\d+|%I)> (.*)$/.exec(raw);
    if (ps4) {
      const [, f1, l1, f2, l2, command] = ps4;
      const bashStyle = f2 === '%x';
      const file = bashStyle ? f1! : f2!;
      const line = Number(bashStyle ? l1 : l2);
      for (const s of assignmentsIn(command!)) {
        const prev = sets[sets.length - 1];
        const set = { ...s, file: display(home, file), line };
        // bash prints `export X=v` and then `X=v` for the same line
        if (prev && prev.name === set.name && prev.file === set.file && prev.line === set.line)
          continue;
        sets.push(set);
      }
      continue;
    }
    const fishLine = /^(-*)> (.*)$/.exec(raw);
    if (fishLine) {
      const depth = fishLine[1]!.length;
      const command = fishLine[2]!;
      while (fish.length && fish[fish.length - 1]!.depth > depth) fish.pop();
      const src = /^(?:source|\.) (\S+)/.exec(command);
      if (src) {
        fish.push({ file: src[1]!, depth: depth + 2 });
        continue;
      }
      const file = fish[fish.length - 1]?.file ?? '?';
      for (const s of fishAssignments(command)) {
        const line = lineOf(layout, home, file, s.name, s.value);
        if (line) sets.push({ name: s.name, unset: s.unset, ...line });
      }
      continue;
    }
    if (layout.shell === 'tcsh') {
      for (const s of cshAssignments(raw)) {
        const line = lineOf(layout, home, null, s.name, s.value);
        if (line) sets.push({ name: s.name, unset: s.unset, ...line });
      }
    }
  }
  return sets;
}

/** `export X=v`, `X=v`, `declare -x X=v`, `unset X` as bash and zsh print them. */
function assignmentsIn(command: string): { name: string; unset: boolean }[] {
  const words = command.trim().split(/\s+/);
  const out: { name: string; unset: boolean }[] = [];
  const first = words[0] ?? '';
  if (first === 'unset')
    return words
      .slice(1)
      .filter(isVar)
      .map((name) => ({ name, unset: true }));
  if (['export', 'declare', 'typeset', 'readonly'].includes(first)) {
    for (const w of words.slice(1)) {
      const m = /^'?([A-Za-z_][A-Za-z0-9_]*)=/.exec(w);
      if (m) out.push({ name: m[1]!, unset: false });
    }
    return out;
  }
  // plain assignments, unless they only prefix a command
  const assigns = words.filter((w) => /^'?[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  if (assigns.length !== words.length) return [];
  return assigns.map((w) => ({ name: /^'?([A-Za-z_][A-Za-z0-9_]*)=/.exec(w)![1]!, unset: false }));
}

const isVar = (w: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(w);

function fishAssignments(command: string): { name: string; value: string; unset: boolean }[] {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'set') return [];
  const rest = words.slice(1);
  const flags = rest.filter((w) => w.startsWith('-'));
  const plain = rest.filter((w) => !w.startsWith('-'));
  if (flags.some((f) => /^-[a-z]*[qlnS]/.test(f) || f === '--local' || f === '--query')) return [];
  const [name, ...values] = plain;
  if (!name || !isVar(name)) return [];
  return [{ name, value: values.join(' '), unset: flags.some((f) => /^-[a-z]*e/.test(f)) }];
}

function cshAssignments(command: string): { name: string; value: string; unset: boolean }[] {
  const words = command.trim().split(/\s+/);
  if (words[0] === 'setenv' && words[1] && isVar(words[1]))
    return [{ name: words[1], value: words.slice(2).join(' '), unset: false }];
  if (words[0] === 'unsetenv')
    return words
      .slice(1)
      .filter(isVar)
      .map((name) => ({ name, value: '', unset: true }));
  return [];
}

/** The layout line (in `file`, or any file) that sets `name` to the traced value. */
function lineOf(
  layout: Layout,
  home: string,
  file: string | null,
  name: string,
  value: string,
): { file: string; line: number } | null {
  const want = file ? display(home, file) : null;
  const hits: { file: string; line: number }[] = [];
  for (const [rel, content] of Object.entries(layout.files)) {
    if (typeof content !== 'string') continue;
    const shown = `~/${rel}`;
    content.split('\n').forEach((text, index) => {
      if (text.includes(name) && (value === '' || text.includes(value)))
        hits.push({ file: shown, line: index + 1 });
    });
  }
  // A symlinked file is traced under either name; prefer the traced one.
  const inFile = want ? hits.filter((h) => h.file === want) : hits;
  return (inFile.length ? inFile : hits)[0] ?? null;
}

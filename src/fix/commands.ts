import type { Context, ExecResult } from '../context.js';

// `logout` and `update` run a plan command through the context: bounded, with the auto-updater
// off, never an interactive `claude`. Only plain words are run; anything needing a shell
// (`&&`, `sudo`, quotes) is left to the user.

/** The commands in a plan step (`a; b`), each as argv, or null when one needs a shell. */
export function commandArgvs(command: string): string[][] | null {
  const argvs = command.split('; ').map((part) => part.trim().split(/\s+/));
  // A bare `claude` would start an interactive session.
  const plain = argvs.every(
    (argv) =>
      argv[0] !== 'sudo' &&
      !(argv[0] === 'claude' && argv.length === 1) &&
      argv.every((w) => /^[\w@./:=+-]+$/.test(w)),
  );
  return plain ? argvs : null;
}

/**
 * Runs `argv`: the program is the first on the user's PATH (absolute entries only), and only
 * one owned by the user or root. It runs from HOME, so a project's `.npmrc` (its registry, its
 * prefix) has no say in what `npm install -g` or `claude update` fetch.
 */
export async function runPlanCommand(
  ctx: Context,
  argv: string[],
  timeoutMs: number,
): Promise<ExecResult> {
  const [name, ...args] = argv;
  const [file] = await ctx.which(name!);
  const refused = (failure: string): ExecResult => ({
    command: argv.join(' '),
    exitCode: null,
    stdout: '',
    stderr: '',
    timedOut: false,
    failure,
  });
  if (!file) return refused(`${name} is not on PATH`);
  if (!(await ctx.ownExecutable(file)))
    return refused(`${ctx.display(file)} is owned by another user; not run`);
  return ctx.run(file, args, timeoutMs, { cwd: ctx.home || ctx.cwd });
}

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

/** Runs `argv`; `claude` is the first one on PATH, the one the user runs. */
export async function runPlanCommand(
  ctx: Context,
  argv: string[],
  timeoutMs: number,
): Promise<ExecResult> {
  const [name, ...args] = argv;
  const [file] = await ctx.which(name!);
  if (!file)
    return {
      command: argv.join(' '),
      exitCode: null,
      stdout: '',
      stderr: '',
      timedOut: false,
      failure: `${name} is not on PATH`,
    };
  return ctx.run(file, args, timeoutMs);
}

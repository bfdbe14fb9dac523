import type { Argv, Options } from 'yargs';
import { DEFAULTS } from '../config/resolve.js';

// One table of options feeds both yargs (help, subcommands, errors) and the fast path that
// runs the plain doctor without loading yargs (src/commands/fast-args.ts).

export interface OptionSpec extends Pick<
  Options,
  'type' | 'array' | 'choices' | 'default' | 'defaultDescription' | 'describe' | 'alias'
> {
  name: string;
  /** `--no-<name>` is accepted although the option takes a value (`--no-config`). */
  negatable?: boolean;
}

/** How human text looks: every command that prints it takes these. */
export const OUTPUT_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'color',
    type: 'boolean',
    describe: 'Force colour, even piped (--no-color, NO_COLOR or FORCE_COLOR=0 turn it off)',
  },
  {
    name: 'ascii',
    type: 'boolean',
    describe: 'Only ASCII characters (the default when the locale is not UTF-8)',
  },
];

export const VERBOSE_OPTION: OptionSpec = {
  name: 'verbose',
  type: 'boolean',
  default: false,
  describe: 'List every check with its evidence, not only the problems',
};

export const QUIET_OPTION: OptionSpec = {
  name: 'quiet',
  alias: 'q',
  type: 'boolean',
  default: false,
  describe: 'Print nothing but errors; the exit code tells the result',
};

/**
 * Options the configuration can also set, plus `--config FILE` / `--no-config` and `--cwd`
 * (where the search starts). No defaults here: a flag given must be told apart from one left
 * out (flags > project config > user config > defaults).
 */
export const CONFIGURABLE_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'config',
    type: 'string',
    negatable: true,
    describe: 'Use this configuration file only (--no-config: none)',
  },
  { name: 'offline', type: 'boolean', describe: 'Do not use the network' },
  {
    name: 'expect',
    type: 'string',
    choices: ['subscription', 'api', 'auto'],
    defaultDescription: DEFAULTS.expect,
    describe: 'What you mean to use; auto infers it from any sign of a subscription login',
  },
  {
    name: 'timeout',
    type: 'number',
    defaultDescription: String(DEFAULTS.timeoutMs),
    describe: 'Bound for every subprocess and network request (and each plugin check), in ms',
  },
  {
    name: 'cwd',
    type: 'string',
    describe: 'Project directory whose settings apply (default: current directory)',
  },
];

/** Options every command that runs the checks shares (the doctor itself, report, fix). */
export const CHECK_RUN_OPTIONS: readonly OptionSpec[] = [
  ...CONFIGURABLE_OPTIONS,
  {
    name: 'only',
    type: 'string',
    array: true,
    describe: 'Run only these check ids (comma-separated)',
  },
  { name: 'skip', type: 'string', array: true, describe: 'Skip these check ids (comma-separated)' },
  {
    name: 'shell-mode',
    type: 'string',
    choices: ['login', 'interactive'],
    describe:
      'How a new terminal starts your shell, when the guess is wrong (default: login on macOS, WSL and SSH; interactive on Linux)',
  },
  {
    name: 'trace-shell',
    type: 'boolean',
    default: false,
    describe:
      "Start your own shell once, traced (stdin from /dev/null, bounded by --timeout), to learn exactly which startup file and line set each variable; its output is never shown, and a project's .envrc is never run",
  },
];

export const DOCTOR_OPTIONS: readonly OptionSpec[] = [
  ...CHECK_RUN_OPTIONS,
  VERBOSE_OPTION,
  ...OUTPUT_OPTIONS,
  QUIET_OPTION,
  {
    name: 'json',
    type: 'boolean',
    default: false,
    describe: 'Print one JSON document (schemaVersion 3) on stdout',
  },
  {
    name: 'strict',
    type: 'boolean',
    default: false,
    describe: 'Warnings fail the run too (exit 1), and the output says so',
  },
  {
    name: 'ask-claude',
    type: 'boolean',
    default: false,
    describe: "Also run `claude auth status` and compare (it may rewrite Claude Code's own files)",
  },
  {
    name: 'verify',
    type: 'boolean',
    default: false,
    describe:
      'Send the credential in use once to the API (GET /v1/models, free) to see whether it is accepted',
  },
  {
    name: 'verify-base-url',
    type: 'string',
    describe:
      'With --verify: you approve sending the credential to this https ANTHROPIC_BASE_URL, which a project file set',
  },
];

/** The longest delay Node's timers take (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** What is wrong with parsed arguments beyond their types, or null. */
export function argsProblem(args: Record<string, unknown>): string | null {
  const timeout = args.timeout;
  if (
    timeout !== undefined &&
    (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0)
  ) {
    return '--timeout must be a positive number of milliseconds';
  }
  if (typeof timeout === 'number' && timeout > MAX_TIMEOUT_MS)
    return `--timeout must be at most ${MAX_TIMEOUT_MS} ms (about 24 days), the longest timer Node has`;
  const base = args['verify-base-url'];
  if (base !== undefined && !(typeof base === 'string' && /^https:\/\/[^/]/i.test(base)))
    return '--verify-base-url must be an https:// URL (a credential never goes over plain http)';
  return null;
}

export function addOptions<T>(yargs: Argv<T>, specs: readonly OptionSpec[]): Argv<T> {
  for (const spec of specs) {
    const { name, negatable, ...options } = spec;
    // yargs negates any option; `negatable` only tells the fast path.
    void negatable;
    yargs.option(name, options);
  }
  return yargs.check((args) => {
    if (args.help || args.version) return true;
    const problem = argsProblem(args);
    if (problem) throw new Error(problem);
    return true;
  });
}

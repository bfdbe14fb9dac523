import type { OptionSpec } from './options.js';

/**
 * Parses the plain doctor's flags without yargs, which with its dependencies costs more start-up
 * time than the whole run. Only unambiguous input is taken: anything else (a subcommand,
 * --help, an unknown flag, a missing or doubtful value) returns null and goes to yargs, which
 * parses it the same way or explains the error. A test holds the two to the same results.
 */
export function parseFast(
  argv: readonly string[],
  specs: readonly OptionSpec[],
): Record<string, unknown> | null {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const args: Record<string, unknown> = { _: [] };
  const set = (name: string, value: unknown) => {
    args[name] = value;
    // yargs offers an option under its alias too (`quiet` as `q`).
    const alias = byName.get(name)?.alias;
    if (typeof alias === 'string') args[alias] = value;
    // yargs offers `ask-claude` as `askClaude` too.
    if (name.includes('-'))
      args[name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i]!;
    if (!token.startsWith('--') || token === '--') return null;
    const eq = token.indexOf('=');
    const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
    let value = eq === -1 ? undefined : token.slice(eq + 1);
    const spec = byName.get(name);
    if (!spec) {
      const negated = name.startsWith('no-') ? byName.get(name.slice(3)) : undefined;
      if (!negated || value !== undefined || args[negated.name] !== undefined) return null;
      if (negated.type !== 'boolean' && !negated.negatable) return null;
      set(negated.name, false);
      continue;
    }
    if (spec.type === 'boolean') {
      if (value !== undefined || args[name] !== undefined) return null;
      set(name, true);
      continue;
    }
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('-')) return null;
      i += 1;
    }
    if (spec.choices && !(spec.choices as readonly string[]).includes(value)) return null;
    if (spec.array) {
      set(name, [...((args[name] as string[] | undefined) ?? []), value]);
    } else if (args[name] !== undefined) {
      return null;
    } else if (spec.type === 'number') {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) return null;
      set(name, number);
    } else {
      set(name, value);
    }
  }
  for (const spec of specs)
    if (args[spec.name] === undefined && spec.default !== undefined) set(spec.name, spec.default);
  return args;
}

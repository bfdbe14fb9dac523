import { checks } from '../../checks/index.js';
import { UsageError } from '../doctor.js';
import { KNOWN_MESSAGES, matchMessages, type KnownMessage } from '../known-messages.js';
import type { Check } from '../types.js';
import { renderExplanation, renderMessageMatches } from '../render/explain.js';
import { makeStyle } from '../render/style.js';
import { didYouMean } from '../suggest.js';
import type { Command } from './command.js';
import { terminalOf } from './doctor.js';
import { OUTPUT_OPTIONS } from './options.js';

export const explainCommand: Command = {
  name: 'explain [check-id]',
  describe: 'Explain a check, or which checks explain a message Claude Code showed (--error)',
  options: [
    { name: 'error', type: 'string', describe: 'A message Claude Code showed, pasted as is' },
    ...OUTPUT_OPTIONS,
  ],
  examples: [
    ['claude-auth-doctor explain api-key-env', 'What the check looks at, its outcomes, fixes'],
    ['claude-auth-doctor explain --error "Invalid API key"', 'Which checks explain a message'],
  ],
  build: (yargs) =>
    yargs.positional('check-id', {
      type: 'string',
      describe: 'A check id (see `claude-auth-doctor list`)',
    }),
  async run(args, io) {
    const id = args.checkId as string | undefined;
    const pasted = args.error as string | undefined;
    const style = makeStyle(terminalOf(args, io));
    if (id !== undefined && pasted !== undefined)
      throw new UsageError('Give a check id or --error, not both.');
    if (pasted !== undefined) {
      // The pasted text is never echoed: users paste whole terminal screens, keys included.
      const matches = matchMessages(pasted).map((message) => ({
        message,
        checks: explainingChecks(message, checks),
      }));
      io.stdout(style.finish(renderMessageMatches(matches, style)));
      return matches.length ? 0 : 1;
    }
    if (id === undefined)
      throw new UsageError(
        'Name a check (`claude-auth-doctor list` shows them) or paste a message with --error "...".',
      );
    const check = checks.find((c) => c.id === id);
    if (!check)
      throw new UsageError(
        `Unknown check id: ${id}.${didYouMean(
          id,
          checks.map((c) => c.id),
          (w) => `\`claude-auth-doctor explain ${w}\``,
        )} \`claude-auth-doctor list\` shows them all.`,
      );
    io.stdout(style.finish(renderExplanation(check, style, KNOWN_MESSAGES)));
    return 0;
  },
};

/** The checks that explain a message: the table's, most likely cause first, then any check naming it. */
export function explainingChecks(message: KnownMessage, all: readonly Check[]): Check[] {
  const named = message.checks.flatMap((id) => all.filter((c) => c.id === id));
  const declaring = all.filter(
    (c) => c.explain?.messages?.includes(message.id) && !named.includes(c),
  );
  return [...named, ...declaring];
}

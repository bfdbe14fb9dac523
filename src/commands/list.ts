import { checks } from '../../checks/index.js';
import { makeStyle } from '../render/style.js';
import type { Command } from './command.js';
import { terminalOf } from './doctor.js';
import { OUTPUT_OPTIONS } from './options.js';

export const listCommand: Command = {
  name: 'list',
  describe: 'List every check, one line each',
  options: [
    {
      name: 'json',
      type: 'boolean',
      default: false,
      describe: 'Print a JSON array of {id, title, description, optIn, docs}',
    },
    ...OUTPUT_OPTIONS,
  ],
  async run(args, io) {
    if (args.json) {
      const list = checks.map((c) => ({
        id: c.id,
        title: c.title,
        description: c.description,
        ...(c.optIn ? { optIn: c.optIn } : {}),
        ...(c.explain ? { docs: c.explain.docs } : {}),
      }));
      io.stdout(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const width = Math.max(...checks.map((c) => c.id.length));
    const style = makeStyle(terminalOf(args, io));
    const lines = checks.map((c) => {
      const mark = c.optIn ? `${style.status('warn', '(opt-in)')} ` : '';
      const how = c.optIn ? ` ${style.dim(`Turn it on with ${c.optIn}.`)}` : '';
      return `${c.id.padEnd(width)}  ${mark}${c.title}: ${c.description}${how}`;
    });
    const optIn = checks.filter((c) => c.optIn).length;
    lines.push(
      '',
      `${checks.length} checks; ${optIn} run only when turned on (opt-in). \`claude-auth-doctor explain <id>\` tells more.`,
    );
    io.stdout(style.finish(`${lines.join('\n')}\n`));
    return 0;
  },
};

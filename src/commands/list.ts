import { checks } from '../../checks/index.js';
import type { Command } from './command.js';

export const listCommand: Command = {
  name: 'list',
  describe: 'List every check, one line each',
  options: [
    {
      name: 'json',
      type: 'boolean',
      default: false,
      describe: 'Print a JSON array of {id, title, description, docs}',
    },
  ],
  async run(args, io) {
    if (args.json) {
      const list = checks.map((c) => ({
        id: c.id,
        title: c.title,
        description: c.description,
        ...(c.explain ? { docs: c.explain.docs } : {}),
      }));
      io.stdout(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const width = Math.max(...checks.map((c) => c.id.length));
    io.stdout(
      `${checks.map((c) => `${c.id.padEnd(width)}  ${c.title}: ${c.description}`).join('\n')}\n`,
    );
    return 0;
  },
};

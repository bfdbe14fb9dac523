import path from 'node:path';
import { UsageError } from '../doctor.js';
import { renderHuman } from '../render/human.js';
import { makeStyle, wantsColor } from '../render/style.js';
import { parseReport } from '../report-file.js';
import { VERSION } from '../version.js';
import type { Command } from './command.js';

export const viewCommand: Command = {
  name: 'view <file>',
  describe: 'Show a saved JSON report as the user saw it (for support staff)',
  build: (yargs) =>
    yargs.positional('file', {
      type: 'string',
      describe: 'A report saved with `report --format json` or `--json`',
    }),
  async run(args, io) {
    const file = String(args.file);
    const read = io.readFile(path.resolve(io.cwd, file));
    if (!read.ok) throw new UsageError(`Cannot read ${file}: ${read.message}.`);
    const parsed = parseReport(read.text, VERSION);
    if (!parsed.ok) throw new UsageError(`${file} ${parsed.reason}.`);
    const style = makeStyle(wantsColor(args.color as boolean | undefined, io.env, io.isTTY));
    io.stdout(
      renderHuman(parsed.report, { style, verbose: Boolean(args.verbose), checkList: true }),
    );
    return 0;
  },
};

import path from 'node:path';
import { UsageError } from '../doctor.js';
import { renderHuman } from '../render/human.js';
import { makeStyle } from '../render/style.js';
import { parseReport } from '../report-file.js';
import type { Report } from '../types.js';
import { VERSION } from '../version.js';
import type { Command } from './command.js';
import { terminalOf } from './doctor.js';
import { OUTPUT_OPTIONS, VERBOSE_OPTION } from './options.js';

export const viewCommand: Command = {
  name: 'view <file>',
  describe: 'Show a saved JSON report as the user saw it (for support staff)',
  options: [VERBOSE_OPTION, ...OUTPUT_OPTIONS],
  examples: [['claude-auth-doctor view report.json', 'The report as its sender saw it']],
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
    const style = makeStyle(terminalOf(args, io));
    io.stdout(
      style.finish(`${style.dim(madeBy(parsed.report))}\n\n`) +
        renderHuman(parsed.report, { style, verbose: Boolean(args.verbose) }),
    );
    return 0;
  },
};

/** When, with which version, on which system and for which Claude Code the report was made. */
export function madeBy(report: Report): string {
  const env = report.environment;
  const os = env.os
    ? `${env.os.name}${env.os.version ? ` ${env.os.version}` : ''} (${env.platform} ${env.arch})`
    : `${env.platform} ${env.arch}`;
  const claude = env.claude
    ? `Claude Code ${env.claude.version ?? '(version unknown)'}`
    : 'no Claude Code on PATH';
  const when = report.generatedAt.replace(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d).*$/, '$1 $2 UTC');
  return `Report made ${when} by claude-auth-doctor ${report.tool.version} on ${os}, ${claude}${report.anonymized ? ' (anonymized)' : ''}.`;
}

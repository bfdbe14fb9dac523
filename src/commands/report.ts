import path from 'node:path';
import { anonymize, mapStrings } from '../anonymize.js';
import { collectReport, UsageError } from '../doctor.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { identityOf } from '../sources/identity.js';
import type { Command } from './command.js';
import { checkRunOptions, loadRunConfig, runOptionsFrom, worldFrom } from './doctor.js';

export const reportCommand: Command = {
  name: 'report',
  describe: 'Write a report for a support ticket: Markdown (default) or JSON, never a secret',
  build: (yargs) =>
    checkRunOptions(yargs)
      .option('format', {
        choices: ['markdown', 'json'] as const,
        default: 'markdown' as const,
        describe: 'Markdown for tickets, or the JSON document (schema/report.schema.json)',
      })
      .option('output', {
        alias: 'o',
        type: 'string',
        describe: 'Write to this file instead of stdout',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Overwrite the --output file if it exists',
      })
      .option('anonymize', {
        type: 'boolean',
        default: false,
        describe:
          'Replace user and host names, home path, emails, organisations and UUIDs with placeholders, for public trackers',
      })
      .example(
        '$0 report --anonymize --output claude-auth-report.md',
        'A report to attach to a public issue',
      ),
  async run(args, io) {
    const { ctx, report } = await collectReport(worldFrom(args, io), {
      ...runOptionsFrom(args, io, await loadRunConfig(args, io)),
      live: false,
    });
    // Scrubbed before anonymizing, so a placeholder can never split a secret the sink would catch.
    const scrubbed = mapStrings(report, (text) => ctx.secrets.scrub(text));
    const final = args.anonymize ? anonymize(scrubbed, await identityOf(ctx)) : scrubbed;
    const json = args.format === 'json';
    // stdout and the --output file both pass through the output sink (src/output/sink.ts).
    const text = json ? renderJson(final) : renderMarkdown(final);
    if (typeof args.output !== 'string' || args.output === '') {
      io.stdout(text);
      return 0;
    }
    const written = io.writeFile(path.resolve(io.cwd, args.output), text, Boolean(args.force));
    if (!written.ok) {
      throw new UsageError(
        written.exists
          ? `${args.output} already exists; choose another file or add --force to overwrite it.`
          : `Cannot write ${args.output}: ${written.message}.`,
      );
    }
    io.stderr(
      `Wrote ${args.output} (${json ? 'JSON' : 'Markdown'}${args.anonymize ? ', anonymized' : ''}). It holds no keys or tokens, only their last 4 characters.\n`,
    );
    return 0;
  },
};

import path from 'node:path';
import { anonymize, mapStrings } from '../anonymize.js';
import { collectReport, UsageError } from '../doctor.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { identityOf } from '../sources/identity.js';
import type { Command } from './command.js';
import { loadRunConfig, runOptionsFrom, worldFrom } from './doctor.js';
import { CHECK_RUN_OPTIONS } from './options.js';

export const reportCommand: Command = {
  name: 'report',
  describe: 'Write a report for a support ticket: Markdown (default) or JSON, never a secret',
  options: [
    ...CHECK_RUN_OPTIONS,
    {
      name: 'format',
      type: 'string',
      choices: ['markdown', 'json'],
      default: 'markdown',
      describe: 'Markdown for tickets, or the JSON document (schema/report.schema.json)',
    },
    {
      name: 'output',
      alias: 'o',
      type: 'string',
      describe: 'Write to this file instead of stdout',
    },
    {
      name: 'force',
      type: 'boolean',
      default: false,
      describe: 'Overwrite the --output file if it exists',
    },
    {
      name: 'anonymize',
      type: 'boolean',
      default: false,
      describe:
        'Replace user and host names, home path, emails, organisations and UUIDs with placeholders, for public trackers',
    },
  ],
  examples: [
    ['claude-auth-doctor report -o report.md', 'A Markdown report for a support ticket'],
    ['claude-auth-doctor report --anonymize -o report.md', 'One for a public issue tracker'],
    ['claude-auth-doctor report --format json', 'The JSON document on stdout'],
  ],
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

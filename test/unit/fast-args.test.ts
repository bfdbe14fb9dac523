import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { parseFast } from '../../src/commands/fast-args.js';
import { addOptions, DOCTOR_OPTIONS } from '../../src/commands/options.js';

const SPECS = DOCTOR_OPTIONS;

/** What yargs makes of the same argv with the same option table. */
function viaYargs(argv: string[]): Record<string, unknown> {
  const args = addOptions(yargs(argv), SPECS)
    .strict()
    .exitProcess(false)
    .fail((message) => {
      throw new Error(message);
    })
    .parseSync() as Record<string, unknown>;
  return Object.fromEntries(Object.entries(args).filter(([key]) => key !== '$0'));
}

describe('parseFast', () => {
  it.each([
    [[]],
    [['--json']],
    [['--json', '--offline', '--strict']],
    [['--timeout', '500']],
    [['--timeout=750', '--verbose']],
    [['--expect', 'api']],
    [['--expect=subscription', '--cwd', '/tmp/project']],
    [['--only', 'api-key-env,config-files', '--only', 'stale-version']],
    [['--skip=stale-version']],
    [['--no-color']],
    [['--color']],
    [['--no-config']],
    [['--config', './team.yaml']],
    [['--ask-claude', '--no-offline']],
    [['--verify', '--json']],
  ])('%j: the same as yargs', (argv) => {
    expect(parseFast(argv, SPECS)).toEqual(viaYargs(argv));
  });

  it.each([
    [['report']],
    [['--help']],
    [['-h']],
    [['--version']],
    [['--bogus']],
    [['--json', 'extra']],
    [['--expect', 'maybe']],
    [['--timeout', 'soon']],
    [['--timeout', '-5']],
    [['--timeout']],
    [['--json=false']],
    [['--json', '--json']],
    [['--expect', 'api', '--expect', 'subscription']],
    [['--only', 'a', 'b']],
    [['--no-timeout']],
    [['--', '--json']],
  ])('%j: left to yargs', (argv) => {
    expect(parseFast(argv, SPECS)).toBeNull();
  });
});

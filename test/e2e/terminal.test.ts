import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/render/style.js';
import { runCli, runCliInTerminal } from '../helpers/cli.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { ENV_KEY_OVER_MAX } from '../helpers/scenarios.js';
import { expectNoSecret } from '../helpers/secrets.js';

// The plain run in a terminal draws a live list (src/render/live.ts); script(1) gives the built
// bin a pseudo-terminal, as a user's terminal would. What stays on screen is replayed by a
// small terminal model that knows exactly the control sequences the doctor may send.
/* eslint-disable no-control-regex -- escape sequences and ASCII ranges are what is tested */

/** The screen after replaying `output`: every line, trailing blanks trimmed. */
function screen(output: string): string {
  const lines: string[] = [''];
  let row = 0;
  let col = 0;
  const put = (char: string) => {
    const line = lines[row]!.padEnd(col);
    lines[row] = line.slice(0, col) + char + line.slice(col + 1);
    col += 1;
  };
  for (let i = 0; i < output.length; i += 1) {
    const char = output[i]!;
    if (char === '\u001b') {
      const match = /^\u001b\[(\d*)([AGKm])/.exec(output.slice(i));
      if (!match)
        throw new Error(`unexpected control sequence ${JSON.stringify(output.slice(i, i + 8))}`);
      const [whole, count, kind] = match;
      if (kind === 'A') row = Math.max(0, row - Number(count || 1));
      if (kind === 'G') col = Number(count || 1) - 1;
      // Erase in line: 2K the whole line, K from the cursor on.
      if (kind === 'K') lines[row] = count === '2' ? '' : lines[row]!.slice(0, col);
      i += whole.length - 1;
    } else if (char === '\r') col = 0;
    else if (char === '\n') {
      row += 1;
      lines[row] ??= '';
    } else put(char);
  }
  return lines.map((line) => line.trimEnd()).join('\n');
}

describe('in a terminal (built bin, pseudo-terminal)', () => {
  it('animates the live list, and its final frame is exactly the plain output at that width', async () => {
    const fixture = makeFixture(ENV_KEY_OVER_MAX);
    const [live, piped] = await Promise.all([
      runCliInTerminal(['--offline'], fixture.env, fixture.project, 80),
      runCli(['--offline'], fixture.env, fixture.project),
    ]);
    expectNoSecret(live.stdout + live.stderr);
    expect(live.code).toBe(1);
    // It did animate: rows drawn and erased before the result.
    expect(live.stdout).toMatch(/\u001b\[1G(\u001b\[1A\u001b\[2K)+/);
    expect(live.stdout).toContain('Competing credentials');
    expect(screen(live.stdout).trimEnd()).toBe(wrapText(piped.stdout, 80).trimEnd());
    // The piped output is never wrapped; at 80 columns the terminal's is.
    expect(piped.stdout.split('\n').some((line) => line.length > 80)).toBe(true);
    for (const line of screen(live.stdout).split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('draws a frame at most every 80 ms, each row in the plain row format', async () => {
    const fixture = makeFixture(ENV_KEY_OVER_MAX);
    const run = await runCliInTerminal(['--offline'], fixture.env, fixture.project, 200);
    const frames = run.stdout.split('\u001b[1G').length - 1;
    expect(frames).toBeGreaterThanOrEqual(1);
    expect(frames).toBeLessThanOrEqual(Math.floor(run.ms / 80) + 2);
    // A finished row in a frame is the same row the plain output prints.
    expect(run.stdout).toMatch(/\n?✖ ANTHROPIC_API_KEY {2}ANTHROPIC_API_KEY \(ending in AK01\)/);
    expect(run.stdout).not.toContain('(warning)');
  });

  it('TERM=dumb: plain lines, no colour or cursor control, wrapped to the width', async () => {
    const fixture = makeFixture(ENV_KEY_OVER_MAX);
    const env = { ...fixture.env, TERM: 'dumb', NO_COLOR: '' };
    const [dumb, piped] = await Promise.all([
      runCliInTerminal(['--offline'], env, fixture.project, 80),
      runCli(['--offline'], fixture.env, fixture.project),
    ]);
    expect(dumb.stdout).not.toContain('\u001b');
    expect(dumb.stdout.replace(/\r\n/g, '\n')).toBe(wrapText(piped.stdout, 80));
  });

  it('LANG=C (and --ascii): not one non-ASCII byte, spinner and symbols included', async () => {
    const fixture = makeFixture(ENV_KEY_OVER_MAX);
    const runs = await Promise.all([
      runCliInTerminal(['--offline'], { ...fixture.env, LANG: 'C' }, fixture.project, 80),
      runCliInTerminal(['--offline', '--ascii'], fixture.env, fixture.project, 80),
      runCli(['--offline', '--verbose'], { ...fixture.env, LANG: 'C' }, fixture.project),
      runCli(['fix', '--dry-run', '--offline'], { ...fixture.env, LANG: 'C' }, fixture.project),
      runCli(['explain', 'api-key-env'], { ...fixture.env, LANG: 'POSIX' }, fixture.project),
    ]);
    for (const run of runs) {
      expect(run.stdout).toMatch(/[a-z]/);
      expect(run.stdout).toMatch(/^[\x00-\x7f]*$/);
    }
    expect(screen(runs[0]!.stdout)).toMatch(/^x ANTHROPIC_API_KEY {2}/m);
    expect(runs[2]!.stdout).toMatch(/^\+ Subscription login {2}/m);
    expect(runs[2]!.stdout).toMatch(/^ {4}-> Remove ANTHROPIC_API_KEY/m);
    // A UTF-8 locale keeps the symbols.
    const utf8 = await runCli(
      ['--offline'],
      { ...fixture.env, LC_ALL: 'en_US.UTF-8', LANG: 'C' },
      fixture.project,
    );
    expect(utf8.stdout).toMatch(/^✖ ANTHROPIC_API_KEY/m);
  });

  it('--color forces colour when piped; NO_COLOR and --no-color keep it off', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const [forced, off, noColor] = await Promise.all([
      runCli(['--offline', '--color'], fixture.env, fixture.project),
      runCli(['--offline'], fixture.env, fixture.project),
      runCli(['--offline', '--no-color'], { ...fixture.env, FORCE_COLOR: '1' }, fixture.project),
    ]);
    expect(forced.stdout).toContain('\u001b[1m');
    expect(off.stdout).not.toContain('\u001b[');
    expect(noColor.stdout).not.toContain('\u001b[');
    // A healthy setup: the verdict and the all-clear, nothing else.
    expect(off.stdout).toMatch(
      /^Claude Code will use your claude\.ai Max 20x login, billed to your plan\.\n\nAll clear: \d+ checks passed, \d+ skipped \(--verbose lists them\)\.\n$/,
    );
    expect(off.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(5);
  });
});

describe('fix in a terminal (built bin, pseudo-terminal)', () => {
  it('answers with single keys, no Enter; shows only changed rows, what is left, then a verdict', async () => {
    const fixture = makeFixture(ENV_KEY_OVER_MAX);
    const zshrc = path.join(fixture.home, '.zshrc');
    let asked = 0;
    // One key per question, typed only once the question is on screen; never a newline.
    const run = await runCliInTerminal(
      ['fix', '--offline'],
      { ...fixture.env, XDG_STATE_HOME: path.join(fixture.root, 'state') },
      fixture.project,
      100,
      (out) => {
        const questions = out.split('(one key): ').length - 1;
        if (questions > asked) {
          asked = questions;
          return 'y';
        }
        return '';
      },
    );
    expectNoSecret(run.stdout);
    expect(asked).toBe(1);
    expect(readFileSync(zshrc, 'utf8')).toMatch(/^# .*ANTHROPIC_API_KEY/m);
    const text = screen(run.stdout);
    expect(text).toContain('Apply these edits? [y]es, [n]o, [a]ll, [q]uit (one key): yes');
    // The full list is not repeated: passing checks appear nowhere.
    expect(text).not.toContain('Subscription login');
    const after = text.split('Before → after')[1]!;
    expect(after).toMatch(
      /^ {2}\(\d+ unchanged; as a new terminal will see it, without ANTHROPIC_API_KEY\)/,
    );
    expect(after).toMatch(/✖ fail {2}→ ✔ pass {2}ANTHROPIC_API_KEY \[api-key-env\]/);
    // What is left for the user comes after the table, and one verdict closes the run.
    expect(after.indexOf('Still to do yourself')).toBeGreaterThan(0);
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'In a new terminal: Claude Code will use your claude.ai Max 20x login, billed to your plan.',
    );
  });
});

describe('help (built bin)', () => {
  it('lists only the options that apply, and examples never broken inside a command', async () => {
    const fixture = makeFixture();
    const [report, narrow] = await Promise.all([
      runCli(['report', '--help'], fixture.env, fixture.project),
      runCliInTerminal(['report', '--help'], fixture.env, fixture.project, 60),
    ]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('--anonymize');
    for (const other of ['--strict', '--json', '--quiet', '--verbose', '--version', '--yes'])
      expect(report.stdout).not.toContain(other);
    const examples = report.stdout.split('Examples:\n')[1]!;
    const commands = examples.split('\n').filter((line) => line.startsWith('  claude-auth-doctor'));
    expect(commands.length).toBeGreaterThanOrEqual(2);
    // At 60 columns the text wraps, each example command stays on one line.
    const screenText = screen(narrow.stdout);
    for (const command of commands) expect(screenText.split('\n')).toContain(command);
    for (const line of screenText.split('\n'))
      if (line.length > 60) expect(line.startsWith('  claude-auth-doctor')).toBe(true);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { measured } from '../helpers/resources.js';

// Inputs that once exhausted the doctor (issue 16), each run as the built bin with its time and
// peak memory measured from outside. Bounds: the --timeout of the run plus a margin for
// Node's start-up on a loaded machine, and 100 MB of memory (Node alone takes ~45 MB).
// Figures before and after: README, "Performance".

const TIMEOUT_MS = 3000;
const MARGIN_S = 2.5;
const MAX_MB = 100;

describe('bounded work on exhausting inputs', () => {
  it('view refuses a FIFO at once instead of waiting for a writer forever', async () => {
    const fixture = makeFixture();
    const fifo = path.join(fixture.root, 'report.json');
    execFileSync('mkfifo', [fifo]);
    const run = await measured(['view', fifo], fixture.env, fixture.project, fixture.root, 10_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a regular file');
    expect(run.seconds).toBeLessThan(MARGIN_S);
    expect(run.peakMb).toBeLessThan(MAX_MB);
  });

  it('view refuses /dev/zero instead of reading it until memory runs out', async () => {
    const fixture = makeFixture();
    const run = await measured(
      ['view', '/dev/zero'],
      fixture.env,
      fixture.project,
      fixture.root,
      10_000,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a regular file');
    expect(run.seconds).toBeLessThan(MARGIN_S);
    expect(run.peakMb).toBeLessThan(MAX_MB);
  });

  it('view refuses a file over its cap without reading it', async () => {
    const fixture = makeFixture();
    const big = path.join(fixture.root, 'big.json');
    writeFileSync(big, Buffer.alloc(17 * 1024 * 1024, 0x20));
    const run = await measured(['view', big], fixture.env, fixture.project, fixture.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('larger than 16 MB');
    expect(run.peakMb).toBeLessThan(MAX_MB);
  });

  it.each([
    ['package.json', 'a FIFO'],
    ['package.json', '/dev/zero'],
    ['.claude-auth-doctorrc.json', 'a FIFO'],
    ['.claude/settings.json', 'a FIFO'],
    ['.envrc', '/dev/zero'],
  ])('a project %s that is %s is passed over, not read', async (name, kind) => {
    const fixture = makeFixture({ home: subscriptionHome() });
    const file = path.join(fixture.project, name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (kind === 'a FIFO') execFileSync('mkfifo', [file]);
    else symlinkSync('/dev/zero', file);
    const run = await measured(
      ['--json', '--offline', '--timeout', String(TIMEOUT_MS)],
      fixture.env,
      fixture.project,
      fixture.root,
    );
    expect(run.code).toBeLessThan(2);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.seconds).toBeLessThan(TIMEOUT_MS / 1000 + MARGIN_S);
    expect(run.peakMb).toBeLessThan(MAX_MB);
  });

  // 15 MB of \" in one JSON string: the scanner for large .claude.json files and the parser
  // for settings files both see it.
  it.each([
    [
      '.claude.json',
      (q: string) => `{"oauthAccount":{"emailAddress":"ada@example.com"},"junk":"${q}"}`,
    ],
    ['.claude/settings.json', (q: string) => `{"env":{"X":"${q}"}}`],
  ])('a 15 MB %s of escaped quotes', async (file, body) => {
    const fixture = makeFixture({ home: subscriptionHome() });
    writeFileSync(path.join(fixture.home, file), body('\\"'.repeat(7_500_000)));
    const run = await measured(
      ['--json', '--offline', '--timeout', String(TIMEOUT_MS)],
      fixture.env,
      fixture.project,
      fixture.root,
    );
    expect(run.code).toBeLessThan(2);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.seconds).toBeLessThan(TIMEOUT_MS / 1000 + MARGIN_S);
    expect(run.peakMb).toBeLessThan(MAX_MB);
  });

  // Shell startup files: `source` is followed within bounds of files, depth and lines.
  it.each([
    ['a million `. ~/.b2` lines', '.bashrc', '. ~/.b2\n'.repeat(1_000_000)],
    [
      '1e5 `source` lines naming missing files',
      '.bashrc',
      Array.from({ length: 100_000 }, (_, i) => `source ~/missing-${i}\n`).join(''),
    ],
    [
      'a project .envrc of a million `source` lines',
      'project/.envrc',
      'source ~/.b2\n'.repeat(1_000_000),
    ],
    [
      '15 MB of escaped quotes in one assignment',
      '.bashrc',
      `export X="${'\\"'.repeat(7_500_000)}"\n`,
    ],
  ])('%s', async (_, file, text) => {
    const fixture = makeFixture({ home: subscriptionHome({ '.b2': 'export X=1\n' }) });
    writeFileSync(path.join(fixture.home, file), text);
    const run = await measured(
      ['--json', '--offline', '--timeout', String(TIMEOUT_MS)],
      { ...fixture.env, SHELL: '/bin/bash' },
      fixture.project,
      fixture.root,
      30_000,
    );
    expect(run.code).toBeLessThan(2);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.seconds).toBeLessThan(TIMEOUT_MS / 1000 + MARGIN_S);
    expect(run.peakMb).toBeLessThan(MAX_MB);
  });

  it('2e5 assignments make a short report: evidence lists end in "and N more"', async () => {
    const fixture = makeFixture({ home: subscriptionHome() });
    writeFileSync(
      path.join(fixture.home, '.bashrc'),
      'export ANTHROPIC_BASE_URL=https://gw.example/v1\n'.repeat(200_000),
    );
    const run = await measured(
      ['--json', '--offline', '--timeout', String(TIMEOUT_MS)],
      { ...fixture.env, SHELL: '/bin/bash' },
      fixture.project,
      fixture.root,
      30_000,
    );
    // Was 33 MB: every one of the 2e5 lines was a line of evidence.
    expect(run.stdout.length).toBeLessThan(64 * 1024);
    const report = JSON.parse(run.stdout) as {
      checks: { id: string; evidence: { detail: string }[] }[];
    };
    const restart = report.checks.find((c) => c.id === 'restart-needed')!;
    expect(restart.evidence).toHaveLength(20);
    // The shell parser reads a bounded number of lines; what it found is summed up.
    expect(restart.evidence.at(-1)!.detail).toMatch(/^and \d+ more$/);
    expect(run.seconds).toBeLessThan(TIMEOUT_MS / 1000 + MARGIN_S);
    expect(run.peakMb).toBeLessThan(MAX_MB);
  });
});

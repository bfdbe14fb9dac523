import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeFixture } from '../helpers/fixture.js';
import { BIN } from '../helpers/cli.js';
import { KEYS } from '../helpers/secrets.js';

// Hostile startup files, measured from outside the process: following `source` is bounded in
// files, depth and commands, and deduplicated by resolved path before any read, so a run ends
// within --timeout plus a small margin and under 100 MB however the files are built.

const TIMEOUT_MS = 3000;
const MARGIN_MS = 2500;
const MAX_RSS_KB = 100 * 1024;

/** Runs the built CLI, sampling its peak resident memory (VmHWM) from /proc until it exits. */
function runMeasured(
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; ms: number; peakKb: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [BIN, '--json', '--offline', '--timeout', String(TIMEOUT_MS)],
      { env: { NO_COLOR: '1', ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let peakKb = 0;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // exited between samples
      }
    };
    const poll = setInterval(sample, 10);
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', () => sample());
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(kill);
      resolve({ code, ms: Date.now() - started, peakKb, stdout });
    });
  });
}

const repeat = (n: number, line: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => line(i)).join('\n');

describe.runIf(process.platform === 'linux')(
  'bounded shell sourcing (measured outside the process)',
  () => {
    it('a million `source` lines of one file, 1e5 missing targets and a hostile .envrc', async () => {
      const fixture = makeFixture({
        home: {
          '.zshrc': `${repeat(1_000_000, () => 'source ~/.same')}\nexport ANTHROPIC_API_KEY=${KEYS.apiKey}\n`,
          '.same': 'export DISABLE_AUTOUPDATER=1\n',
          '.bashrc': repeat(100_000, (i) => `source ~/.missing-${i}`),
          '.config/fish/config.fish': repeat(100_000, (i) => `source ~/.fish-missing-${i}`),
          'project/.git/HEAD': 'ref: main\n',
        },
        project: {
          '.envrc': repeat(
            200_000,
            (i) => `source_env ./missing-${i}\nsource_up\ndotenv .env.${i}`,
          ),
        },
      });
      const result = await runMeasured(
        { ...fixture.env, SHELL: '/usr/bin/zsh', ANTHROPIC_API_KEY: KEYS.apiKey },
        fixture.project,
      );
      expect(result.code).not.toBeNull();
      expect(result.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      expect(result.peakKb).toBeGreaterThan(0);
      expect(result.peakKb).toBeLessThan(MAX_RSS_KB);
      const report = JSON.parse(result.stdout) as { checks: { id: string; status: string }[] };
      expect(report.checks.find((c) => c.id === 'api-key-env')?.status).toBeDefined();
    }, 40_000);

    it('a source cycle and a chain deeper than the bound end quickly', async () => {
      const chain: Record<string, string> = {};
      for (let i = 0; i < 200; i++) chain[`.chain/${i}.sh`] = `source ~/.chain/${i + 1}.sh\n`;
      const fixture = makeFixture({
        home: {
          '.bashrc': 'source ~/.a\nsource ~/.chain/0.sh\n',
          '.a': 'source ~/.b\n',
          '.b': 'source ~/.a\nfor f in ~/.b ~/.a ~/.b; do source $f; done\n',
          ...chain,
        },
      });
      const result = await runMeasured({ ...fixture.env, SHELL: '/bin/bash' }, fixture.project);
      expect(result.code).not.toBeNull();
      expect(result.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      expect(result.peakKb).toBeLessThan(MAX_RSS_KB);
    }, 40_000);
  },
);

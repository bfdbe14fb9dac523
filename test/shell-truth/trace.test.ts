import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupChain, type StartupChain } from '../../src/sources/shell-files.js';
import { traceShell, type TracedSet } from '../../src/sources/shell-trace.js';
import type { Report } from '../../src/types.js';
import { portableBin, runCli } from '../helpers/cli.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';
import { CORPUS } from './corpus.js';
import { layoutContext, makeHome, removeHome, terminalEnv } from './harness.js';

// --trace-shell with bash against the static model, on the corpus's bash layouts. bash run by
// root ignores PS4 from the environment, so there the doctor reads the startup files through a
// wrapper (--rcfile for an interactive shell, `bash -l -c` for a login one); run by anyone
// else, bash starts as a terminal starts it. Either way the trace must confirm every line the
// static model names and find none it missed. CI runs as root: the wrapper is tested there,
// and the plain start through the built bin run as nobody.

const ROOT = process.getuid?.() === 0;
const NOBODY = { uid: 65534, gid: 65534 };
// A shell that `exec`s another is traced as far as bash goes: not a bash-only comparison.
const LAYOUTS = CORPUS.filter((l) => l.shell === 'bash' && !l.id.includes('exec'));

const chains = new Map<string, { chain: StartupChain; sets: TracedSet[]; cache: string }>();
const roots: string[] = [];

beforeAll(async () => {
  for (const layout of LAYOUTS) {
    const { root, home, bin } = makeHome(layout);
    roots.push(root);
    const ctx = layoutContext(layout, home, bin, { traceShell: true });
    const chain = await startupChain(ctx);
    // The same run (memoized): what the shell's trace said, line by line.
    const traced = await traceShell(ctx, chain.model);
    const sets = traced.ok ? traced.sets : [];
    chains.set(layout.id, { chain, sets, cache: path.join(home, '.cache', 'claude-auth-doctor') });
  }
}, 60_000);

afterAll(() => {
  for (const root of roots) removeHome(root);
});

describe('bash traced, against the static model', () => {
  it('covers login and interactive layouts', () => {
    expect(LAYOUTS.filter((l) => l.mode === 'login').length).toBeGreaterThanOrEqual(4);
    expect(LAYOUTS.filter((l) => l.mode === 'interactive').length).toBeGreaterThanOrEqual(15);
  });

  describe.each(LAYOUTS.map((l) => [l.id, l] as const))('%s', (id, layout) => {
    it(`confirms every line the static model names (${layout.mode}): ${layout.about}`, () => {
      const { chain } = chains.get(id)!;
      expect(chain.trace).toMatchObject({ ok: true, shell: 'bash' });
      const own = chain.assignments.filter(
        (a) => !a.foreign && !a.session && a.dialect === 'posix' && a.kind !== 'project',
      );
      expect(own.length).toBeGreaterThan(0);
      expect(own.map((a) => `${a.name} ${a.source} ${a.trace}`)).toEqual(
        own.map((a) => `${a.name} ${a.source} confirmed`),
      );
      expect(chain.assignments.filter((a) => a.trace === 'traced-only')).toEqual([]);
    });

    it('learns file and line from the trace itself, not only values', () => {
      const { sets } = chains.get(id)!;
      expect(sets.length).toBeGreaterThan(0);
      expect(sets.filter((s) => s.file === null || s.line === null)).toEqual([]);
    });

    it('says where the start differed from a terminal, and leaves no wrapper behind', () => {
      const { chain, cache } = chains.get(id)!;
      const deviations = chain.trace?.deviations ?? [];
      if (ROOT) {
        expect(deviations).toHaveLength(1);
        expect(deviations[0]).toMatch(
          layout.mode === 'login'
            ? /^bash ignores PS4 from the environment when run as root, so the login files were sourced by `bash -l -c`/
            : /^bash ignores PS4 from the environment when run as root, so ~\/\.bashrc was sourced by a private wrapper file \(`bash --rcfile`\)/,
        );
      } else expect(deviations).toEqual([]);
      let left: string[] = [];
      try {
        left = readdirSync(cache).filter((name) => name.startsWith('bash-trace-rc'));
      } catch {
        // no cache directory: nothing was written
      }
      expect(left).toEqual([]);
    });
  });
});

describe('the built bin, as this user and as nobody', () => {
  const cases = [
    ['b-i-plain', 'ANTHROPIC_API_KEY=vplain1', 'file:~/.bashrc:2 sets ANTHROPIC_API_KEY'],
    [
      'b-l-profile-chain',
      'ANTHROPIC_API_KEY=vlc1',
      'file:~/.bashrc:1 sets ANTHROPIC_API_KEY, sourced from ~/.bash_profile:1',
    ],
  ] as const;

  async function traced(id: string, variable: string, user?: typeof NOBODY) {
    const layout = CORPUS.find((l) => l.id === id)!;
    const { root, home, bin } = makeHome(layout);
    roots.push(root);
    const [name, value] = variable.split('=') as [string, string];
    // A planted token in the environment: never in the output, trace or not.
    const env = {
      ...terminalEnv(home, bin, 'bash'),
      [name]: value,
      ANTHROPIC_AUTH_TOKEN: KEYS.authToken,
    };
    const args = ['--json', '--offline', '--trace-shell', '--shell-mode', layout.mode];
    const result = await runCli([...args, '--only', 'api-key-env'], env, home, {
      ...(user ? { user, bin: portableBin() } : {}),
    });
    expect(result.stderr).toBe('');
    expectNoSecret(result.stdout);
    const report = JSON.parse(result.stdout) as Report;
    const evidence = report.checks.flatMap((c) => c.evidence.map((e) => `${e.source} ${e.detail}`));
    return { trace: report.environment.assumedShell?.trace, evidence };
  }

  it.each(cases)('%s: the line, confirmed by the trace', async (id, variable, line) => {
    const { trace, evidence } = await traced(id, variable);
    expect(trace).toMatchObject({ ok: true });
    expect(trace?.deviations).toHaveLength(ROOT ? 1 : 0);
    expect(
      evidence.some((e) => e.startsWith(line) && e.includes('confirmed by --trace-shell')),
    ).toBe(true);
  });

  it.runIf(ROOT).each(cases)(
    '%s as nobody: bash starts as a terminal starts it, PS4 from the environment',
    async (id, variable, line) => {
      const { trace, evidence } = await traced(id, variable, NOBODY);
      expect(trace).toEqual({ ok: true, deviations: [] });
      expect(
        evidence.some((e) => e.startsWith(line) && e.includes('confirmed by --trace-shell')),
      ).toBe(true);
    },
  );

  it.runIf(ROOT)(
    'as root without a private cache directory, says the trace could not be made',
    async () => {
      const layout = CORPUS.find((l) => l.id === 'b-i-plain')!;
      const { root, home, bin } = makeHome(layout);
      roots.push(root);
      // A cache base anyone may write to (not sticky): the doctor writes nothing there.
      const shared = path.join(root, 'shared');
      mkdirSync(shared);
      chmodSync(shared, 0o777);
      const { trace } = await startupChain(
        layoutContext(layout, home, bin, { env: { XDG_CACHE_HOME: shared }, traceShell: true }),
      );
      expect(trace).toMatchObject({ ok: false });
      expect(trace?.ok === false && trace.reason).toMatch(
        /no private cache directory for the wrapper.*\(the static model\)$/,
      );
      expect(readdirSync(shared)).toEqual([]);
    },
  );
});

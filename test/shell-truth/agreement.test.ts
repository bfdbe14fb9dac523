import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WATCHED_VARS } from '../../src/env-vars.js';
import { startupChain } from '../../src/sources/shell-files.js';
import { CORPUS } from './corpus.js';
import { layoutContext, makeHome, removeHome, trace, type Layout, type Traced } from './harness.js';

// The doctor's static model of shell start-up against the real shells. Each layout runs in the
// real bash, zsh, fish or tcsh (a throwaway HOME, login or interactive as a new terminal starts
// it, traced), and the doctor must name exactly the lines that shell ran, in order, for every
// watched variable, and predict which ones the shell ends up exporting.

interface Run {
  layout: Layout;
  traced: Traced;
  doctor: { name: string; at: string; unset: boolean; exported: boolean; value: string | null }[];
  foreign: string[];
}

const runs = new Map<string, Run>();
const roots: string[] = [];

/** A few shells at a time: the machine is shared. */
async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) await fn(item);
    }),
  );
}

beforeAll(async () => {
  await pool(CORPUS, 6, async (layout) => {
    const { root, home, bin } = makeHome(layout);
    roots.push(root);
    const traced = await trace(layout, home, bin);
    const ctx = layoutContext(layout, home, bin);
    const chain = await startupChain(ctx);
    const own = chain.assignments.filter(
      (a) =>
        !a.foreign &&
        !a.session &&
        a.kind !== 'project' &&
        a.dialect !== 'environment-d' &&
        a.dialect !== 'pam-environment',
    );
    runs.set(layout.id, {
      layout,
      traced,
      doctor: own.map((a) => ({
        name: a.name,
        at: a.source.slice('file:'.length),
        unset: a.unset,
        exported: a.exported,
        value: a.value?.reveal() ?? null,
      })),
      foreign: chain.assignments.filter((a) => a.foreign).map((a) => a.source),
    });
  });
}, 60_000);

afterAll(() => {
  for (const root of roots) removeHome(root);
});

const watched = (name: string) => WATCHED_VARS.has(name);

describe('corpus', () => {
  it('has at least 40 layouts, covering each shell and mode', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    for (const shell of ['bash', 'zsh', 'fish', 'tcsh'])
      for (const mode of ['login', 'interactive'])
        expect(
          CORPUS.some((l) => l.shell === shell && l.mode === mode),
          `${shell} ${mode}`,
        ).toBe(true);
  });
});

describe.each(CORPUS.map((l) => [l.id, l] as const))('%s', (id, layout) => {
  it(`names the lines ${layout.shell} (${layout.mode}) runs: ${layout.about}`, () => {
    const run = runs.get(id)!;
    const traced = run.traced.sets
      .filter((s) => watched(s.name))
      .map((s) => `${s.name}${s.unset ? ' unset' : ''} ${s.file}:${s.line}`);
    const doctor = run.doctor
      .filter((a) => !a.value?.startsWith('SETUVAR'))
      .filter((a) => !a.at.includes('fish_variables'))
      .map((a) => `${a.name}${a.unset ? ' unset' : ''} ${a.at}`);
    expect(doctor, run.traced.log.slice(0, 4000)).toEqual(traced);
  });

  it('predicts what the shell exports', () => {
    const run = runs.get(id)!;
    const last = new Map<string, Run['doctor'][number]>();
    for (const a of run.doctor) last.set(a.name, a);
    for (const name of WATCHED_VARS) {
      const real = run.traced.env[name];
      const predicted = last.get(name);
      if (real === undefined) {
        expect(predicted && !predicted.unset && predicted.exported, name).toBeFalsy();
      } else {
        expect(predicted?.exported, `${name} is exported`).toBe(true);
        if (predicted?.value !== null) expect(predicted?.value, name).toBe(real);
      }
    }
  });
});

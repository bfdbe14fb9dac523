import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checks } from '../checks/index.js';
import { explainingChecks } from '../src/commands/explain.js';
import { KNOWN_MESSAGES } from '../src/known-messages.js';
import { checkTable, TABLE_END, TABLE_START } from '../src/render/check-table.js';
import { ENGINE_OUTCOMES, type OutcomeSpec } from '../src/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = readdirSync(path.join(root, 'checks')).filter(
  (f) => f.endsWith('.ts') && f !== 'index.ts',
);
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('the check registry', () => {
  it('registers every file under checks/ exactly once', () => {
    expect(checks.map((c) => `${c.id}.ts`).sort()).toEqual([...files].sort());
  });

  it.each(checks.map((c) => [c.id, c] as const))(
    '%s is well-formed, tested and documented',
    (id, check) => {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(check.title.length).toBeGreaterThan(3);
      expect(check.description.length).toBeGreaterThan(20);
      expect(readdirSync(path.join(root, 'test', 'checks'))).toContain(`${id}.test.ts`);
      expect(readme).toContain(`| \`${id}\` |`);
    },
  );
});

// `claude-auth-doctor explain <id>` and `explain --error` read this metadata (issue 5).
const EXPLAIN_TEMPLATE = `explain: {
    why: 'Why the user should care, in a sentence or two.',
    docs: 'https://code.claude.com/docs/en/<page>',
    messages: ['<ids from src/known-messages.ts of Claude Code messages this check explains, if any>'],
  },
  outcomes: {
    'all-clear': { status: 'pass', summary: 'One sentence; {name} takes a value from run().' },
    'key-set': { status: 'fail', summary: '...', fix: 'What to do, with the exact command.', plan: ['verify'] },
  },`;

function explainProblems(check: (typeof checks)[number]): string[] {
  const where = `checks/${check.id}.ts`;
  const explain = check.explain;
  if (!explain || !check.outcomes)
    return [
      `${where} has no explain metadata or outcomes. Add, beside \`description\`:\n  ${EXPLAIN_TEMPLATE}\n(see checks/auto-reload.ts; \`claude-auth-doctor explain ${check.id}\` prints it)`,
    ];
  const problems: string[] = [];
  if (explain.why.trim().length < 20)
    problems.push(`${where}: explain.why needs a sentence on why the check matters`);
  if (
    !/^https:\/\/(code\.claude\.com\/docs\/|docs\.claude\.com\/|support\.claude\.com\/)/.test(
      explain.docs,
    )
  ) {
    problems.push(
      `${where}: explain.docs must link the Claude Code doc page the check is based on (https://code.claude.com/docs/en/...)`,
    );
  }
  const outcomes = Object.entries<OutcomeSpec>(check.outcomes);
  if (!outcomes.some(([, o]) => o.status === 'pass' || o.status === 'skip'))
    problems.push(`${where}: outcomes needs one that passes (or skips)`);
  for (const [id, outcome] of outcomes) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))
      problems.push(`${where}: outcome id "${id}" must be lower-case words joined by "-"`);
    if ((ENGINE_OUTCOMES as readonly string[]).includes(id))
      problems.push(`${where}: outcome id "${id}" is the engine's own`);
    if (outcome.summary.trim().length < 10)
      problems.push(`${where}: outcome "${id}" needs a summary sentence`);
    if (outcome.status === 'fail' && !outcome.fix)
      problems.push(`${where}: the fail outcome "${id}" needs a \`fix\``);
  }
  for (const id of explain.messages ?? []) {
    if (!KNOWN_MESSAGES.some((m) => m.id === id))
      problems.push(
        `${where}: explain.messages names "${id}", which is not an id in src/known-messages.ts`,
      );
  }
  return problems;
}

describe('check documentation for explain', () => {
  it.each(checks.map((c) => [c.id, c] as const))(
    '%s says what it looks at, why, every outcome, and links a doc',
    (_, check) => {
      expect(explainProblems(check)).toEqual([]);
    },
  );

  it('every known Claude Code message is explained by at least one check', () => {
    const unexplained = KNOWN_MESSAGES.filter((m) => explainingChecks(m, checks).length === 0).map(
      (m) => m.id,
    );
    expect(unexplained).toEqual([]);
  });

  it('the template in the failure message names every field a check needs', () => {
    const missing = explainProblems({ ...checks[0]!, explain: undefined })[0]!;
    for (const field of ['why:', 'docs:', 'outcomes:', 'status:', 'summary:', 'fix:', 'messages:'])
      expect(missing).toContain(field);
  });
});

describe('declared outcomes', () => {
  // Each check's test file records the outcomes its tests reach (test/helpers/check.ts) and
  // fails when a declared one is never reached; tsc rejects a returned id that is not declared.
  it.each(checks.map((c) => [c.id] as const))(
    'test/checks/%s.test.ts proves every declared outcome reachable',
    (id) => {
      const test = readFileSync(path.join(root, 'test', 'checks', `${id}.test.ts`), 'utf8');
      expect(test).toMatch(/^coversEveryOutcome\(check\);$/m);
    },
  );

  it('checks read like a paragraph: median at most 80 non-empty lines, none over 150', () => {
    const sizes = files
      .map((f) => readFileSync(path.join(root, 'checks', f), 'utf8').split('\n'))
      .map((lines) => lines.filter((line) => line.trim() !== '').length)
      .sort((a, b) => a - b);
    expect(sizes[Math.floor((sizes.length - 1) / 2)]).toBeLessThanOrEqual(80);
    expect(sizes.at(-1)).toBeLessThanOrEqual(150);
  });

  it('the README check table is generated from the declarations', () => {
    const table = checkTable(checks);
    const current = readme.slice(
      readme.indexOf(TABLE_START) + TABLE_START.length,
      readme.indexOf(TABLE_END),
    );
    if (process.env.UPDATE_README && current !== table) {
      const at = readme.indexOf(TABLE_START) + TABLE_START.length;
      writeFileSync(
        path.join(root, 'README.md'),
        readme.slice(0, at) + table + readme.slice(readme.indexOf(TABLE_END)),
      );
      return;
    }
    // Run `UPDATE_README=1 npx vitest run test/conformance.test.ts` to write it.
    expect(current).toBe(table);
  });
});

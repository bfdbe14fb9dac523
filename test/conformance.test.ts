import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checks } from '../checks/index.js';
import { explainingChecks } from '../src/commands/explain.js';
import { KNOWN_MESSAGES } from '../src/known-messages.js';

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
    outcomes: [
      { status: 'pass', when: 'When it passes.' },
      { status: 'fail', when: 'When it fails (one entry per way it can warn, fail or skip).', fix: 'What to do then, with the exact command.' },
    ],
    messages: ['<ids from src/known-messages.ts of Claude Code messages this check explains, if any>'],
  },`;

function explainProblems(check: (typeof checks)[number]): string[] {
  const where = `checks/${check.id}.ts`;
  const explain = check.explain;
  if (!explain)
    return [
      `${where} has no explain metadata. Add, beside \`description\`:\n  ${EXPLAIN_TEMPLATE}\n(see checks/api-key-env.ts; \`claude-auth-doctor explain ${check.id}\` prints it)`,
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
  if (!explain.outcomes.some((o) => o.status === 'pass'))
    problems.push(`${where}: explain.outcomes needs a { status: 'pass', when } entry`);
  if (!explain.outcomes.some((o) => o.status !== 'pass'))
    problems.push(
      `${where}: explain.outcomes needs an entry for each way the check can warn, fail or skip`,
    );
  for (const outcome of explain.outcomes) {
    if (outcome.when.trim().length < 10)
      problems.push(`${where}: an explain.outcomes entry (${outcome.status}) needs \`when\``);
    if (outcome.status !== 'pass' && !outcome.fix?.trim())
      problems.push(`${where}: the ${outcome.status} outcome "${outcome.when}" needs a \`fix\``);
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
    '%s says what it looks at, why, every outcome with its fix, and links a doc',
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
    for (const field of ['why:', 'docs:', 'outcomes:', 'status:', 'when:', 'fix:', 'messages:'])
      expect(missing).toContain(field);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checks } from '../checks/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = readdirSync(path.join(root, 'checks')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('the check registry', () => {
  it('registers every file under checks/ exactly once', () => {
    expect(checks.map((c) => `${c.id}.ts`).sort()).toEqual([...files].sort());
  });

  it.each(checks.map((c) => [c.id, c] as const))('%s is well-formed, tested and documented', (id, check) => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(check.title.length).toBeGreaterThan(3);
    expect(check.description.length).toBeGreaterThan(20);
    expect(readdirSync(path.join(root, 'test', 'checks'))).toContain(`${id}.test.ts`);
    expect(readme).toContain(`| \`${id}\` |`);
  });
});

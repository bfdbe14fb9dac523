import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClaudeVersion } from '../../src/sources/claude-install.js';

describe('parseClaudeVersion', () => {
  it.each([
    ['2.1.197 (Claude Code)\n', '2.1.197'],
    ['2.1.331 (Claude Code)', '2.1.331'],
    ['Update available\nclaude v2.1.331 (Claude Code) [native]', '2.1.331'],
    ['1.0.0-beta.3 (Claude Code)', '1.0.0-beta.3'],
    ['', null],
    ['garbage 2.1 text', null],
    ['99999999.1.1 (Claude Code)', null],
  ])('%j -> %s', (output, version) => {
    expect(parseClaudeVersion(output)).toBe(version);
  });

  it('never throws and stays fast on any output', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5000 }), (output) => {
        const version = parseClaudeVersion(output);
        expect(version === null || /^\d+\.\d+\.\d+/.test(version)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    const started = performance.now();
    parseClaudeVersion(`${'1.'.repeat(500_000)}x`);
    parseClaudeVersion(' '.repeat(1_000_000));
    expect(performance.now() - started).toBeLessThan(500);
  });
});

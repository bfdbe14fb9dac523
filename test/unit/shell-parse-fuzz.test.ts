import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShell, type Dialect } from '../../src/sources/shell-parse.js';
import { KEYS, MARKER } from '../helpers/secrets.js';

const DIALECTS: Dialect[] = [
  'posix',
  'fish',
  'fish-variables',
  'powershell',
  'csh',
  'dotenv',
  'pam-environment',
  'environment-d',
];
const piece = fc.oneof(
  fc.constantFrom(
    'export ',
    'ANTHROPIC_API_KEY',
    '=',
    '"',
    "'",
    '$',
    '(',
    ')',
    '`',
    '\\',
    '\n',
    '\r\n',
    ';',
    '&&',
    '<<',
    'EOF',
    '#',
    ' ',
    'set -gx ',
    '$env:',
    'setenv ',
    'SETUVAR --export ',
    ':',
    KEYS.apiKey,
  ),
  fc.string({ maxLength: 6 }),
);

describe('parseShell fuzz', () => {
  it.each(DIALECTS)(
    '%s: never throws, reports real lines, and the secret only ever appears as a value',
    (dialect) => {
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
          const text = pieces.join('');
          const lines = text.split('\n').length;
          const result = parseShell(text, dialect);
          for (const a of result.assignments) {
            expect(a.line).toBeGreaterThanOrEqual(1);
            expect(a.line).toBeLessThanOrEqual(lines);
            expect(a.name).not.toContain(MARKER);
          }
          for (const ref of result.sources) expect(ref.line).toBeLessThanOrEqual(lines);
        }),
        { numRuns: 200 },
      );
    },
  );

  it.each(DIALECTS)('%s: linear time on adversarial repetition', (dialect) => {
    for (const unit of ['"\\', '$(', '<<A\n', 'export A=', "'", '`', '${', 'set -x A ', '\\\n']) {
      const text = unit.repeat(Math.floor(400_000 / unit.length));
      const started = performance.now();
      parseShell(text, dialect);
      // A quadratic or exponential parser takes minutes here; linear takes milliseconds.
      expect(performance.now() - started).toBeLessThan(5000);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickTopLevel, TopLevelScanner } from '../../src/sources/json-scan.js';

function scan(text: string, keys: string[], chunkSize = 7) {
  const scanner = new TopLevelScanner(keys);
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += chunkSize) scanner.push(bytes.subarray(i, i + chunkSize));
  return scanner.finish();
}

function pick(object: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.filter((k) => Object.hasOwn(object, k)).map((k) => [k, object[k]]));
}

describe('TopLevelScanner', () => {
  it('agrees with JSON.parse on any JSON object, for any chunk size', () => {
    fc.assert(fc.property(
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.integer({ min: 1, max: 64 }),
      fc.boolean(),
      (object, chunkSize, pretty) => {
        const text = JSON.stringify(object, null, pretty ? 2 : undefined);
        const keys = Object.keys(object).filter((_, i) => i % 2 === 0).concat('absent');
        expect(scan(text, keys, chunkSize)).toEqual({ ok: true, values: pick(JSON.parse(text) as Record<string, unknown>, keys) });
      },
    ), { numRuns: 300 });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 32 }), (bytes, chunkSize) => {
      const scanner = new TopLevelScanner(['a']);
      for (let i = 0; i < bytes.length; i += chunkSize) scanner.push(bytes.subarray(i, i + chunkSize));
      const result = scanner.finish();
      expect(typeof result.ok).toBe('boolean');
    }), { numRuns: 500 });
  });

  it('handles escapes split across chunks', () => {
    const text = JSON.stringify({ skip: 'a\\"b\\\\', env: { A: 'q"\\' } });
    for (let size = 1; size < 12; size += 1) expect(scan(text, ['env'], size)).toEqual({ ok: true, values: { env: { A: 'q"\\' } } });
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(scan('\uFEFF{"a": 1}', ['a'])).toEqual({ ok: true, values: { a: 1 } });
  });

  it.each([
    ['', 'is empty'],
    ['[1,2]', 'does not start with a JSON object at byte 0'],
    ['{"a": 1', 'ends inside a value'],
    ['{"a": {"b": 1}', 'ends unexpectedly (truncated?)'],
    ['{"a": 1,, "b": 2}', 'expected a key at byte 8'],
    ['{"a": 1,}', 'expected a key at byte 8'],
    ['{"a" 1}', 'expected ":" at byte 5'],
    ['{"a": 1} x', 'has text after the object at byte 9'],
    ['{"a": ]}', 'expected a value at byte 6'],
    ['{"a": tru"e}', 'unexpected character in a value at byte 9'],
  ])('reports %j as %s', (text, error) => {
    const result = scan(text, ['a']);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });

  it.each([
    ['{"a": tru}', 9],
    ['{"a": [1}}', 9],
  ])('reports a wanted value that is not valid JSON: %j', (text, at) => {
    expect(scan(text, ['a'])).toEqual({ ok: false, error: `the value of "a" is not valid JSON at byte ${at}` });
  });

  it('is linear: 40 MB of skipped strings scan quickly', () => {
    const big = JSON.stringify({ projects: Object.fromEntries(Array.from({ length: 20000 }, (_, i) => [`/p/${i}`, { history: ['x'.repeat(2000)] }])), env: { A: '1' } });
    const bytes = Buffer.from(big);
    const scanner = new TopLevelScanner(['env']);
    const started = performance.now();
    for (let i = 0; i < bytes.length; i += 1 << 20) scanner.push(bytes.subarray(i, i + (1 << 20)));
    expect(scanner.finish()).toEqual({ ok: true, values: { env: { A: '1' } } });
    // Generous for a loaded 2-core machine; quadratic behaviour takes seconds.
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('pickTopLevel', () => {
  it('agrees with JSON.parse for the pretty layout Claude Code writes and for any other', () => {
    fc.assert(fc.property(
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.constantFrom(2, 0, '\t'),
      (object, indent) => {
        const text = JSON.stringify(object, null, indent);
        const keys = Object.keys(object).filter((_, i) => i % 2 === 1).concat('absent');
        expect(pickTopLevel(Buffer.from(text), keys)).toEqual({ ok: true, values: pick(JSON.parse(text) as Record<string, unknown>, keys) });
      },
    ), { numRuns: 300 });
  });

  it('falls back to the scanner when a hand edit breaks the layout', () => {
    const text = '{\n  "env": {"A": "1"},\n"x": [\n  "y"],\n  "oauthAccount": {}\n}\n';
    expect(pickTopLevel(Buffer.from(text), ['env', 'oauthAccount'])).toEqual({ ok: true, values: { env: { A: '1' }, oauthAccount: {} } });
  });

  it('reports truncation of a pretty file', () => {
    const result = pickTopLevel(Buffer.from('{\n  "env": {\n    "A": "1"\n'), ['env']);
    expect(result.ok).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickTopLevel, TopLevelScanner } from '../../src/sources/json-scan.js';

function scan(text: string, keys: string[], chunkSize = 7) {
  const scanner = new TopLevelScanner(keys);
  const bytes = Buffer.from(text, 'utf8');
  // One buffer for every chunk, as ctx.readChunks gives them: the scanner must copy what it keeps.
  const buffer = Buffer.alloc(chunkSize);
  for (let i = 0; i < bytes.length; i += chunkSize)
    scanner.push(buffer.subarray(0, bytes.copy(buffer, 0, i, i + chunkSize)));
  return scanner.finish();
}

function pick(object: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(
    keys.filter((k) => Object.hasOwn(object, k)).map((k) => [k, object[k]]),
  );
}

describe('TopLevelScanner', () => {
  it('agrees with JSON.parse on any JSON object, for any chunk size', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        (object, chunkSize, pretty) => {
          const text = JSON.stringify(object, null, pretty ? 2 : undefined);
          const keys = Object.keys(object)
            .filter((_, i) => i % 2 === 0)
            .concat('absent');
          expect(scan(text, keys, chunkSize)).toEqual({
            ok: true,
            values: pick(JSON.parse(text) as Record<string, unknown>, keys),
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 1, max: 32 }),
        (bytes, chunkSize) => {
          const scanner = new TopLevelScanner(['a']);
          for (let i = 0; i < bytes.length; i += chunkSize)
            scanner.push(bytes.subarray(i, i + chunkSize));
          const result = scanner.finish();
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('handles escapes split across chunks', () => {
    const text = JSON.stringify({ skip: 'a\\"b\\\\', env: { A: 'q"\\' } });
    for (let size = 1; size < 12; size += 1)
      expect(scan(text, ['env'], size)).toEqual({ ok: true, values: { env: { A: 'q"\\' } } });
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
    expect(scan(text, ['a'])).toEqual({
      ok: false,
      error: `the value of "a" is not valid JSON at byte ${at}`,
    });
  });

  it('is linear: 40 MB of skipped strings scan quickly', () => {
    const big = JSON.stringify({
      projects: Object.fromEntries(
        Array.from({ length: 20000 }, (_, i) => [`/p/${i}`, { history: ['x'.repeat(2000)] }]),
      ),
      env: { A: '1' },
    });
    const bytes = Buffer.from(big);
    const scanner = new TopLevelScanner(['env']);
    const started = performance.now();
    for (let i = 0; i < bytes.length; i += 1 << 20) scanner.push(bytes.subarray(i, i + (1 << 20)));
    expect(scanner.finish()).toEqual({ ok: true, values: { env: { A: '1' } } });
    // Generous for a loaded 2-core machine; quadratic behaviour takes seconds.
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

/** A reader over `text` in chunks of `size`, all through one reused buffer as ctx.readChunks does; counts its passes. */
function reader(text: string, size = 1 << 20) {
  const bytes = Buffer.from(text, 'utf8');
  const buffer = Buffer.alloc(size);
  const read = async (sink: (chunk: Uint8Array) => boolean) => {
    read.passes += 1;
    for (let i = 0; i < bytes.length; i += size) {
      const length = bytes.copy(buffer, 0, i, i + size);
      if (!sink(buffer.subarray(0, length))) break;
    }
    return { ok: true as const };
  };
  read.passes = 0;
  return read;
}

/**
 * Valid JSON that looks like Claude Code's layout in places: inner lines moved to two-space
 * indentation, as if they were top-level keys or closers. (A file whose indentation hides a
 * top-level key deeper in is beyond the fast path: see json-pretty.ts.)
 */
function misleading(text: string, dedent: boolean[]): string {
  return text
    .split('\n')
    .map((line, i) =>
      dedent[i % dedent.length] && /^ {4,}\S/.test(line) ? line.replace(/^ +/, '  ') : line,
    )
    .join('\n');
}

describe('pickTopLevel', () => {
  it('agrees with JSON.parse for the layout Claude Code writes and any other, in any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.constantFrom(2, 0, '\t'),
        fc.integer({ min: 1, max: 40 }),
        async (object, indent, size) => {
          const text = JSON.stringify(object, null, indent);
          const keys = Object.keys(object)
            .filter((_, i) => i % 2 === 1)
            .concat('absent');
          expect(await pickTopLevel(reader(text, size), keys)).toEqual({
            ok: true,
            values: pick(JSON.parse(text) as Record<string, unknown>, keys),
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads the layout Claude Code writes once, without the scanner', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }),
        fc.integer({ min: 1, max: 40 }),
        async (object, size) => {
          const text = JSON.stringify(object, null, 2);
          const read = reader(text, size);
          const picked = await pickTopLevel(read, Object.keys(object));
          expect(picked).toEqual({ ok: true, values: JSON.parse(text) });
          expect(read.passes).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is not misled by inner lines that only look like top-level keys', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('env', 'x', 'oauthAccount', 'projects', 'y'),
          fc.jsonValue({ maxDepth: 4 }),
          { minKeys: 1 },
        ),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 1, max: 40 }),
        async (object, dedent, size) => {
          const text = misleading(JSON.stringify(object, null, 2), dedent);
          const keys = ['env', 'oauthAccount', 'y'];
          expect(() => JSON.parse(text)).not.toThrow();
          expect(await pickTopLevel(reader(text, size), keys)).toEqual({
            ok: true,
            values: pick(JSON.parse(text) as Record<string, unknown>, keys),
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it.each([
    [
      'a closer and a key joined on one line',
      '{\n  "x": [\n    1\n  ], "env": [\n  2\n  ]\n}\n',
      { env: [2] },
    ],
    [
      'inner keys at two spaces inside a long value',
      '{\n  "x": {\n    "a": 1,\n  "env": 2,\n  "b": {\n  }\n  },\n  "y": 4\n}\n',
      {},
    ],
    [
      'an unfinished one-line value',
      '{\n  "x": {"a": 1,\n  "env": 2,\n  "b": 3},\n  "y": 4\n}\n',
      {},
    ],
    ['a nested object', '{\n  "x": {\n  "env": 1,\n  "z": 2\n},\n  "y": 2\n}\n', {}],
    ['a nested last member', '{\n  "a": {\n    "x": {\n  },\n  "env": 1\n}\n}\n', {}],
    [
      'a hand-edited array',
      '{\n  "env": {"A": "1"},\n"x": [\n  "y"],\n  "oauthAccount": {}\n}\n',
      { env: { A: '1' }, oauthAccount: {} },
    ],
  ])('falls back to the scanner for %s', async (_, text, values) => {
    const read = reader(text, 5);
    expect(await pickTopLevel(read, ['env', 'oauthAccount'])).toEqual({ ok: true, values });
    expect(read.passes).toBe(2);
  });

  it('finds a top-level key after a large value, split anywhere', async () => {
    const text = JSON.stringify(
      { projects: { '/p': { history: ['x'.repeat(5000)] } }, env: { A: '1' } },
      null,
      2,
    );
    for (const size of [1, 2, 3, 4, 5, 97, 4096]) {
      const read = reader(text, size);
      expect(await pickTopLevel(read, ['env'])).toEqual({ ok: true, values: { env: { A: '1' } } });
      expect(read.passes).toBe(1);
    }
  });

  it('reports truncation of a pretty file', async () => {
    const result = await pickTopLevel(reader('{\n  "env": {\n    "A": "1"\n'), ['env']);
    expect(result.ok).toBe(false);
  });

  it('passes a read failure through', async () => {
    const failure = { ok: false as const, code: 'EACCES', message: 'permission denied' };
    expect(await pickTopLevel(async () => failure, ['env'])).toBe(failure);
  });
});

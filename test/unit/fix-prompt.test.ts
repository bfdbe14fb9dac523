import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lineAsker } from '../../src/fix/prompt.js';

describe('lineAsker', () => {
  it('reads y/n/a/q, asks again after anything else, and quits at the end of input', async () => {
    const input = new PassThrough();
    let out = '';
    const { ask, close } = lineAsker(input, (text) => {
      out += text;
    });
    input.end('y\nNO\nmaybe\nall\n\nq\n');
    expect(await ask('Apply?')).toBe('yes');
    expect(await ask('Apply?')).toBe('no');
    expect(await ask('Apply?')).toBe('all');
    expect(await ask('Apply?')).toBe('no');
    expect(await ask('Apply?')).toBe('quit');
    expect(await ask('Apply?')).toBe('quit');
    close();
    expect(out).toContain('Apply? [y]es, [n]o, [a]ll, [q]uit: ');
    expect(out).toContain('Please answer y, n, a or q.');
  });
});

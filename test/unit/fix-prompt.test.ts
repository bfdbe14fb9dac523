import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { keyAsker, lineAsker } from '../../src/fix/prompt.js';

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

describe('keyAsker', () => {
  it('answers on one key without Enter, in raw mode only while asking; Enter is no, Ctrl-C quits', async () => {
    const input = Object.assign(new PassThrough(), {
      isTTY: true,
      modes: [] as boolean[],
      setRawMode(mode: boolean) {
        this.modes.push(mode);
      },
    });
    let out = '';
    const { ask, close } = keyAsker(input, (text) => {
      out += text;
    });
    const first = ask('Run it?');
    input.write('x'); // ignored
    input.write('Y');
    expect(await first).toBe('yes');
    const second = ask('Run it?');
    input.write('\r');
    expect(await second).toBe('no');
    const third = ask('Run it?');
    input.write('a');
    expect(await third).toBe('all');
    const fourth = ask('Run it?');
    input.write('\u0003');
    expect(await fourth).toBe('quit');
    close();
    expect(input.modes).toEqual([true, false, true, false, true, false, true, false, false]);
    expect(out).toBe(
      'Run it? [y]es, [n]o, [a]ll, [q]uit (one key): yes\n' +
        'Run it? [y]es, [n]o, [a]ll, [q]uit (one key): no\n' +
        'Run it? [y]es, [n]o, [a]ll, [q]uit (one key): all\n' +
        'Run it? [y]es, [n]o, [a]ll, [q]uit (one key): quit\n',
    );
  });

  it('quits at the end of input', async () => {
    const input = new PassThrough();
    const { ask } = keyAsker(input, () => undefined);
    const answer = ask('Apply?');
    input.end();
    expect(await answer).toBe('quit');
  });
});

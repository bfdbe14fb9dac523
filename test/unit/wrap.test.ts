import { describe, expect, it } from 'vitest';
import { makeStyle, toAscii, visibleWidth, wrapText } from '../../src/render/style.js';

describe('wrapping human text', () => {
  it('wraps at spaces with a hanging indent under the first word after the marker', () => {
    const text = '! Competing credentials  two credentials are present and one of them wins';
    expect(wrapText(text, 30)).toBe(
      ['! Competing credentials  two', '  credentials are present and', '  one of them wins'].join(
        '\n',
      ),
    );
    expect(wrapText('     - ~/.zshrc:1: delete or comment out the line', 24)).toBe(
      ['     - ~/.zshrc:1:', '       delete or comment', '       out the line'].join('\n'),
    );
  });

  it('keeps a word longer than the line whole, and never wraps without a width', () => {
    const long = `  - ${'x'.repeat(50)} --flag`;
    expect(wrapText(long, 20)).toBe(`  - ${'x'.repeat(50)}\n    --flag`);
    const text = 'a '.repeat(100);
    expect(wrapText(text, null)).toBe(text);
  });

  it('counts colour codes as no width and keeps them', () => {
    const style = makeStyle({ color: true, unicode: true, width: 20, cursor: true });
    const line = `${style.icon('warn')} ${style.bold('Title')}  words words words words`;
    const wrapped = style.finish(line).split('\n');
    expect(wrapped.length).toBeGreaterThan(1);
    for (const row of wrapped) expect(visibleWidth(row)).toBeLessThanOrEqual(20);
    expect(wrapped[0]).toContain('\u001b[33m!\u001b[39m');
    expect(wrapped[1]).toMatch(/^ {2}\S/);
  });

  it('leaves nothing but ASCII without Unicode', () => {
    expect(toAscii('✔ a → b… “c” — ✖ é')).toBe('+ a -> b... "c" - x ?');
    const style = makeStyle({ color: false, unicode: false, width: null, cursor: false });
    expect(style.icon('pass') + style.icon('fail') + style.arrow).toBe('+x->');
  });
});

describe('wrapping never breaks a command', () => {
  it('keeps a `code span` whole and leaves `$ command` lines alone', () => {
    const text =
      '    → Log in again with only your Claude account (`claude auth login --claudeai`) now.';
    expect(wrapText(text, 40)).toBe(
      [
        '    → Log in again with only your Claude',
        '      account',
        '      (`claude auth login --claudeai`)',
        '      now.',
      ].join('\n'),
    );
    const command = '     $ npm install -g @anthropic-ai/claude-code@latest --prefix ~/.npm-global';
    expect(wrapText(command, 40)).toBe(command);
  });
});

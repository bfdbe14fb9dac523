import { describe, expect, it } from 'vitest';
import { maskLine, unifiedDiff } from '../../src/fix/diff.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

const none = (text: string) => text;

describe('maskLine', () => {
  it.each([
    [`export ANTHROPIC_API_KEY=${KEYS.apiKey}`, 'export ANTHROPIC_API_KEY=[redacted]'],
    [`ANTHROPIC_AUTH_TOKEN='${KEYS.authToken}' # x`, "ANTHROPIC_AUTH_TOKEN='[redacted]' # x"],
    [`    "ANTHROPIC_API_KEY": "${KEYS.apiKey}",`, '    "ANTHROPIC_API_KEY": "[redacted]",'],
    [
      `$env:CLAUDE_CODE_OAUTH_TOKEN = "${KEYS.oauthToken}"`,
      '$env:CLAUDE_CODE_OAUTH_TOKEN = "[redacted]"',
    ],
    [`set -gx ANTHROPIC_API_KEY ${KEYS.apiKey}`, 'set -gx ANTHROPIC_API_KEY [redacted]'],
    [`setenv ANTHROPIC_API_KEY ${KEYS.apiKey}`, 'setenv ANTHROPIC_API_KEY [redacted]'],
    [`ANTHROPIC_API_KEY DEFAULT=${KEYS.apiKey}`, 'ANTHROPIC_API_KEY DEFAULT=[redacted]'],
    [`  "apiKeyHelper": "echo ${KEYS.apiKey}"`, '  "apiKeyHelper": "[redacted]"'],
    [`MY_SERVICE_TOKEN=abc123`, 'MY_SERVICE_TOKEN=[redacted]'],
    ['export PATH=/usr/bin:$PATH', 'export PATH=/usr/bin:$PATH'],
    [
      '# claude-auth-doctor 2026-11-25: commented out the next line, it set ANTHROPIC_API_KEY; undo: x',
      '# claude-auth-doctor 2026-11-25: commented out the next line, it set ANTHROPIC_API_KEY; undo: x',
    ],
  ])('%s', (line, expected) => {
    expect(maskLine(line, none)).toBe(expected);
  });

  it('masks a key the run saw wherever it stands', () => {
    expect(
      maskLine(`alias k="curl -H ${KEYS.apiKey}"`, (t) => t.split(KEYS.apiKey).join('[redacted]')),
    ).not.toContain(KEYS.apiKey);
  });
});

describe('unifiedDiff', () => {
  it('prints hunks with three lines of context, masked', () => {
    const before = [
      'a',
      'b',
      'c',
      'd',
      `export ANTHROPIC_API_KEY=${KEYS.apiKey}`,
      'e',
      'f',
      'g',
      'h',
      'i',
      'j',
      'k',
      'l',
      '',
    ].join('\n');
    const after = before
      .replace(
        `export ANTHROPIC_API_KEY=${KEYS.apiKey}`,
        `# note\n# export ANTHROPIC_API_KEY=${KEYS.apiKey}`,
      )
      .replace('\nl\n', '\nL\n');
    const diff = unifiedDiff('x (before)', 'x (after)', before, after, none);
    expectNoSecret(diff);
    expect(diff).toBe(
      [
        '--- x (before)',
        '+++ x (after)',
        '@@ -2,7 +2,8 @@',
        ' b',
        ' c',
        ' d',
        '-export ANTHROPIC_API_KEY=[redacted]',
        '+# note',
        '+# export ANTHROPIC_API_KEY=[redacted]',
        ' e',
        ' f',
        ' g',
        '@@ -10,4 +11,4 @@',
        ' i',
        ' j',
        ' k',
        '-l',
        '+L',
        '',
      ].join('\n'),
    );
  });
});

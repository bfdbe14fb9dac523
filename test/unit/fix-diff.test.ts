import { describe, expect, it } from 'vitest';
import { maskLine, unifiedDiff } from '../../src/fix/diff.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

describe('maskLine', () => {
  it.each([
    [`export ANTHROPIC_API_KEY=${KEYS.apiKey}`, 'export ANTHROPIC_API_KEY=[masked]'],
    [`ANTHROPIC_AUTH_TOKEN='${KEYS.authToken}' # x`, "ANTHROPIC_AUTH_TOKEN='[masked]'"],
    [`    "ANTHROPIC_API_KEY": "${KEYS.apiKey}",`, '    "ANTHROPIC_API_KEY": "[masked]",'],
    [
      `$env:CLAUDE_CODE_OAUTH_TOKEN = "${KEYS.oauthToken}"`,
      '$env:CLAUDE_CODE_OAUTH_TOKEN = "[masked]"',
    ],
    [`set -gx ANTHROPIC_API_KEY ${KEYS.apiKey}`, 'set -gx ANTHROPIC_API_KEY [masked]'],
    [`setenv ANTHROPIC_API_KEY ${KEYS.apiKey}`, 'setenv ANTHROPIC_API_KEY [masked]'],
    [`ANTHROPIC_API_KEY DEFAULT=${KEYS.apiKey}`, 'ANTHROPIC_API_KEY DEFAULT=[masked]'],
    [`  "apiKeyHelper": "echo ${KEYS.apiKey}"`, '  "apiKeyHelper": "[masked]"'],
    [`MY_SERVICE_TOKEN=abc123`, 'MY_SERVICE_TOKEN=[masked]'],
    // Every value, not only those of secret-looking names: context lines hold passwords too.
    ['export PATH=/usr/bin:$PATH', 'export PATH=[masked]'],
    ['export HTTPS_PROXY=http://alice:hunter2@proxy:8080', 'export HTTPS_PROXY=[masked]'],
    ['DATABASE_URL="postgres://app:s3cret@db/app"', 'DATABASE_URL="[masked]"'],
    [`alias k='curl -u user:pw https://x'`, "alias k='[masked]'"],
    [
      'export ANTHROPIC_CUSTOM_HEADERS="Authorization: Bearer abc123"',
      'export ANTHROPIC_CUSTOM_HEADERS="[masked]"',
    ],
    ['  "env": {', '  "env": {'],
    ['  },', '  },'],
    ['if [ -f ~/.secrets ]; then', 'if [ [masked] ]; then'],
    ['# token Xq7pLm2zK9 for the VPN', '# token [masked] for the VPN'],
    ['export ANTHROPIC_API_KEY', 'export ANTHROPIC_API_KEY'],
    ['printf \u001b]52;c;aGk=\u0007', 'printf '],
    [
      '# claude-auth-doctor 2026-11-25: commented out the next line, it set ANTHROPIC_API_KEY; undo: claude-auth-doctor fix --undo',
      '# claude-auth-doctor 2026-11-25: commented out the next line, it set ANTHROPIC_API_KEY; undo: claude-auth-doctor fix --undo',
    ],
  ])('%s', (line, expected) => {
    expect(maskLine(line)).toBe(expected);
  });

  it('drops terminal control sequences', () => {
    expect(maskLine('echo \u001b[2J\u001b]0;title\u0007hi')).toBe('echo hi');
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
    const diff = unifiedDiff('x (before)', 'x (after)', before, after);
    expectNoSecret(diff);
    expect(diff).toBe(
      [
        '--- x (before)',
        '+++ x (after)',
        '@@ -2,7 +2,8 @@',
        ' b',
        ' c',
        ' d',
        '-export ANTHROPIC_API_KEY=[masked]',
        '+# note',
        '+# export ANTHROPIC_API_KEY=[masked]',
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

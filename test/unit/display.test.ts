import { describe, expect, it } from 'vitest';
import {
  clean,
  cleanDeep,
  keyShaped,
  MASKED,
  pastedSecret,
  showLabel,
  showName,
  showProgram,
  showUrl,
  showValue,
} from '../../src/display.js';
import { KEYS } from '../helpers/secrets.js';

const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('clean', () => {
  it.each([
    ['\u001b[2J\u001b[Hcleared', 'cleared'],
    ['\u001b]0;owned\u0007title', 'title'],
    ['\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['\u001b]52;c;c2VjcmV0\u0007clip', 'clip'],
    ['\u009b31mred', 'red'],
    ['\u001bPdevice\u001b\\x', 'x'],
    ['a\u202eevil\u202c b\u2066c\u2069', 'aevil bc'],
    ['bell\u0007 back\b space\r', 'bell back space'],
    ['tab\tand\nnewline', 'tab\tand\nnewline'],
    ['plain ✔ text', 'plain ✔ text'],
  ])('%j', (input, output) => {
    expect(clean(input)).toBe(output);
    expect(clean(clean(input))).toBe(output);
  });

  it('cleans every string of a value, keys kept', () => {
    expect(cleanDeep({ a: ['x\u001b[31m', { b: 'y\u0007' }], n: 1 })).toEqual({
      a: ['x', { b: 'y' }],
      n: 1,
    });
  });
});

describe('showUrl', () => {
  it.each([
    ['https://gw.example/v1?api_key=abc123', 'https://gw.example/v1'],
    ['https://user:pass@gw.example:8443/a/b#frag', 'https://gw.example:8443/a/b'],
    ['http://proxy.corp:3128', 'http://proxy.corp:3128'],
    ['https://api.anthropic.com/', 'https://api.anthropic.com'],
    [' https://x.example/path ', 'https://x.example/path'],
    ['not a url sk-ant-api03-abc', MASKED],
    ['gw.example/v1?key=abc', MASKED],
    ['https//broken', MASKED],
    ['mailto:someone@example.com', MASKED],
  ])('%s', (input, output) => {
    expect(showUrl(input)).toBe(output);
  });
});

describe('names', () => {
  it.each([
    ['ANTHROPIC_API_KEY', true],
    ['CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD', true],
    ['http_proxy', true],
    ['my_var2', true],
    [KEYS.apiKey, false],
    ['aB3dE6gH9jK2mN5p', false],
    ['Xq7pLm2zK9wR4tY8', false],
    ['a3f9c2e1b7d4a6f8c0e2b4d6f8a1c3e5', false],
    ['has space', false],
    ['with-dash', false],
    ['', false],
  ])('%s shows as a name: %s', (name, shown) => {
    expect(showName(name)).toBe(shown ? name : MASKED);
  });

  it('knows key shapes', () => {
    for (const key of [
      KEYS.apiKey,
      JWT,
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'AKIAIOSFODNN7EXAMPLE',
    ])
      expect(keyShaped(key)).toBe(true);
    for (const word of ['vault', 'get-anthropic-key', 'ANTHROPIC_API_KEY', 'latest', 'node20'])
      expect(keyShaped(word)).toBe(false);
  });
});

describe('showProgram', () => {
  it.each([
    [`echo ${KEYS.apiKey}`, 'echo'],
    ['/usr/local/bin/get-key --profile work', 'get-key'],
    ['VAULT_TOKEN=s.abcdef vault read -field=key secret/anthropic', 'vault'],
    ['A=1 B="two words" "/opt/my tools/fetch.sh" x', 'fetch.sh'],
    [`curl -u alice:hunter2 https://vault.example/key`, 'curl'],
    [`printf '%s' '${KEYS.apiKey.slice(0, 20)}''${KEYS.apiKey.slice(20)}'`, 'printf'],
    [`${KEYS.apiKey}`, MASKED],
    ['C:\\Tools\\keys.exe /get', 'keys.exe'],
    ['FOO=bar', MASKED],
    ['', MASKED],
  ])('%s', (command, shown) => {
    expect(showProgram(command)).toBe(shown);
  });

  it.each([
    [`echo ${KEYS.apiKey}`, true],
    [`echo ${JWT}`, true],
    ['curl -u alice:hunter2 https://vault.example/key', true],
    ['VAULT_TOKEN=s.abcdef vault read -field=key secret/anthropic', true],
    ['curl https://alice:pw@vault.example/key', true],
    ['op read op://Private/Anthropic/credential', false],
    ['/usr/local/bin/get-key --profile work', false],
    ['security find-generic-password -s anthropic -w', false],
  ])('%s carries a secret: %s', (command, pasted) => {
    expect(pastedSecret(command)).toBe(pasted);
  });
});

describe('labels and values', () => {
  it('shows only known labels', () => {
    expect(showLabel('console', ['claudeai', 'console'])).toBe('console');
    expect(showLabel('\u001b]0;x\u0007', ['claudeai', 'console'])).toBe(MASKED);
    expect(showLabel(KEYS.apiKey, ['claudeai'])).toBe(MASKED);
  });

  it.each([
    ['1', '1'],
    ['true', 'true'],
    ['2', '2'],
    ['https://user:pw@gw.example/v1?key=x', 'https://gw.example/v1'],
    ['bedrock', 'bedrock'],
    [KEYS.apiKey, MASKED],
    ['some free text', MASKED],
  ])('value %s', (value, shown) => {
    expect(showValue(value)).toBe(shown);
  });
});

import { describe, expect, it } from 'vitest';
import { removeJsonKey } from '../../src/fix/json-remove.js';

const K = 'ANTHROPIC_API_KEY';

describe('removeJsonKey', () => {
  it.each([
    [
      'a middle member',
      '{\n  "env": {\n    "A": "1",\n    "ANTHROPIC_API_KEY": "k",\n    "B": "2"\n  }\n}\n',
      '{\n  "env": {\n    "A": "1",\n    "B": "2"\n  }\n}\n',
    ],
    [
      'the first member',
      '{\n  "env": {\n    "ANTHROPIC_API_KEY": "k",\n    "B": "2"\n  }\n}\n',
      '{\n  "env": {\n    "B": "2"\n  }\n}\n',
    ],
    [
      'the last member',
      '{\n  "env": {\n    "A": "1",\n    "ANTHROPIC_API_KEY": "k"\n  },\n  "model": "opus"\n}\n',
      '{\n  "env": {\n    "A": "1"\n  },\n  "model": "opus"\n}\n',
    ],
    [
      'the only member: {} stays',
      '{\n  "model": "opus",\n  "env": {\n    "ANTHROPIC_API_KEY": "k"\n  }\n}',
      '{\n  "model": "opus",\n  "env": {}\n}',
    ],
    [
      'one line, tabs',
      '{"env":{"A":"1",\t"ANTHROPIC_API_KEY":"k"},"x":[1,2]}',
      '{"env":{"A":"1"},"x":[1,2]}',
    ],
    [
      'a trailing comma',
      '{\n  "env": {\n    "A": "1",\n    "ANTHROPIC_API_KEY": "k",\n  },\n}\n',
      '{\n  "env": {\n    "A": "1",\n  },\n}\n',
    ],
    [
      'CRLF and four spaces',
      '{\r\n    "env": {\r\n        "ANTHROPIC_API_KEY": "k",\r\n        "B": "2"\r\n    }\r\n}\r\n',
      '{\r\n    "env": {\r\n        "B": "2"\r\n    }\r\n}\r\n',
    ],
    [
      'a duplicate key, both',
      '{"env": {"ANTHROPIC_API_KEY": "a", "B": 1, "ANTHROPIC_API_KEY": "b"}}',
      '{"env": {"B": 1}}',
    ],
    [
      'escaped strings nearby',
      '{"env": {"Q": "a \\"}\\" b", "ANTHROPIC_API_KEY": "k"}}',
      '{"env": {"Q": "a \\"}\\" b"}}',
    ],
    ['a BOM', '\uFEFF{"env": {"ANTHROPIC_API_KEY": "k"}}\n', '\uFEFF{"env": {}}\n'],
  ])('removes %s and keeps the rest byte for byte', (_, text, expected) => {
    expect(removeJsonKey(text, ['env', K])).toEqual({ ok: true, text: expected });
  });

  it('removes a top-level key (apiKeyHelper)', () => {
    const text = '{\n  "apiKeyHelper": "echo k",\n  "env": {}\n}\n';
    expect(removeJsonKey(text, ['apiKeyHelper'])).toEqual({
      ok: true,
      text: '{\n  "env": {}\n}\n',
    });
  });

  it('leaves the text alone when the key is not there', () => {
    const text = '{ "env": { "A": "1" } }';
    expect(removeJsonKey(text, ['env', K])).toEqual({ ok: true, text });
    expect(removeJsonKey('{"model": 1}', ['env', K])).toEqual({ ok: true, text: '{"model": 1}' });
  });

  it.each([
    ['invalid JSON', '{"env": {"ANTHROPIC_API_KEY": "k"', 'not valid JSON'],
    ['a comment', '{"env": {"ANTHROPIC_API_KEY": "k"} // mine\n}', 'not valid JSON'],
    ['two env blocks', '{"env": {}, "env": {"ANTHROPIC_API_KEY": "k"}}', 'more than once'],
  ])('refuses %s', (_, text, reason) => {
    const result = removeJsonKey(text, ['env', K]);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});

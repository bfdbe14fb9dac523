import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fingerprint, registerUrlSecrets, Secret, SecretRegistry } from '../../src/redact.js';
import { KEYS, MARKER } from '../helpers/secrets.js';

describe('Secret', () => {
  const secret = new Secret(KEYS.apiKey);

  it('never turns into its value', () => {
    for (const text of [
      String(secret),
      `${secret}`,
      JSON.stringify({ secret }),
      inspect(secret),
      inspect({ deep: { secret } }),
    ]) {
      expect(text).not.toContain(MARKER);
    }
  });

  it('shows only the last 4 characters of long values', () => {
    expect(secret.fingerprint).toBe('AK01');
    expect(fingerprint('short-value')).toBe('set');
    expect(fingerprint('x'.repeat(19))).toBe('set');
    expect(fingerprint(`${'x'.repeat(16)}abcd`)).toBe('abcd');
  });

  it('compares without revealing', () => {
    expect(secret.equals(KEYS.apiKey)).toBe(true);
    expect(secret.equals(new Secret(KEYS.apiKey2))).toBe(false);
    expect(secret.endsWith(KEYS.apiKey.slice(-20))).toBe(true);
    expect(secret.endsWith('')).toBe(false);
  });
});

describe('SecretRegistry', () => {
  it('scrubs every registered value from text', () => {
    const registry = new SecretRegistry();
    new Secret(KEYS.apiKey, registry);
    registry.add('1');
    expect(registry.scrub(`key=${KEYS.apiKey} and ${KEYS.apiKey}; flag=1`)).toBe(
      'key=[redacted] and [redacted]; flag=1',
    );
  });

  it('hides all of a key whose stored 20-character suffix was registered first', () => {
    const registry = new SecretRegistry();
    registry.add(KEYS.apiKey.slice(-20));
    registry.add(KEYS.apiKey);
    expect(registry.scrub(`a ${KEYS.apiKey} b`)).toBe('a [redacted] b');
  });

  it('hides overlapping secrets as one span', () => {
    const registry = new SecretRegistry();
    registry.add('abcdefgh12');
    registry.add('gh1234567890xyz');
    expect(registry.scrub('<abcdefgh1234567890xyz>')).toBe('<[redacted]>');
  });

  it('finds JSON-escaped, HTML-escaped and URL-encoded forms', () => {
    const registry = new SecretRegistry();
    const value = 'p"a\\ss<&>w/rd 42';
    registry.add(value);
    for (const text of [
      JSON.stringify({ value }),
      value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      encodeURIComponent(value),
    ])
      expect(registry.scrub(text)).toContain('[redacted]');
  });

  it('scrubs 1e4 secrets from 1 MB in well under a second', () => {
    const registry = new SecretRegistry();
    for (let i = 0; i < 10_000; i += 1) registry.add(`secret-value-${i}-${'q'.repeat(10)}`);
    const text = `${'lorem ipsum '.repeat(90_000)} secret-value-77-qqqqqqqqqq`;
    const started = performance.now();
    expect(registry.scrub(text).endsWith('[redacted]')).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('registerUrlSecrets', () => {
  it('registers user-info, query values and fragments of URLs in text', () => {
    const registry = new SecretRegistry();
    registerUrlSecrets(
      'https://tokenuser1234:pa%24%24word99@proxy:8080/x?api_key=gatewaykey12345&v=1#frag-secret-1',
      registry,
    );
    const out = registry.scrub(
      'tokenuser1234 pa$$word99 pa%24%24word99 gatewaykey12345 frag-secret-1',
    );
    expect(out).toBe('[redacted] [redacted] [redacted] [redacted] [redacted]');
  });
});

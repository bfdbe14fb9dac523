import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fingerprint, maskKeyLike, Secret, SecretRegistry } from '../../src/redact.js';
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
});

describe('maskKeyLike', () => {
  it.each([
    [`echo ${KEYS.apiKey}`, 'echo sk-ant-api03-[redacted]'],
    ['vault read -field=key secret/anthropic', 'vault read -field=key secret/anthropic'],
    [`printf %s ${'A'.repeat(40)}`, 'printf %s [redacted]'],
  ])('%s', (input, output) => {
    expect(maskKeyLike(input)).toBe(output);
  });
});

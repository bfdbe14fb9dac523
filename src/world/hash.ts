import type * as Crypto from 'node:crypto';
import { importModule } from './import-module.js';

// node:crypto costs ~4 ms to load, more than any check; only the rare paths that need a hash pay it.

export async function sha256Hex(text: string): Promise<string> {
  const { createHash } = await importModule<typeof Crypto>('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}

export async function randomHex(bytes: number): Promise<string> {
  const { randomBytes } = await importModule<typeof Crypto>('node:crypto');
  return randomBytes(bytes).toString('hex');
}

import type { Context } from '../context.js';
import { pickTopLevel } from './json-scan.js';

export type JsonObject = Record<string, unknown>;

export interface JsonFile {
  path: string;
  state: 'missing' | 'ok' | 'invalid' | 'unreadable';
  /** Why it is unreadable (`EACCES`, `EPERM`, ...), when the system said. */
  code?: string;
  /** The parsed object; `{}` unless state is `ok`. */
  data: JsonObject;
  /**
   * What is wrong with the file itself (not JSON, unreadable). The record is shared by every
   * reader and frozen: a reader's problems with the keys it reads go in its own facts.
   */
  readonly problems: readonly string[];
}

/** Files above this size are scanned for the wanted keys instead of parsed whole. */
const SCAN_ABOVE_BYTES = 1024 * 1024;

/**
 * Reads a JSON object file; every defect becomes a problem string, never an exception. With
 * `keys`, a large file yields only those top-level members (see json-scan.ts). Memoized per
 * file and keys, so what one reader gets never depends on which reader came first.
 */
export function readJsonFile(
  ctx: Context,
  file: string,
  keys?: readonly string[],
): Promise<JsonFile> {
  return ctx.memo(`json:${keys ? keys.join(',') : '*'}:${file}`, () =>
    parseJsonFile(ctx, file, keys),
  );
}

async function parseJsonFile(
  ctx: Context,
  file: string,
  keys?: readonly string[],
): Promise<JsonFile> {
  const size = keys ? ((await ctx.stat(file))?.size ?? 0) : 0;
  if (keys && size > SCAN_ABOVE_BYTES) {
    const picked = await pickTopLevel((sink) => ctx.readChunks(file, sink), keys);
    if (picked.ok) return { path: file, state: 'ok', data: picked.values, problems: [] };
    return 'error' in picked
      ? {
          path: file,
          state: 'invalid',
          data: {},
          problems: [`is not valid JSON (${picked.error})`],
        }
      : unread(file, picked);
  }
  const read = await ctx.readText(file);
  if (!read.ok) return unread(file, read);
  const text = read.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { path: file, state: 'invalid', data: {}, problems: ['is empty'] };
  if (text.includes('\u0000'))
    return {
      path: file,
      state: 'invalid',
      data: {},
      problems: ['contains NUL bytes; it is not a text file'],
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      path: file,
      state: 'invalid',
      data: {},
      problems: [`is not valid JSON (${jsonErrorWhere(error, text)})`],
    };
  }
  if (!isObject(parsed)) {
    return {
      path: file,
      state: 'invalid',
      data: {},
      problems: [`holds ${kindOf(parsed)}, not a JSON object`],
    };
  }
  return { path: file, state: 'ok', data: parsed, problems: [] };
}

function unread(file: string, read: { code: string; message: string }): JsonFile {
  return read.code === 'ENOENT' || read.code === 'ENOTDIR'
    ? { path: file, state: 'missing', data: {}, problems: [] }
    : { path: file, state: 'unreadable', code: read.code, data: {}, problems: [read.message] };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Reads `key` from `data` if it has the expected type; a present value of the wrong type is
 * added to `problems` (the reading source's own list) and treated as absent.
 */
export function typedKey<T>(
  problems: string[],
  data: JsonObject,
  key: string,
  guard: (value: unknown) => value is T,
  expected: string,
  jsonPath = key,
): T | undefined {
  const value = data[key];
  if (value === undefined) return undefined;
  if (guard(value)) return value;
  problems.push(`${jsonPath} should be ${expected}, found ${kindOf(value)}`);
  return undefined;
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

// Error messages from JSON.parse can quote the input; keep only the position.
function jsonErrorWhere(error: unknown, text: string): string {
  const match = /position (\d+)/.exec((error as Error).message);
  if (!match) return 'syntax error';
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `syntax error at line ${line}, column ${column}`;
}

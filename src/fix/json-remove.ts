import type { TextEdit } from './text.js';

// Removes one key from a JSON file by cutting its text out, so everything else (indentation,
// key order, trailing newline, a trailing comma) stays byte for byte. Re-serialising the file
// would reformat it. The result is checked: it must parse to the old value minus that key.

export interface JsonNode {
  start: number;
  end: number;
  /** Object members in file order (duplicates kept). */
  members?: JsonMember[];
  items?: JsonNode[];
}

export interface JsonMember {
  key: string;
  start: number;
  value: JsonNode;
}

export class JsonSyntaxError extends Error {}

/** A JSON parser that keeps positions; it also takes trailing commas, as JSON5-ish editors write them. */
export function parseJson(text: string): JsonNode {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (): never => {
    throw new JsonSyntaxError(`syntax error at offset ${pos}`);
  };
  const skip = () => {
    while (pos < text.length && ' \t\r\n'.includes(text.charAt(pos))) pos++;
  };
  const stringEnd = (from: number): number => {
    let i = from + 1;
    while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    return i + 1;
  };
  const value = (): JsonNode => {
    skip();
    const start = pos;
    const c = text.charAt(pos);
    if (c === '{' || c === '[') {
      const object = c === '{';
      const close = object ? '}' : ']';
      const members: JsonMember[] = [];
      const items: JsonNode[] = [];
      pos++;
      skip();
      while (text.charAt(pos) !== close) {
        if (object) {
          if (text.charAt(pos) !== '"') fail();
          const keyStart = pos;
          pos = stringEnd(pos);
          const key = JSON.parse(text.slice(keyStart, pos)) as string;
          skip();
          if (text.charAt(pos) !== ':') fail();
          pos++;
          members.push({ key, start: keyStart, value: value() });
        } else {
          items.push(value());
        }
        skip();
        if (text.charAt(pos) === ',') {
          pos++;
          skip();
        } else if (text.charAt(pos) !== close) {
          fail();
        }
      }
      pos++;
      return object ? { start, end: pos, members } : { start, end: pos, items };
    }
    if (c === '"') {
      pos = stringEnd(pos);
      return { start, end: pos };
    }
    const scalar = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(pos, pos + 64),
    );
    if (!scalar) fail();
    pos += scalar![0].length;
    return { start, end: pos };
  };
  const root = value();
  skip();
  if (pos !== text.length) fail();
  return root;
}

/** The plain value, with JSON.parse's rule for duplicate keys (the last wins). */
export function plain(node: JsonNode, text: string): unknown {
  if (node.members) {
    const out: Record<string, unknown> = {};
    for (const member of node.members) out[member.key] = plain(member.value, text);
    return out;
  }
  if (node.items) return node.items.map((item) => plain(item, text));
  return JSON.parse(text.slice(node.start, node.end));
}

/** The text range that removes member `index` of `object` with its comma. */
function cut(object: JsonNode, index: number): [number, number] {
  const members = object.members!;
  if (members.length === 1) return [object.start + 1, object.end - 1];
  if (index < members.length - 1) return [members[index]!.start, members[index + 1]!.start];
  return [members[index - 1]!.value.end, members[index]!.value.end];
}

/**
 * Removes `keys` (a path: `['env', 'ANTHROPIC_API_KEY']`, `['apiKeyHelper']`) from a JSON
 * object file. A key that is not there is not an error: the text comes back unchanged.
 */
export function removeJsonKey(text: string, keys: readonly string[]): TextEdit {
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      return { ok: false, reason: 'the file is not valid JSON' };
    throw error;
  }
  const before = plain(root, text);
  const last = keys[keys.length - 1]!;
  let edited = text;
  for (;;) {
    const node = parseJson(edited);
    let object: JsonNode | undefined = node.members ? node : undefined;
    for (const key of keys.slice(0, -1)) {
      const matches: JsonMember[] = object?.members?.filter((m) => m.key === key) ?? [];
      if (matches.length > 1) return { ok: false, reason: `"${key}" appears more than once` };
      object = matches[0]?.value.members ? matches[0].value : undefined;
    }
    if (!object) break;
    const index = object.members!.map((m) => m.key).lastIndexOf(last);
    if (index < 0) break;
    const [from, to] = cut(object, index);
    edited = edited.slice(0, from) + edited.slice(to);
  }
  return matchesRemoval(before, edited, keys)
    ? { ok: true, text: edited }
    : { ok: false, reason: 'the edit would change more than that key' };
}

function matchesRemoval(before: unknown, edited: string, keys: readonly string[]): boolean {
  const expected = structuredClone(before) as Record<string, unknown>;
  let holder: Record<string, unknown> | undefined = expected;
  for (const key of keys.slice(0, -1))
    holder = holder?.[key] as Record<string, unknown> | undefined;
  if (holder && typeof holder === 'object') delete holder[keys[keys.length - 1]!];
  try {
    return JSON.stringify(plain(parseJson(edited), edited)) === JSON.stringify(expected);
  } catch {
    return false;
  }
}

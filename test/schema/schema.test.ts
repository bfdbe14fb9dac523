import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { anonymize } from '../../src/anonymize.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { reportFor, richFixture } from '../helpers/report.js';
import { expectSchemaValid, SCHEMA, SCHEMA_FILE } from '../helpers/schema.js';
import { ENUMS, REPORT_SHAPE, shapePaths } from './report-shape.js';

type Node = Record<string, unknown>;

/** The same path notation as `shapePaths`, read from the schema: `?` marks a key not in `required`. */
function schemaPaths(node: Node, prefix = ''): string[] {
  const resolved = resolve(node);
  const alternatives = (resolved.anyOf ?? resolved.oneOf) as Node[] | undefined;
  if (alternatives) return [...new Set(alternatives.flatMap((alt) => schemaPaths(alt, prefix)))];
  if (resolved.type === 'array') return [`${prefix}[]`, ...schemaPaths(resolved.items as Node, `${prefix}[]`)];
  const properties = resolved.properties as Record<string, Node> | undefined;
  if (!properties) return [];
  const required = new Set(resolved.required as string[] ?? []);
  return Object.entries(properties).flatMap(([key, child]) => {
    const path = `${prefix ? `${prefix}.` : ''}${key}${required.has(key) ? '' : '?'}`;
    return [path, ...schemaPaths(child, path)];
  });
}

function resolve(node: Node): Node {
  const ref = node.$ref as string | undefined;
  if (!ref) return node;
  const name = ref.replace('#/$defs/', '');
  return { ...(SCHEMA.$defs as Record<string, Node>)[name], ...node, $ref: undefined };
}

/** Paths present in a real document, in the same notation (optional keys looked up in the schema's paths). */
function documentPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.length ? [`${prefix}[]`, ...value.flatMap((item) => documentPaths(item, `${prefix}[]`))] : [`${prefix}[]`];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const plain = `${prefix ? `${prefix}.` : ''}${key}`;
    const path = schemaPathSet.has(plain) ? plain : `${plain}?`;
    return [path, ...documentPaths(child, path)];
  });
}
const schemaPathSet = new Set(schemaPaths(SCHEMA));

/** Every property schema in the tree, with its path, for the "every field is described" rule. */
function propertyNodes(node: Node, prefix = ''): [string, Node][] {
  const out: [string, Node][] = [];
  for (const alt of (node.anyOf ?? node.oneOf ?? []) as Node[]) out.push(...propertyNodes(alt, prefix));
  if (node.items) out.push(...propertyNodes(node.items as Node, `${prefix}[]`));
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push([path, child], ...propertyNodes(child, path));
  }
  return out;
}

describe('schema/report.schema.json', () => {
  it('is JSON Schema 2020-12 for schemaVersion 3, shipped in the package', () => {
    expect(SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect((SCHEMA.properties as Node).schemaVersion).toMatchObject({ const: 3 });
    const pkg = JSON.parse(readFileSync(path.join(path.dirname(SCHEMA_FILE), '..', 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema');
  });

  it('has exactly the keys of the Report type, optional where the type is optional', () => {
    expect(schemaPaths(SCHEMA).sort()).toEqual(shapePaths(REPORT_SHAPE).sort());
  });

  it.each(Object.entries(ENUMS))('spells %s with exactly the members of the TypeScript union', (name, members) => {
    const defs = SCHEMA.$defs as Record<string, Node>;
    const where = name === 'expect' ? (SCHEMA.properties as Record<string, Node>).expect
      : name === 'planStepId' ? (((SCHEMA.properties as Record<string, Node>).fixPlan!.items as Node).properties as Record<string, Node>).id
        : defs[name];
    expect([...(where!.enum as string[])].sort()).toEqual(members);
  });

  it('describes every field (directly or through its $ref) and every definition', () => {
    const undescribed = [
      ...propertyNodes(SCHEMA).filter(([, node]) => typeof resolve(node).description !== 'string' || (resolve(node).description as string).length < 8).map(([path]) => path),
      ...Object.entries(SCHEMA.$defs as Record<string, Node>).filter(([, node]) => typeof node.description !== 'string').map(([name]) => `$defs.${name}`),
    ];
    expect(undescribed).toEqual([]);
  });

  it('accepts real reports, and they use every field the schema defines', async () => {
    // A team config that counts the env key as a warning fills `statusOverride`.
    const rich = await reportFor(richFixture(), { checkSettings: { 'api-key-env': { setting: 'warn', source: '~/project/.claude-auth-doctorrc.json' } } });
    const plain = await reportFor(makeFixture({ home: subscriptionHome() }));
    // A hand-over to another shell, and a --trace-shell whose shell is not installed.
    const handed = await reportFor(makeFixture({ home: { '.bashrc': 'exec fish\n' }, env: { SHELL: '/opt/none/bin/bash' } }), { traceShell: true });
    expect(handed.environment.assumedShell).toMatchObject({ handoff: { to: 'fish', at: '~/.bashrc:1' }, trace: { ok: false } });
    const samples = [rich, anonymize(rich, { userNames: [], homes: [], hostnames: [], organizations: [] }), plain, handed];
    for (const sample of samples) expectSchemaValid(JSON.parse(JSON.stringify(sample)));
    const used = new Set(samples.flatMap((sample) => documentPaths(JSON.parse(JSON.stringify(sample)))));
    expect([...schemaPathSet].filter((path) => !used.has(path))).toEqual([]);
  });

  it.each([
    ['an unknown field', (r: Node) => ({ ...r, extra: 1 })],
    ['a missing field', (r: Node) => ({ ...r, summary: undefined })],
    ['a wrong status', (r: Node) => ({ ...r, checks: [{ ...(r.checks as Node[])[0], status: 'ok' }] })],
    ['a newer schemaVersion', (r: Node) => ({ ...r, schemaVersion: 4 })],
    ['a check without its outcome id', (r: Node) => ({ ...r, checks: (r.checks as Node[]).map((c) => ({ ...c, outcome: undefined })) })],
  ])('rejects a report with %s', async (_, change) => {
    const report = JSON.parse(JSON.stringify(await reportFor(makeFixture({ home: subscriptionHome() })))) as Node;
    expect(() => expectSchemaValid(JSON.parse(JSON.stringify(change(report))))).toThrow(/does not match/);
  });
});

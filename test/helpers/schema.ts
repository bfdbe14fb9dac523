import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';

export const SCHEMA_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../schema/report.schema.json',
);
export const SCHEMA = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;

const ajv = new Ajv2020({ strict: true, allErrors: true });
// Spelled out instead of pulling in ajv-formats for one format.
ajv.addFormat(
  'date-time',
  (value: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value)),
);
const validate = ajv.compile(SCHEMA);

/** Throws with ajv's messages unless the document (text or value) matches the schema. */
export function expectSchemaValid(document: unknown): void {
  const value = typeof document === 'string' ? (JSON.parse(document) as unknown) : document;
  if (!validate(value))
    throw new Error(
      `report does not match schema/report.schema.json:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`,
    );
}

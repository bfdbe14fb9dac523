// `.last-update-result.json`, where Claude Code records its last update attempt.
import type { Context } from '../context.js';
import { claudePaths } from '../platform/paths.js';
import { isObject, isString, readJsonFile } from './json-file.js';

export interface LastUpdate {
  file: string;
  outcome?: string;
  path?: string;
  describe: string;
}

/** `{timestamp, path, outcome, status, version_from, version_to, error_code}` (2.1.331 bundle). */
export async function lastUpdate(ctx: Context): Promise<LastUpdate | null> {
  const file = claudePaths(ctx).lastUpdateResult;
  const json = await readJsonFile(ctx, file);
  if (json.state !== 'ok') return null;
  const field = (key: string) =>
    isString(json.data[key]) ? (json.data[key] as string) : undefined;
  const outcome = field('outcome');
  const from = field('version_from');
  const to = field('version_to');
  const error = field('error_code') ?? (isObject(json.data.error) ? 'error' : undefined);
  const parts = [
    `last update ${outcome ?? 'attempt'}`,
    from || to ? `${from ?? '?'} -> ${to ?? '?'}` : '',
    field('path') ? `(${field('path')} install)` : '',
    error ? `error ${error}` : '',
    field('timestamp') ? `at ${field('timestamp')}` : '',
  ];
  return {
    file,
    ...(outcome ? { outcome } : {}),
    ...(field('path') ? { path: field('path')! } : {}),
    describe: parts.filter(Boolean).join(' '),
  };
}

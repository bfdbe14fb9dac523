import type { ExpectOption } from '../context.js';
import { isObject, kindOf } from '../sources/json-file.js';
import type { Method } from '../types.js';
import { keyShaped, showUrl } from '../display.js';

// The configuration file format (issue 7). Pure: validates what a loader produced.

/** `off` removes a check; `warn` counts its `fail` as `warn`; `error` counts its `warn` as `fail`. */
export type Severity = 'off' | 'warn' | 'error';

export interface Policy {
  /** The auth methods a session may use; anything else fails the `policy` check. */
  requireMethod?: Method[];
  /** Hosts `ANTHROPIC_BASE_URL` may point at (`*.example.com` matches subdomains). */
  allowBaseUrl?: string[];
  /** Email domains or organization UUIDs the stored login must belong to. */
  allowedOrganizations?: string[];
}

export interface FileConfig extends Policy {
  expect?: ExpectOption;
  checks?: Record<string, Severity>;
  timeout?: number;
  offline?: boolean;
  registry?: string;
  plugins?: string[];
  /**
   * Project directories whose JavaScript/TypeScript configuration and plugins may run, whatever
   * they hold; read from the user configuration only (`~/...` allowed).
   */
  trustedProjects?: string[];
}

/** A configuration problem: names the file, the key and what was expected; exits 2 like a usage error. */
export class ConfigError extends Error {
  constructor(file: string, key: string | null, expected: string) {
    super(key === null ? `${file}: ${expected}` : `${file}: "${key}" ${expected}`);
  }
}

const METHODS: readonly Method[] = [
  'subscription',
  'api-key',
  'console-key',
  'auth-token',
  'oauth-token',
  'api-key-helper',
  'third-party',
  'none',
];
const SEVERITIES: readonly Severity[] = ['off', 'warn', 'error'];
const EXPECTS: readonly ExpectOption[] = ['subscription', 'api', 'auto'];

export const CONFIG_KEYS = [
  'expect',
  'checks',
  'timeout',
  'offline',
  'registry',
  'plugins',
  'requireMethod',
  'allowBaseUrl',
  'allowedOrganizations',
  'trustedProjects',
] as const;

/** A value from the configuration file for an error message: its display form, never raw. */
function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value !== 'string') return kindOf(value);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) return JSON.stringify(showUrl(value));
  return /^[\w./-]{1,64}$/.test(value) && !keyShaped(value)
    ? JSON.stringify(value)
    : 'a string (not shown: it may hold a secret)';
}

/** Checks the shape of one file's configuration; check ids are checked later, once plugins are loaded. */
export function validateConfig(raw: unknown, file: string): FileConfig {
  if (raw === null || raw === undefined) return {};
  if (!isObject(raw))
    throw new ConfigError(file, null, `must hold an object of options, not ${kindOf(raw)}`);
  const config: FileConfig = {};
  const fail = (key: string, expected: string, value: unknown): never => {
    throw new ConfigError(file, key, `must be ${expected}, got ${shown(value)}`);
  };
  const oneOf = (values: readonly string[]) => `one of ${values.map((v) => `"${v}"`).join(', ')}`;
  const strings = (key: string, value: unknown, allowed?: readonly string[]): string[] => {
    const list = typeof value === 'string' ? [value] : value;
    const what = allowed
      ? `${oneOf(allowed)} or a list of them`
      : 'a string or a list of non-empty strings';
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item === ''))
      return fail(key, what, value);
    const bad = allowed && list.find((item) => !allowed.includes(item));
    if (bad !== undefined && bad !== false) return fail(key, what, bad);
    return list as string[];
  };

  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'expect':
        if (!EXPECTS.includes(value as ExpectOption)) fail(key, oneOf(EXPECTS), value);
        config.expect = value as ExpectOption;
        break;
      case 'timeout':
        if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
          fail(key, 'a positive number of milliseconds', value);
        // Node's timers take at most 2^31 - 1 ms; a longer one fires at once.
        if ((value as number) > 2 ** 31 - 1) fail(key, 'at most 2147483647 (ms)', value);
        config.timeout = value as number;
        break;
      case 'offline':
        if (typeof value !== 'boolean') fail(key, 'true or false', value);
        config.offline = value as boolean;
        break;
      case 'registry':
        if (typeof value !== 'string' || !/^https?:\/\/[^/]/.test(value))
          fail(key, 'an http(s) URL', value);
        config.registry = value as string;
        break;
      case 'checks': {
        if (!isObject(value)) fail(key, 'an object of check id → "off" | "warn" | "error"', value);
        const checks: Record<string, Severity> = {};
        for (const [id, severity] of Object.entries(value as Record<string, unknown>)) {
          if (!SEVERITIES.includes(severity as Severity))
            fail(`checks.${id}`, oneOf(SEVERITIES), severity);
          checks[id] = severity as Severity;
        }
        config.checks = checks;
        break;
      }
      case 'plugins':
        if (!Array.isArray(value)) fail(key, 'a list of module paths or package names', value);
        config.plugins = strings(key, value);
        break;
      case 'requireMethod':
        config.requireMethod = strings(key, value, METHODS) as Method[];
        break;
      case 'allowBaseUrl':
      case 'allowedOrganizations':
      case 'trustedProjects':
        config[key] = strings(key, value);
        break;
      default:
        throw new ConfigError(
          file,
          key,
          `is not an option; expected one of: ${CONFIG_KEYS.join(', ')}`,
        );
    }
  }
  return config;
}

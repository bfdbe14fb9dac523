// The guard's reads of Claude Code's files: synchronous, few, bounded, and only the keys it
// needs. Like src/boot.ts this runs outside the Context (lint exception): the full doctor's
// machinery costs more start-up time than a status line may spend.
import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { cacheBaseFrom, CACHE_NAME, managedDirIn } from '../platform/paths.js';
import { currentUser, privateDir, readPrivateFile } from '../world/private-dir.js';
import { pickTopLevel } from '../sources/json-scan.js';
import type { Expectation } from '../types.js';
import type { GuardFacts, StoredLogin } from './session.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Settings, credentials and small `.claude.json` files are parsed whole below this size. */
const PARSE_WHOLE_BYTES = 1024 * 1024;
/** Beyond this a `.claude.json` is not read at all (the doctor's own bound). */
const MAX_SCAN_BYTES = 512 * 1024 * 1024;
const CHUNK = 1024 * 1024;

export const CLAUDE_JSON_KEYS = ['oauthAccount', 'primaryApiKey', 'customApiKeyResponses'] as const;

export interface Where {
  env: Env;
  platform: string;
  home: string;
  /** The session's working directory. */
  cwd: string;
  /** The project directory (CLAUDE_PROJECT_DIR, else the status line's workspace, else cwd). */
  project: string;
  /** `/` in real runs; tests point it at a fixture (CLAUDE_AUTH_DOCTOR_SYSTEM_ROOT). */
  systemRoot: string;
}

export interface GuardPaths {
  configDir: string;
  globalConfig: string[];
  credentials: string;
  settings: string[];
}

/** As claudePaths() in src/platform/paths.ts (facts file, section 2). */
export function guardPaths(where: Where): GuardPaths {
  const env = where.env;
  const set = env.CLAUDE_CONFIG_DIR !== undefined;
  const configDir = set
    ? path.resolve(where.cwd, env.CLAUDE_CONFIG_DIR!)
    : path.join(where.home, '.claude');
  const secureDir = env.CLAUDE_SECURESTORAGE_CONFIG_DIR
    ? path.resolve(where.cwd, env.CLAUDE_SECURESTORAGE_CONFIG_DIR)
    : configDir;
  const managed = path.join(where.systemRoot, managedDirIn(where.platform as 'linux'));
  const managedDir = path.join(managed, 'managed-settings.d');
  let dropIns: string[] = [];
  try {
    dropIns = readdirSync(managedDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => path.join(managedDir, name));
  } catch {
    // none
  }
  return {
    configDir,
    globalConfig: [
      path.join(configDir, '.config.json'),
      set ? path.join(configDir, '.claude.json') : path.join(where.home, '.claude.json'),
    ],
    credentials: path.join(secureDir, '.credentials.json'),
    settings: [
      path.join(configDir, 'settings.json'),
      path.join(where.project, '.claude', 'settings.json'),
      path.join(where.project, '.claude', 'settings.local.json'),
      path.join(managed, 'managed-settings.json'),
      ...dropIns,
    ],
  };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** A small JSON object file, or null (missing, too big, not JSON, not an object). */
function readSmallJson(file: string): Json | null {
  try {
    if (statSync(file).size > PARSE_WHOLE_BYTES) return null;
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** The wanted top-level keys of `.claude.json`; a large one is streamed, never parsed whole. */
export async function readClaudeJson(file: string): Promise<Json | null> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return null;
  }
  if (size <= PARSE_WHOLE_BYTES) return readSmallJson(file);
  if (size > MAX_SCAN_BYTES) return null;
  const picked = await pickTopLevel(async (sink) => {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      return { ok: false as const };
    }
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const read = readSync(fd, buffer, 0, CHUNK, null);
        if (read === 0 || !sink(buffer.subarray(0, read))) break;
      }
      return { ok: true as const };
    } catch {
      return { ok: false as const };
    } finally {
      closeSync(fd);
    }
  }, CLAUDE_JSON_KEYS);
  return picked.ok ? picked.values : null;
}

/** What the guard keeps of `.claude.json`: no secret, only fingerprints and hashes. */
export interface ClaudeJsonFacts {
  billingType?: string;
  consoleKey?: { fingerprint?: string };
  /** FNV-1a hashes of the approved suffixes (last 20 characters of env keys). */
  approved: string[];
}

/**
 * FNV-1a, 64 bits from two 32-bit passes: enough to recognise a 20-character suffix, too
 * little to recover one; node:crypto would cost more than the whole guard.
 */
export function suffixHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i += 1) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ text.charCodeAt(i), 0x5bd1e995);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}

function claudeJsonFacts(config: Json): ClaudeJsonFacts {
  const responses = isObject(config.customApiKeyResponses) ? config.customApiKeyResponses : {};
  const account = isObject(config.oauthAccount) ? config.oauthAccount : {};
  const billingType = str(account.billingType);
  const key = str(config.primaryApiKey);
  return {
    ...(billingType ? { billingType } : {}),
    ...(key ? { consoleKey: key.length >= 20 ? { fingerprint: key.slice(-4) } : {} } : {}),
    approved: strings(responses.approved)
      .filter((suffix) => suffix !== '')
      .map(suffixHash),
  };
}

const CACHE_VERSION = 1;
const CACHE_FILE = 'claude-json.json';

/**
 * A large `.claude.json` (tens of MB on long-lived machines) takes longer to stream than a
 * status line may spend, and Claude Code rewrites it only now and then: its facts are kept in
 * the doctor's private cache, keyed by the file's identity, size and modification time.
 */
function cachedFacts(
  file: string,
  where: Where,
): {
  facts: ClaudeJsonFacts | null;
  save(facts: ClaudeJsonFacts): void;
} {
  const none = { facts: null, save: () => {} };
  let id: string;
  try {
    const info = statSync(file);
    if (info.size <= PARSE_WHOLE_BYTES) return none;
    id = `${file}\n${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}`;
  } catch {
    return none;
  }
  const base = cacheBaseFrom(where.env, where.platform as 'linux', where.home);
  if (!base) return none;
  // Only a private cache is used (src/world/private-dir.ts): the user's own, writable by nobody else.
  const user = currentUser();
  const read = privateDir(base, [CACHE_NAME, 'guard'], false, user);
  let facts: ClaudeJsonFacts | null = null;
  if (read.ok) {
    const bytes = readPrivateFile(path.join(read.dir, CACHE_FILE), user, 64 * 1024);
    try {
      const data = bytes.ok
        ? (JSON.parse(bytes.bytes.toString('utf8')) as {
            v?: number;
            id?: string;
            facts?: ClaudeJsonFacts;
          })
        : {};
      if (data.v === CACHE_VERSION && data.id === id && data.facts) facts = data.facts;
    } catch {
      // a broken cache: read the file
    }
  }
  return {
    facts,
    save(fresh) {
      const dir = privateDir(base, [CACHE_NAME, 'guard'], true, user);
      if (!dir.ok) return;
      const cache = path.join(dir.dir, CACHE_FILE);
      const temp = `${cache}.${process.pid}.tmp`;
      try {
        writeFileSync(temp, JSON.stringify({ v: CACHE_VERSION, id, facts: fresh }), {
          mode: 0o600,
          flag: 'wx',
        });
        renameSync(temp, cache);
      } catch {
        try {
          rmSync(temp, { force: true });
        } catch {
          // nothing more to do
        }
      }
    },
  };
}

async function readClaudeJsonFacts(file: string, where: Where): Promise<ClaudeJsonFacts> {
  const cached = cachedFacts(file, where);
  if (cached.facts) return cached.facts;
  const config = await readClaudeJson(file);
  const facts = claudeJsonFacts(config ?? {});
  if (config) cached.save(facts);
  return facts;
}

export async function readFacts(where: Where, expect: Expectation | 'auto'): Promise<GuardFacts> {
  const paths = guardPaths(where);
  const legacy = paths.globalConfig[0]!;
  const config = await readClaudeJsonFacts(exists(legacy) ? legacy : paths.globalConfig[1]!, where);
  const credentials = readSmallJson(paths.credentials);
  const oauth =
    credentials && isObject(credentials.claudeAiOauth) ? credentials.claudeAiOauth : null;
  let login: StoredLogin | null = null;
  if (oauth) {
    login = {};
    const accessToken = str(oauth.accessToken);
    if (accessToken) login.accessToken = accessToken;
    if (Array.isArray(oauth.scopes)) login.scopes = strings(oauth.scopes);
    const type = str(oauth.subscriptionType);
    if (type) login.subscriptionType = type;
    const tier = str(oauth.rateLimitTier);
    if (tier) login.rateLimitTier = tier;
  }
  // An empty helper does not count; white space does (2.1.331).
  const apiKeyHelper = [...new Set(paths.settings)].some(
    (file) => (str(readSmallJson(file)?.apiKeyHelper) ?? '') !== '',
  );
  const approved = new Set(config.approved);
  return {
    env: where.env,
    login,
    // The Keychain holds a macOS login; asking it would take a subprocess. The account's
    // billing type says a subscription login exists.
    ...(where.platform === 'darwin' && !login && config.billingType
      ? { loginInKeychain: true }
      : {}),
    ...(config.consoleKey ? { consoleKey: config.consoleKey } : {}),
    approved: (key) => approved.has(suffixHash(key.slice(-20))),
    ...(config.billingType ? { billingType: config.billingType } : {}),
    apiKeyHelper,
    expect,
  };
}

/**
 * The user's `expect` from their configuration file, read cheaply: a JSON or YAML file in
 * `$XDG_CONFIG_HOME/claude-auth-doctor/` (a JavaScript configuration would have to run).
 */
export function configuredExpectation(env: Env, home: string): Expectation | 'auto' {
  const dir = path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'claude-auth-doctor');
  for (const name of ['config', 'config.json', 'config.yaml', 'config.yml']) {
    let text: string;
    try {
      if (statSync(path.join(dir, name)).size > 64 * 1024) continue;
      text = readFileSync(path.join(dir, name), 'utf8');
    } catch {
      continue;
    }
    const match = /^\s*\{?\s*"?expect"?\s*:\s*["']?(subscription|api|auto)\b/m.exec(text);
    if (match) return match[1] as Expectation | 'auto';
    return 'auto';
  }
  return 'auto';
}

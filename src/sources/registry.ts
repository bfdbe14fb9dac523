import path from 'node:path';
import type { Context } from '../context.js';
import { isObject, isString } from './json-file.js';

export const PACKAGE = '@anthropic-ai/claude-code';
const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

export interface RegistryChoice {
  url: string;
  /** Where the choice came from: `env:npm_config_registry`, `file:~/.npmrc:3`, `file:CONFIG#registry`, `default`. */
  source: string;
}

export type Lookup<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * The registry npm would use for the package: scoped setting first, project .npmrc over user;
 * a `registry` in the doctor's configuration overrides them all.
 */
export function registryFor(ctx: Context): Promise<RegistryChoice> {
  return ctx.memo('registry', async () => {
    if (ctx.options.registry) return fromConfig(ctx, ctx.options.registry);
    for (const name of ['npm_config_@anthropic-ai:registry', 'npm_config_registry', 'NPM_CONFIG_REGISTRY']) {
      const value = ctx.env[name];
      if (value) return { url: withSlash(value), source: `env:${name}` };
    }
    for (const file of [path.join(ctx.cwd, '.npmrc'), path.join(ctx.home, '.npmrc')]) {
      const read = await ctx.readText(file);
      if (!read.ok) continue;
      const found = npmrcRegistry(read.text);
      if (found) return { url: withSlash(found.url), source: `file:${ctx.display(file)}:${found.line}` };
    }
    return { url: DEFAULT_REGISTRY, source: 'default' };
  });
}

function fromConfig(ctx: Context, registry: RegistryChoice): RegistryChoice {
  // `https://user:token@host/` carries a credential: the run's scrubber must know it.
  const url = URL.canParse(registry.url) ? new URL(registry.url) : null;
  if (url?.password) ctx.secret(decodeURIComponent(url.password));
  return { url: withSlash(registry.url), source: registry.source };
}

function npmrcRegistry(text: string): { url: string; line: number } | null {
  let plain: { url: string; line: number } | null = null;
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (!/^https?:\/\//.test(value)) continue;
    if (key === '@anthropic-ai:registry') return { url: value, line: index + 1 };
    if (key === 'registry') plain = { url: value, line: index + 1 };
  }
  return plain;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

const ENCODED = PACKAGE.replace('/', '%2f');

/** The small dist-tags document, not the whole package history. */
export function distTags(ctx: Context): Promise<Lookup<Record<string, string>>> {
  return ctx.memo('dist-tags', async () => {
    const registry = await registryFor(ctx);
    const json = await getJson(ctx, `${registry.url}-/package/${ENCODED}/dist-tags`);
    if (!json.ok) return json;
    const tags = Object.fromEntries(Object.entries(json.value).filter((entry): entry is [string, string] => isString(entry[1])));
    return Object.keys(tags).length ? { ok: true, value: tags } : { ok: false, reason: 'the registry answered without dist-tags' };
  });
}

/** `engines.node` of one published version; undefined when it declares none. */
export function nodeEngineOf(ctx: Context, version: string): Promise<Lookup<string | undefined>> {
  return ctx.memo(`engines:${version}`, async () => {
    const registry = await registryFor(ctx);
    const json = await getJson(ctx, `${registry.url}${ENCODED}/${encodeURIComponent(version)}`);
    if (!json.ok) return json;
    const engines = json.value.engines;
    return { ok: true, value: isObject(engines) && isString(engines.node) ? engines.node : undefined };
  });
}

async function getJson(ctx: Context, url: string): Promise<Lookup<Record<string, unknown>>> {
  const shown = new URL(url).host;
  const response = await ctx.httpGet(url, { accept: 'application/json' });
  if (!response.ok) {
    return { ok: false, reason: response.kind === 'timeout' ? `${shown} did not answer in time` : `${shown} could not be reached (${response.message})` };
  }
  if (response.status !== 200) return { ok: false, reason: `${shown} answered HTTP ${response.status}` };
  try {
    const value: unknown = JSON.parse(response.body);
    if (isObject(value)) return { ok: true, value };
  } catch {
    // fall through: not JSON
  }
  return { ok: false, reason: `${shown} answered something that is not a JSON object` };
}

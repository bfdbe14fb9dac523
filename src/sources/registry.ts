import semver from '../semver.js';
import type { Context } from '../context.js';
import { bypasses, displayUrl } from '../net/proxy.js';
import type { Secret } from '../redact.js';
import { isObject, isString } from './json-file.js';
import { HOSTS_HOOK, hookUrls, mayCarryCredential } from './network.js';
import { npmrcEntries, npmSetting } from './npm-config.js';
import { settingsFiles } from './settings.js';

// The one registry client: the registry npm is configured with for the package (scoped
// setting first), its token from .npmrc, two small documents (dist-tags and one version), and
// an answer cache in the user's cache directory so repeated runs make no request at all.

export const PACKAGE = '@anthropic-ai/claude-code';
const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';
/** How long a cached dist-tags answer counts as fresh. */
export const CACHE_TTL_MS = 60 * 60 * 1000;

export interface RegistryChoice {
  url: string;
  /** Where the choice came from: `env:npm_config_registry`, `file:~/.npmrc:3`, `file:CONFIG#registry`, `default`. */
  source: string;
  /** `//host/:_authToken` (bearer) or `//host/:_auth` (basic) from .npmrc; never shown. */
  token?: { value: Secret; source: string; scheme: 'Bearer' | 'Basic' };
  /** Why a configured token was not sent (plain http). */
  withheld?: string;
}

export type Lookup<T> =
  | { ok: true; value: T; /** When the answer came from the cache. */ cachedAt?: number }
  | { ok: false; reason: string };

/**
 * The registry npm would use for the package, scoped setting first, from the user's own npm
 * settings (environment, ~/.npmrc, the global npmrc): a registry a project `.npmrc` names is not
 * contacted, as npm is not run there. A `registry` in the doctor's configuration overrides them;
 * from an untrusted project file it is asked without a token.
 */
export function registryFor(ctx: Context): Promise<RegistryChoice> {
  return ctx.memo('registry', async () => {
    let choice: RegistryChoice = { url: DEFAULT_REGISTRY, source: 'default' };
    let mayAuthenticate = true;
    const hooked = hookUrls(ctx).get('registry');
    if (hooked) choice = { url: withSlash(hooked.href), source: `env:${HOSTS_HOOK}` };
    else if (ctx.options.registry) {
      choice = withCredentialKnown(ctx, ctx.options.registry);
      mayAuthenticate = !ctx.options.registry.fromProject;
    } else
      for (const key of ['@anthropic-ai:registry', 'registry']) {
        const setting = await npmSetting(ctx, key, { trusted: true });
        if (setting && /^https?:\/\//i.test(setting.value)) {
          choice = withCredentialKnown(ctx, { url: setting.value, source: setting.source });
          break;
        }
      }
    const token = mayAuthenticate ? await tokenFor(ctx, choice.url) : undefined;
    if (!token) return choice;
    if (!mayCarryCredential(ctx, new URL(choice.url)))
      return {
        ...choice,
        withheld: `the token from ${token.source} is never sent over plain http`,
      };
    return { ...choice, token };
  });
}

function withCredentialKnown(
  ctx: Context,
  registry: { url: string; source: string },
): RegistryChoice {
  // `https://user:token@host/` carries a credential: the run's scrubber must know it.
  const url = URL.canParse(registry.url) ? new URL(registry.url) : null;
  if (url?.password) ctx.secret(decodeURIComponent(url.password));
  return { url: withSlash(registry.url), source: registry.source };
}

/**
 * npm keys credentials by the registry URL without its protocol (a "nerf dart"):
 * `_authToken` is a bearer token, `_auth` is base64 `user:password` (Artifactory and the like).
 */
async function tokenFor(
  ctx: Context,
  registry: string,
): Promise<RegistryChoice['token'] | undefined> {
  const url = new URL(registry);
  const darts = [`//${url.host}${url.pathname}`, `//${url.host}${url.pathname}`.replace(/\/$/, '')];
  // Never a token a project file names (it could be `${ANTHROPIC_API_KEY}`).
  const entries = (await npmrcEntries(ctx)).filter((e) => e.scope === 'user');
  for (const [suffix, scheme] of [
    [':_authToken', 'Bearer'],
    [':_auth', 'Basic'],
  ] as const) {
    const entry = entries.find(
      (e) => e.value && darts.some((dart) => e.key === `${dart}${suffix}`),
    );
    if (entry) return { value: ctx.secret(entry.value), source: entry.source, scheme };
  }
  return undefined;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

const ENCODED = PACKAGE.replace('/', '%2f');

/** The small dist-tags document, not the whole package history; cached for an hour. */
export function distTags(ctx: Context): Promise<Lookup<Record<string, string>>> {
  return ctx.memo('dist-tags', async () => {
    const registry = await registryFor(ctx);
    const cache = await registryCache(ctx, registry);
    const cached = cache.doc.distTags;
    const age = cached ? ctx.now().getTime() - cached.fetchedAt : Infinity;
    if (cached && age >= 0 && age < CACHE_TTL_MS)
      return { ok: true, value: cached.tags, cachedAt: cached.fetchedAt };
    if (ctx.options.offline) {
      return {
        ok: false,
        reason: `not looked up (--offline), and no answer from ${displayUrl(registry.url)} was cached within the last hour`,
      };
    }
    const json = await getJson(ctx, registry, `${registry.url}-/package/${ENCODED}/dist-tags`);
    if (!json.ok) return json;
    const tags = Object.fromEntries(
      Object.entries(json.value).filter((entry): entry is [string, string] => isString(entry[1])),
    );
    if (!Object.keys(tags).length)
      return { ok: false, reason: 'the registry answered without dist-tags' };
    const fetched = { fetchedAt: ctx.now().getTime(), tags };
    // Only an answer the cache check would accept is kept (an odd tag is still reported now).
    if (validCache({ distTags: fetched })) {
      cache.doc.distTags = fetched;
      await cache.save();
    }
    return { ok: true, value: tags };
  });
}

/**
 * `engines.node` of one published version (null when it declares none). A published
 * version's document never changes, so a cached answer never expires.
 */
export function nodeEngineOf(ctx: Context, version: string): Promise<Lookup<string | null>> {
  return ctx.memo(`engines:${version}`, async () => {
    const registry = await registryFor(ctx);
    const cache = await registryCache(ctx, registry);
    const cached = cache.doc.engines[version];
    if (cached !== undefined)
      return { ok: true, value: cached, cachedAt: cache.doc.distTags?.fetchedAt ?? 0 };
    if (ctx.options.offline)
      return { ok: false, reason: `not looked up (--offline), and not cached for ${version}` };
    const json = await getJson(
      ctx,
      registry,
      `${registry.url}${ENCODED}/${encodeURIComponent(version)}`,
    );
    if (!json.ok) return json;
    const engines = json.value.engines;
    const value = isObject(engines) && isString(engines.node) ? engines.node : null;
    if (value !== null && !isEngineRange(value))
      return {
        ok: false,
        reason: `the registry gave an engines.node for ${version} that is not a version range`,
      };
    cache.doc.engines[version] = value;
    await cache.save();
    return { ok: true, value };
  });
}

async function getJson(
  ctx: Context,
  registry: RegistryChoice,
  url: string,
): Promise<Lookup<Record<string, unknown>>> {
  const shown = new URL(url).host;
  const token = registry.token;
  const headers = {
    accept: 'application/json',
    ...(token ? { authorization: token.value.derive((value) => `${token.scheme} ${value}`) } : {}),
  };
  const proxy = await npmProxy(ctx, new URL(url), Boolean(token));
  const response = await ctx.http(url, { headers, ...(proxy !== undefined ? { proxy } : {}) });
  if (!response.ok) {
    return {
      ok: false,
      reason:
        response.kind === 'timeout'
          ? `${shown} did not answer in time`
          : `${shown} could not be reached (${response.message})`,
    };
  }
  if (response.status === 401 || response.status === 403) {
    const hint = registry.token
      ? `it refused the token from ${registry.token.source}`
      : registry.withheld
        ? `${registry.withheld}: use an https registry URL`
        : `it needs a token: add //${new URL(registry.url).host}${new URL(registry.url).pathname}:_authToken=... to ~/.npmrc`;
    return { ok: false, reason: `${shown} answered HTTP ${response.status}; ${hint}` };
  }
  if (response.status !== 200)
    return { ok: false, reason: `${shown} answered HTTP ${response.status}` };
  try {
    const value: unknown = JSON.parse(response.body);
    if (isObject(value)) return { ok: true, value };
  } catch {
    // fall through: not JSON
  }
  return { ok: false, reason: `${shown} answered something that is not a JSON object` };
}

/**
 * npm's own proxy settings (`https-proxy`, `proxy`, `noproxy`) win over the environment's;
 * undefined leaves the choice to HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
 */
async function npmProxy(
  ctx: Context,
  target: URL,
  withCredential: boolean,
): Promise<URL | null | undefined> {
  // A request carrying a token goes only through a proxy the user's own settings name.
  const trusted = withCredential;
  const setting =
    (target.protocol === 'https:' ? await npmSetting(ctx, 'https-proxy', { trusted }) : null) ??
    (await npmSetting(ctx, 'proxy', { trusted }));
  if (!setting) return undefined;
  const noProxy =
    (await npmSetting(ctx, 'noproxy', { trusted }))?.value ??
    ctx.env.no_proxy ??
    ctx.env.NO_PROXY ??
    '';
  if (bypasses(target, noProxy)) return null;
  try {
    return new URL(setting.value);
  } catch {
    return undefined;
  }
}

// The cache: one small JSON file per registry, never holding a token or a URL's credentials.

interface CacheDoc {
  registry: string;
  distTags?: { fetchedAt: number; tags: Record<string, string> };
  engines: Record<string, string | null>;
}

interface RegistryCache {
  doc: CacheDoc;
  save(): Promise<void>;
}

/**
 * A readable name per registry (`registry-registry.npmjs.org.json`), so support staff can tell
 * the files apart. Two URLs may share a name; the document records its registry, so a clash
 * is only a cache miss.
 */
export function cacheFileName(registryUrl: string): string {
  const readable = displayUrl(registryUrl)
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `registry-${readable.slice(0, 100) || 'unknown'}.json`;
}

function registryCache(ctx: Context, registry: RegistryChoice): Promise<RegistryCache> {
  return ctx.memo('registry-cache', async () => {
    const key = displayUrl(registry.url);
    const name = cacheFileName(registry.url);
    const doc: CacheDoc = { registry: key, engines: {} };
    const text = await ctx.readCacheFile(name);
    if (text !== null) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (isObject(parsed) && parsed.registry === key) {
          const valid = validCache(parsed);
          if (valid) Object.assign(doc, valid);
          else
            ctx.note(
              `Ignored the cached registry answer ${name}: it holds values no registry gives.`,
            );
        }
      } catch {
        // A damaged cache is ignored and rewritten.
      }
    }
    let queue = Promise.resolve();
    return {
      doc,
      save() {
        queue = queue.then(async () => {
          await ctx.writeCacheFile(name, `${JSON.stringify(doc)}\n`);
        });
        return queue;
      },
    };
  });
}

/**
 * The cache document when every value in it is one a registry could have given: versions are
 * semver, tags plain names, `engines.node` a short range without control characters. Anything
 * else means someone else wrote the file (or it is damaged): the whole cache is ignored.
 */
function validCache(data: Record<string, unknown>): Partial<CacheDoc> | null {
  const out: Partial<CacheDoc> = {};
  const tags = data.distTags;
  if (tags !== undefined) {
    if (!isObject(tags) || !Number.isFinite(tags.fetchedAt) || !isObject(tags.tags)) return null;
    const entries = Object.entries(tags.tags);
    if (entries.length > MAX_CACHED || !entries.every(([tag, v]) => TAG.test(tag) && isVersion(v)))
      return null;
    out.distTags = {
      fetchedAt: tags.fetchedAt as number,
      tags: Object.fromEntries(entries) as Record<string, string>,
    };
  }
  if (data.engines !== undefined) {
    if (!isObject(data.engines)) return null;
    const entries = Object.entries(data.engines);
    if (
      entries.length > MAX_CACHED ||
      !entries.every(([v, range]) => isVersion(v) && (range === null || isEngineRange(range)))
    )
      return null;
    out.engines = Object.fromEntries(entries) as Record<string, string | null>;
  }
  return out;
}

const MAX_CACHED = 1000;
const TAG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const isVersion = (value: unknown): value is string =>
  isString(value) && value.length <= 256 && semver.valid(value) === value;

/** What a semver range is written with: no control characters, no markup, short. */
export const isEngineRange = (value: unknown): value is string =>
  isString(value) && /^[0-9A-Za-z .<>=^~|*+-]{1,256}$/.test(value);

export interface ChannelTarget {
  channel: string;
  /** The newest version on the channel (the `latest` tag when the channel has none). */
  version: string;
  registry: RegistryChoice;
  /** When the answer came from the cache. */
  cachedAt?: number;
  /** The channel has no tag of its own. */
  fellBack: boolean;
}

/** The version the configured update channel (`autoUpdatesChannel`, default latest) points at. */
export function channelTarget(ctx: Context): Promise<Lookup<ChannelTarget>> {
  return ctx.memo('channel-target', async () => {
    const channel =
      (await settingsFiles(ctx))
        .map((s) => s.autoUpdatesChannel)
        .filter(Boolean)
        .at(-1) ?? 'latest';
    const [registry, tags] = await Promise.all([registryFor(ctx), distTags(ctx)]);
    if (!tags.ok) return tags;
    const version = tags.value[channel] ?? tags.value.latest;
    if (!version || !semver.valid(version))
      return { ok: false, reason: `the registry names no valid "${channel}" version` };
    return {
      ok: true,
      value: {
        channel,
        version,
        registry,
        fellBack: !tags.value[channel],
        ...(tags.cachedAt ? { cachedAt: tags.cachedAt } : {}),
      },
    };
  });
}

/** Evidence line for where the latest version came from. */
export function registrySource(
  ctx: Context,
  target: ChannelTarget,
): { source: string; detail: string } {
  const minutes =
    target.cachedAt === undefined
      ? null
      : Math.max(0, Math.round((ctx.now().getTime() - target.cachedAt) / 60_000));
  return {
    source:
      target.registry.source === 'default'
        ? `url:${displayUrl(target.registry.url)}`
        : target.registry.source,
    detail: `registry ${displayUrl(target.registry.url)}: ${target.channel} is ${target.version}${target.fellBack ? ` (no "${target.channel}" tag; compared with latest)` : ''}${minutes === null ? '' : ` (cached ${minutes} min ago)`}`,
  };
}

import path from 'node:path';
import type { Context, HttpOptions, HttpResult } from '../context.js';
import { envVariables, type EnvDefinition, type EnvScope } from './session-env.js';
import { BASE_URL } from '../env-vars.js';
import { maskedUrl, proxyFor } from '../net/proxy.js';
import type { Evidence } from '../types.js';

// How Claude Code reaches Anthropic: the hosts it needs, the proxy Node clients would pick from
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY, and the CAs NODE_EXTRA_CA_CERTS adds
// (https://code.claude.com/docs/en/network-config). Settings `env` blocks count: Claude Code
// applies them to its own process, so the session's view of each variable is used.

export const DEFAULT_API = 'https://api.anthropic.com';

/**
 * Test hook: `role=URL` pairs (roles api, sign-in, console, registry), comma-separated,
 * replacing those hosts so tests reach servers on 127.0.0.1 and never the public network.
 */
export const HOSTS_HOOK = 'CLAUDE_AUTH_DOCTOR_NETWORK_HOSTS';

export type HostRole = 'api' | 'sign-in' | 'console';

export interface Target {
  role: HostRole;
  url: URL;
  /** Where the URL came from, when not the built-in default. */
  source?: string;
  /** Set by a project file (`.claude/settings.json`, `settings.local.json`): not the user's choice. */
  fromProject?: boolean;
}

/** Settings scopes the project directory controls: data, never where a credential goes. */
const PROJECT_SCOPES: ReadonlySet<EnvScope> = new Set(['project', 'local']);

/** Whether a definition came from the project directory rather than the user or the admin. */
export function fromProject(definition: Pick<EnvDefinition, 'scope'>): boolean {
  return PROJECT_SCOPES.has(definition.scope);
}

const ROLE_LABEL: Record<HostRole, string> = {
  api: 'API',
  'sign-in': 'sign-in',
  console: 'Console',
};
export const roleLabel = (role: HostRole) => ROLE_LABEL[role];

const PROXY_VARS = [
  'https_proxy',
  'HTTPS_PROXY',
  'http_proxy',
  'HTTP_PROXY',
  'no_proxy',
  'NO_PROXY',
] as const;
const EXTRA_CA = 'NODE_EXTRA_CA_CERTS';

export function hookUrls(ctx: Context): Map<string, URL> {
  const found = new Map<string, URL>();
  for (const pair of (ctx.env[HOSTS_HOOK] ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    try {
      found.set(pair.slice(0, at).trim(), new URL(pair.slice(at + 1).trim()));
    } catch {
      // not a URL: ignored, like an unset hook
    }
  }
  return found;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Whether a request to `url` may carry a credential at all: only over https. The one exception
 * is a loopback test server the test hook names (tests have no certificates to offer).
 */
export function mayCarryCredential(ctx: Context, url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return (
    url.protocol === 'http:' &&
    LOOPBACK.has(url.hostname) &&
    [...hookUrls(ctx).values()].some((hooked) => hooked.origin === url.origin)
  );
}

/** The API's base URL as Claude Code uses it: ANTHROPIC_BASE_URL when set and valid. */
export async function apiBase(ctx: Context): Promise<Target> {
  const hooked = hookUrls(ctx).get('api');
  if (hooked) return { role: 'api', url: hooked, source: `env:${HOSTS_HOOK}` };
  const variable = (await envVariables(ctx)).get(BASE_URL);
  try {
    const url = new URL((variable?.effective.text ?? '').trim());
    if (variable && (url.protocol === 'https:' || url.protocol === 'http:'))
      return {
        role: 'api',
        url,
        source: variable.effective.source,
        ...(fromProject(variable.effective) ? { fromProject: true } : {}),
      };
  } catch {
    // not a URL: base-url reports it; Claude Code's requests fail, the default host is still worth testing
  }
  return { role: 'api', url: new URL(DEFAULT_API) };
}

/** The API host, the sign-in host (claude.ai) and the Console host (platform.claude.com). */
export async function networkTargets(ctx: Context): Promise<Target[]> {
  const hooks = hookUrls(ctx);
  const other = (role: HostRole, fallback: string): Target => {
    const hooked = hooks.get(role);
    return hooked
      ? { role, url: hooked, source: `env:${HOSTS_HOOK}` }
      : { role, url: new URL(fallback) };
  };
  return [
    await apiBase(ctx),
    other('sign-in', 'https://claude.ai'),
    other('console', 'https://platform.claude.com'),
  ];
}

export interface Route {
  proxy: URL | null;
  /** The variable the proxy came from, as evidence source (`env:HTTPS_PROXY`, `file:...#env.HTTPS_PROXY`). */
  proxySource?: string;
  proxyName?: string;
  /** A proxy is set but NO_PROXY sends this host direct. */
  bypassed: boolean;
}

export interface NetworkSetup {
  route(url: URL): Route;
  /** Certificates from NODE_EXTRA_CA_CERTS, when it names a readable PEM file. */
  extraCa?: string[];
  extraCaFile?: string;
  evidence: Evidence[];
}

/**
 * Proxy and CA settings a Claude Code session would get, read once per run. With `trusted`,
 * only the user's own (shell, user and managed settings): a request that carries a credential
 * never goes through a proxy, or trusts a certificate, that a project file names.
 */
export function networkSetup(
  ctx: Context,
  { trusted = false }: { trusted?: boolean } = {},
): Promise<NetworkSetup> {
  return ctx.memo(`network-setup:${trusted}`, async () => {
    const vars = await envVariables(ctx);
    const effective = (name: string): EnvDefinition | undefined => {
      const variable = vars.get(name);
      return trusted
        ? variable?.definitions.filter((d) => !fromProject(d)).at(-1)
        : variable?.effective;
    };
    const env: Record<string, string | undefined> = {};
    const sources: Record<string, string> = {};
    for (const name of PROXY_VARS) {
      const definition = effective(name);
      if (definition?.text === undefined) continue;
      env[name] = definition.text;
      sources[name] = definition.source;
      // The proxy password is a secret like any other: registered, so no error text carries it.
      try {
        const url = new URL(definition.text.trim());
        if (url.password) ctx.secret(decodeURIComponent(url.password));
      } catch {
        // not a URL
      }
    }
    const evidence: Evidence[] = [];
    const route = (url: URL): Route => {
      const choice = proxyFor(url, env);
      if (choice) {
        const name = choice.source.slice('env:'.length);
        return {
          proxy: choice.url,
          proxySource: sources[name] ?? choice.source,
          proxyName: name,
          bypassed: false,
        };
      }
      const anyProxy =
        url.protocol === 'https:'
          ? (env.https_proxy ?? env.HTTPS_PROXY)
          : (env.http_proxy ?? env.HTTP_PROXY);
      return { proxy: null, bypassed: Boolean(anyProxy?.trim()) };
    };
    for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const) {
      const value = env[name]?.trim();
      if (!value) continue;
      let shown: string;
      try {
        shown = maskedUrl(
          new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`),
        );
      } catch {
        shown = '(not a valid URL)';
      }
      evidence.push({ source: sources[name]!, detail: `${name} = ${shown}` });
    }
    const noProxy = env.no_proxy ?? env.NO_PROXY;
    if (noProxy?.trim())
      evidence.push({
        source: sources.no_proxy ?? sources.NO_PROXY!,
        detail: `NO_PROXY = ${noProxy.trim()}`,
      });

    const setup: NetworkSetup = { route, evidence };
    const caVar = effective(EXTRA_CA);
    const caPath = caVar?.text?.trim();
    if (caVar && caPath) {
      const file = path.resolve(ctx.cwd, caPath);
      setup.extraCaFile = ctx.display(file);
      const read = await ctx.readText(file);
      const certs = read.ok
        ? (read.text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [])
        : [];
      const detail = !read.ok
        ? `${EXTRA_CA} names ${setup.extraCaFile}, which ${read.message}`
        : certs.length
          ? `${EXTRA_CA} adds ${certs.length} certificate${certs.length > 1 ? 's' : ''} from ${setup.extraCaFile}`
          : `${EXTRA_CA} names ${setup.extraCaFile}, which holds no PEM certificate`;
      evidence.push({ source: caVar.source, detail });
      if (certs.length) setup.extraCa = certs;
    }
    return setup;
  });
}

/**
 * One request along the route a Claude Code session would take; with `credential`, along the
 * route the user's own settings give (see networkSetup).
 */
export async function probe(
  ctx: Context,
  url: URL,
  options: { method: 'GET' | 'HEAD'; headers?: HttpOptions['headers']; credential?: boolean },
): Promise<{ route: Route; result: HttpResult }> {
  const setup = await networkSetup(ctx, { trusted: Boolean(options.credential) });
  const route = setup.route(url);
  const result = await ctx.http(url.href, {
    method: options.method,
    proxy: route.proxy,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(setup.extraCa ? { extraCa: setup.extraCa } : {}),
  });
  return { route, result };
}

/** What went wrong, in the classes the fix depends on. */
export type Cause =
  | 'ok'
  | 'http-error'
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'unreachable'
  | 'reset'
  | 'proxy-unreachable'
  | 'proxy-auth'
  | 'proxy-refused'
  | 'tls-untrusted'
  | 'tls-invalid'
  | 'other'
  | 'offline';

/** Failures that mean "this host cannot be reached", as opposed to something in the way. */
export const CONNECT_CAUSES: ReadonlySet<Cause> = new Set([
  'dns',
  'refused',
  'timeout',
  'unreachable',
  'reset',
]);

export interface Outcome {
  cause: Cause;
  text: string;
  status?: number;
  issuer?: string;
}

export function outcomeOf(result: HttpResult, host: string): Outcome {
  if (result.ok) {
    const over = result.tls?.protocol ? ` over ${result.tls.protocol}` : '';
    if (result.status >= 500)
      return {
        cause: 'http-error',
        status: result.status,
        text: `answered HTTP ${result.status}${over} (trouble on the server's side)`,
      };
    return {
      cause: 'ok',
      status: result.status,
      text: `reachable: answered HTTP ${result.status}${over}`,
    };
  }
  const issuer = 'tls' in result ? result.tls?.issuer : undefined;
  switch (result.kind) {
    case 'offline':
      return { cause: 'offline', text: 'not tried (--offline)' };
    case 'dns':
      return { cause: 'dns', text: `DNS failure: ${host} could not be resolved` };
    case 'refused':
      return { cause: 'refused', text: 'connection refused' };
    case 'timeout':
      return { cause: 'timeout', text: `timeout: ${result.message}` };
    case 'unreachable':
      return { cause: 'unreachable', text: 'the network is unreachable' };
    case 'reset':
      return { cause: 'reset', text: 'the connection was closed before an answer' };
    case 'proxy-unreachable':
      return { cause: 'proxy-unreachable', text: result.message };
    case 'proxy-status':
      return result.status === 407
        ? {
            cause: 'proxy-auth',
            status: 407,
            text: `${result.message}: proxy authentication required`,
          }
        : {
            cause: 'proxy-refused',
            ...(result.status ? { status: result.status } : {}),
            text: result.message,
          };
    case 'tls': {
      const invalid =
        result.code === 'CERT_HAS_EXPIRED' || result.code === 'ERR_TLS_CERT_ALTNAME_INVALID';
      return {
        cause: invalid ? 'tls-invalid' : 'tls-untrusted',
        text: `TLS: ${result.message}`,
        ...(issuer ? { issuer } : {}),
      };
    }
    default:
      return { cause: 'other', text: result.message };
  }
}

/** How a request went, for evidence: `direct`, `direct (NO_PROXY)` or `through proxy ...`. */
export function routeText(route: Route): string {
  if (route.proxy) return `through the proxy ${maskedUrl(route.proxy)} (${route.proxyName})`;
  return route.bypassed ? 'direct (NO_PROXY)' : 'direct';
}

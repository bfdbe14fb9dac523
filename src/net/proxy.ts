// Which proxy a request goes through, the way curl and npm read the environment: the
// lower-case variable wins over the upper-case one, NO_PROXY lists hosts that go direct.

export type ProxyEnv = Readonly<Record<string, string | undefined>>;

export interface ProxyChoice {
  url: URL;
  /** The variable it came from, e.g. `env:HTTPS_PROXY`. */
  source: string;
}

/** The proxy for `target`, or null when it goes direct (none set, or NO_PROXY matches). */
export function proxyFor(target: URL, env: ProxyEnv): ProxyChoice | null {
  const names =
    target.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  const name = names.find((n) => env[n]?.trim());
  if (!name) return null;
  if (bypasses(target, env.no_proxy ?? env.NO_PROXY ?? '')) return null;
  const raw = env[name]!.trim();
  try {
    // `proxy:8080` without a scheme means http, as in curl.
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return { url, source: `env:${name}` };
  } catch {
    return null;
  }
}

/** NO_PROXY: `*`, host names (a leading `.` or `*.` is optional), `host:port`, IP addresses. */
export function bypasses(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    if (portMatch && !entry.startsWith('[') && entry.split(':').length === 2) {
      entry = portMatch[1]!;
      entryPort = portMatch[2];
    }
    entry = entry.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    if (entryPort && entryPort !== port) continue;
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** A URL for output: no user name, password or query (they can hold credentials). */
export function displayUrl(url: URL | string): string {
  try {
    const parsed = typeof url === 'string' ? new URL(url) : new URL(url.href);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.href;
  } catch {
    return '(invalid URL)';
  }
}

/** A proxy URL for output: scheme, host and port; never its user name or password. */
export function maskedUrl(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

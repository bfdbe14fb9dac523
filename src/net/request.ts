import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

// One bounded HTTP(S) request on node:http/https, because Node 20's fetch ignores proxies.
// Through a proxy it always tunnels with CONNECT (as undici's ProxyAgent does), for http
// targets too, so there is one code path. TLS is verified here rather than by Node so that a
// refused certificate still tells who issued it (an intercepting proxy shows up that way), and
// nothing is sent to a peer that failed verification. Only src/context.ts calls this.

export interface RequestOptions {
  url: string;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** The whole request: proxy, connect, TLS, headers and body. */
  timeoutMs: number;
  /** Larger bodies are refused, not truncated. */
  maxBytes: number;
  proxy?: URL | null;
  /** Trusted CA certificates (PEM) instead of Node's own; for tests and company CAs. */
  ca?: string[];
  /** CA certificates (PEM) trusted on top of Node's bundled ones, as NODE_EXTRA_CA_CERTS does. */
  extraCa?: string[];
}

export interface TlsInfo {
  authorized: boolean;
  /** OpenSSL's or Node's code when not authorized, e.g. SELF_SIGNED_CERT_IN_CHAIN. */
  error?: string;
  protocol?: string;
  subject?: string;
  issuer?: string;
  validTo?: string;
}

export type FailureKind =
  | 'invalid-url'
  | 'timeout'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'proxy-unreachable'
  | 'proxy-status'
  | 'tls'
  | 'too-large'
  | 'unreachable'
  | 'network';

export type NetResult =
  | {
      ok: true;
      status: number;
      headers: Record<string, string>;
      body: string;
      viaProxy: boolean;
      tls?: TlsInfo;
    }
  | {
      ok: false;
      kind: FailureKind;
      message: string;
      code?: string;
      status?: number;
      tls?: TlsInfo;
    };

type Failure = Extract<NetResult, { ok: false }>;
type Destroyable = { destroy(): unknown };
type Channel = { socket: net.Socket; tls?: TlsInfo };

export function request(options: RequestOptions): Promise<NetResult> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return Promise.resolve({ ok: false, kind: 'invalid-url', message: 'not a valid URL' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve({
      ok: false,
      kind: 'invalid-url',
      message: `unsupported protocol ${url.protocol}`,
    });
  }
  return new Promise((resolve) => {
    const open: Destroyable[] = [];
    const track = <T extends Destroyable>(handle: T): T => {
      open.push(handle);
      return handle;
    };
    let settled = false;
    const finish = (result: NetResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Outermost first: a TLS socket must go before the socket it wraps (Node 20 crashes otherwise).
      for (const handle of open.reverse()) handle.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({ ok: false, kind: 'timeout', message: `no answer within ${options.timeoutMs} ms` }),
      Math.max(1, options.timeoutMs),
    );
    connect(url, options, track)
      .then((channel) =>
        'ok' in channel ? finish(channel) : exchange(url, options, channel, track, finish),
      )
      .catch((error: unknown) => finish(classify(error)));
  });
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

function portOf(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

async function connect(
  url: URL,
  options: RequestOptions,
  track: <T extends Destroyable>(h: T) => T,
): Promise<Channel | Failure> {
  const raw = options.proxy
    ? await tunnel(url, options.proxy, options, track)
    : await direct(url, track);
  if ('ok' in raw) return raw;
  return url.protocol === 'https:' ? secure(raw, url, options, track) : { socket: raw };
}

function direct(
  url: URL,
  track: <T extends Destroyable>(h: T) => T,
): Promise<net.Socket | Failure> {
  return new Promise((resolve) => {
    const socket = track(net.connect({ host: hostOf(url), port: portOf(url) }));
    socket.once('connect', () => resolve(socket));
    socket.once('error', (error) => resolve(classify(error)));
  });
}

function tunnel(
  url: URL,
  proxy: URL,
  options: RequestOptions,
  track: <T extends Destroyable>(h: T) => T,
): Promise<net.Socket | Failure> {
  const authority = `${url.hostname}:${portOf(url)}`;
  const proxyName = `${proxy.hostname}:${portOf(proxy)}`;
  const headers: Record<string, string> = { host: authority };
  if (proxy.username) {
    const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(user).toString('base64')}`;
  }
  return new Promise((resolve) => {
    const module = proxy.protocol === 'https:' ? https : http;
    const req = track(
      module.request({
        host: hostOf(proxy),
        port: portOf(proxy),
        method: 'CONNECT',
        path: authority,
        headers,
        agent: false,
        ...caOption(options),
      }),
    );
    req.once('connect', (res: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      track(socket);
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        const why = status === 407 ? 'requires authentication' : 'refused the tunnel';
        resolve({
          ok: false,
          kind: 'proxy-status',
          status,
          message: `the proxy ${proxyName} ${why} (HTTP ${status})`,
        });
        return;
      }
      if (head.length) socket.unshift(head);
      resolve(socket);
    });
    req.once('error', (error) => {
      const cause = classify(error);
      resolve({
        ok: false,
        kind: 'proxy-unreachable',
        ...(cause.code ? { code: cause.code } : {}),
        message: `the proxy ${proxyName} could not be reached (${cause.message})`,
      });
    });
    req.end();
  });
}

function secure(
  socket: net.Socket,
  url: URL,
  options: RequestOptions,
  track: <T extends Destroyable>(h: T) => T,
): Promise<Channel | Failure> {
  const host = hostOf(url);
  return new Promise((resolve) => {
    const secured = track(
      tls.connect({
        socket,
        // `host` is what the certificate is checked against; SNI takes names only.
        host,
        ...(net.isIP(host) ? {} : { servername: host }),
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
        ...caOption(options),
      }),
    );
    secured.once('secureConnect', () => {
      const info = tlsInfo(secured);
      if (info.authorized) resolve({ socket: secured, tls: info });
      else
        resolve({ ok: false, kind: 'tls', code: info.error, message: tlsMessage(info), tls: info });
    });
    secured.once('error', (error) => resolve({ ...classify(error), kind: 'tls' }));
  });
}

function exchange(
  url: URL,
  options: RequestOptions,
  channel: Channel,
  track: <T extends Destroyable>(h: T) => T,
  finish: (r: NetResult) => void,
): void {
  const req = track(
    http.request({
      method: options.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      headers: { host: url.host, 'user-agent': 'claude-auth-doctor', ...options.headers },
      createConnection: () => channel.socket,
    }),
  );
  req.once('response', (res) => {
    const declared = Number(res.headers['content-length'] ?? '0');
    if (declared > options.maxBytes) {
      finish({ ok: false, kind: 'too-large', message: `response too large (${declared} bytes)` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBytes)
        finish({
          ok: false,
          kind: 'too-large',
          message: `response larger than ${options.maxBytes} bytes`,
        });
      else chunks.push(chunk);
    });
    res.once('end', () =>
      finish({
        ok: true,
        status: res.statusCode ?? 0,
        headers: Object.fromEntries(
          Object.entries(res.headers).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.join(', ') : (v ?? ''),
          ]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
        viaProxy: Boolean(options.proxy),
        ...(channel.tls ? { tls: channel.tls } : {}),
      }),
    );
    res.once('error', (error) => finish(classify(error)));
  });
  req.once('error', (error) => finish(classify(error)));
  req.end();
}

/** Node's bundled CAs plus `extraCa`, or `ca` alone; nothing when neither is given (Node's default). */
function caOption(options: RequestOptions): { ca?: string[] } {
  if (options.ca) return { ca: options.ca };
  return options.extraCa?.length ? { ca: [...tls.rootCertificates, ...options.extraCa] } : {};
}

function tlsInfo(socket: tls.TLSSocket): TlsInfo {
  const cert = socket.getPeerCertificate();
  const name = (entity: tls.Certificate | undefined) =>
    entity && (entity.CN || entity.O)
      ? [entity.CN, entity.O].filter(Boolean).join(', ')
      : undefined;
  const error = socket.authorizationError ? String(socket.authorizationError) : undefined;
  const subject = name(cert?.subject);
  const issuer = name(cert?.issuer);
  const protocol = socket.getProtocol() ?? undefined;
  return {
    authorized: socket.authorized,
    ...(error ? { error } : {}),
    ...(protocol ? { protocol } : {}),
    ...(subject ? { subject } : {}),
    ...(issuer ? { issuer } : {}),
    ...(cert?.valid_to ? { validTo: cert.valid_to } : {}),
  };
}

function tlsMessage(info: TlsInfo): string {
  const by = info.issuer ? ` (issued by ${info.issuer})` : '';
  switch (info.error) {
    case 'CERT_HAS_EXPIRED':
      return `the certificate has expired${by}`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the certificate is for another host${by}`;
    default:
      return `the certificate is not trusted: ${info.error ?? 'unknown reason'}${by}`;
  }
}

function classify(error: unknown): Failure {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED':
      return { ok: false, kind: 'refused', code, message: 'connection refused' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { ok: false, kind: 'dns', code, message: 'host name could not be resolved' };
    case 'ECONNRESET':
    case 'EPIPE':
      return {
        ok: false,
        kind: 'reset',
        code,
        message: 'the connection was closed before an answer',
      };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return { ok: false, kind: 'unreachable', code, message: 'the network is unreachable' };
    case 'ETIMEDOUT':
      return { ok: false, kind: 'timeout', code, message: 'the connection timed out' };
    default:
      return {
        ok: false,
        kind: 'network',
        ...(code ? { code } : {}),
        message: code ?? ((error as Error).message || 'network error'),
      };
  }
}

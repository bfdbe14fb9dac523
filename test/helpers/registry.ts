import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach } from 'vitest';
import { listen } from './servers.js';

export type RegistryMode =
  'ok' | 'hang' | 'endless' | '500' | '404' | 'html' | 'invalid-json' | 'no-dist-tags';

export interface RegistryRequest {
  url: string;
  authorization?: string;
}

export interface FakeRegistry {
  url: string;
  requests: string[];
  /** Every request with the headers that matter. */
  log: RegistryRequest[];
}

export interface RegistryOptions {
  mode?: RegistryMode;
  tags?: Record<string, string>;
  engines?: Record<string, string>;
  /** Answer only with `authorization: Bearer <token>`, else 401. */
  token?: string;
  /** Answer only with exactly this authorization header, else 401. */
  authorization?: string;
  /** Answer after this many ms. */
  delayMs?: number;
  /** Serve under a path, like a proxy registry (`/npm/`). */
  base?: string;
}

/** Tunnelled sockets: the HTTP server no longer tracks them, so they are closed by hand. */
const tunnelled = new Set<Socket>();
afterEach(() => {
  for (const socket of tunnelled) socket.destroy();
  tunnelled.clear();
});

/** An npm registry on 127.0.0.1 that serves dist-tags and version documents. */
export async function fakeRegistry(options: RegistryOptions = {}): Promise<FakeRegistry> {
  const mode = options.mode ?? 'ok';
  const tags = options.tags ?? { latest: '2.1.331', stable: '2.1.300' };
  const base = options.base ?? '/';
  const requests: string[] = [];
  const log: RegistryRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    log.push({
      url: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    if (mode === 'hang') return; // accept, never answer
    if (mode === 'endless') {
      // Headers and a trickle of body that never finishes.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"latest": "');
      const timer = setInterval(() => res.write('1'), 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    const send = (status: number, body: string, type = 'application/json') => {
      const answer = () => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    };
    const wanted = options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
    if (wanted && req.headers.authorization !== wanted)
      return send(401, '{"error":"authentication required"}');
    if (mode === '500') return send(500, '{"error":"boom"}');
    if (mode === '404') return send(404, '{"error":"not found"}');
    if (mode === 'html') return send(200, '<html><body>Proxy login</body></html>', 'text/html');
    if (mode === 'invalid-json') return send(200, '{"latest": ');
    const url = decodeURIComponent(req.url ?? '');
    if (!url.startsWith(base)) return send(404, '{}');
    if (url.endsWith('/dist-tags'))
      return send(200, JSON.stringify(mode === 'no-dist-tags' ? {} : tags));
    const version = /\/@anthropic-ai\/claude-code\/([^/]+)$/.exec(url)?.[1];
    if (version) {
      const engines = options.engines?.[version];
      return send(
        200,
        JSON.stringify({
          name: '@anthropic-ai/claude-code',
          version,
          ...(engines ? { engines: { node: engines } } : {}),
        }),
      );
    }
    return send(404, '{}');
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}${base}`, requests, log };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}

export interface FakeProxy {
  url: string;
  /** The `host:port` of every CONNECT. */
  tunnels: string[];
  /** Proxy-Authorization headers received. */
  auth: string[];
}

/** A CONNECT proxy on 127.0.0.1; with `status`, it refuses every tunnel with that status. */
export async function fakeProxy(
  options: { status?: number; credentials?: string } = {},
): Promise<FakeProxy> {
  const tunnels: string[] = [];
  const auth: string[] = [];
  const server = createServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    tunnelled.add(client);
    const given = req.headers['proxy-authorization'];
    if (given) auth.push(given);
    const expected = options.credentials
      ? `Basic ${Buffer.from(options.credentials).toString('base64')}`
      : undefined;
    const status = options.status ?? (expected && given !== expected ? 407 : 200);
    if (status !== 200) {
      client.end(
        `HTTP/1.1 ${status} Refused\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnelled.add(upstream);
    const close = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', close);
    client.on('error', close);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, tunnels, auth };
}

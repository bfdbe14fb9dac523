import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export type RegistryMode = 'ok' | 'hang' | 'endless' | '500' | '404' | 'html' | 'invalid-json' | 'no-dist-tags';

export interface FakeRegistry {
  url: string;
  requests: string[];
}

export interface RegistryOptions {
  mode?: RegistryMode;
  tags?: Record<string, string>;
  engines?: Record<string, string>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  })));
});

/** An npm registry on 127.0.0.1 that serves dist-tags and version documents. */
export async function fakeRegistry(options: RegistryOptions = {}): Promise<FakeRegistry> {
  const mode = options.mode ?? 'ok';
  const tags = options.tags ?? { latest: '2.1.331', stable: '2.1.300' };
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
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
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (mode === '500') return send(500, '{"error":"boom"}');
    if (mode === '404') return send(404, '{"error":"not found"}');
    if (mode === 'html') return send(200, '<html><body>Proxy login</body></html>', 'text/html');
    if (mode === 'invalid-json') return send(200, '{"latest": ');
    const url = decodeURIComponent(req.url ?? '');
    if (url.endsWith('/dist-tags')) return send(200, JSON.stringify(mode === 'no-dist-tags' ? {} : tags));
    const version = /\/@anthropic-ai\/claude-code\/([^/]+)$/.exec(url)?.[1];
    if (version) {
      const engines = options.engines?.[version];
      return send(200, JSON.stringify({ name: '@anthropic-ai/claude-code', version, ...(engines ? { engines: { node: engines } } : {}) }));
    }
    return send(404, '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, requests };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}

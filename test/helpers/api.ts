import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { listen } from './servers.js';

// A fake Anthropic API and TLS servers on 127.0.0.1 for the network and verify-credential checks.

export interface ApiRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface FakeApi {
  url: string;
  requests: ApiRequest[];
}

export type ApiMode = number | 'hang';

function handler(mode: ApiMode, requests: ApiRequest[], body?: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    if (mode === 'hang') return; // accept, never answer
    // A body that must never reach any output.
    res.writeHead(mode, { 'content-type': 'application/json' });
    res.end(req.method === 'HEAD' ? undefined : (body ?? defaultBody(mode)));
  };
}

/** What Anthropic's API answers for each status: the model list, or its error envelope. */
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};
function defaultBody(status: number): string {
  if (status === 200) return '{"data":[{"id":"claude-body-MARKERBODY"}]}';
  const type = ERROR_TYPES[status] ?? 'api_error';
  return JSON.stringify({ type: 'error', error: { type, message: 'body MARKERBODY' } });
}

/**
 * Answers every request with `mode` (an HTTP status) or never answers (`hang`); `body` replaces
 * the default model list (e.g. an API error envelope).
 */
export async function fakeApi(mode: ApiMode = 200, body?: string): Promise<FakeApi> {
  const requests: ApiRequest[] = [];
  const port = await listen(createServer(handler(mode, requests, body)));
  return { url: `http://127.0.0.1:${port}`, requests };
}

export interface Certificate {
  certFile: string;
  cert: string;
  key: string;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A self-signed certificate made with openssl, for 127.0.0.1 or (wrongHost) for another name. */
export function selfSigned(options: { wrongHost?: boolean } = {}): Certificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'cad-cert-'));
  dirs.push(dir);
  const san = options.wrongHost ? 'DNS:other.example' : 'IP:127.0.0.1';
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
      '-subj',
      '/CN=Interception Test CA/O=Corp Security',
      '-addext',
      `subjectAltName=${san}`,
    ],
    { stdio: 'ignore' },
  );
  const certFile = path.join(dir, 'cert.pem');
  return {
    certFile,
    cert: readFileSync(certFile, 'utf8'),
    key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
  };
}

/** An HTTPS server on 127.0.0.1 with `certificate`, answering like fakeApi. */
export async function fakeTlsApi(certificate: Certificate, mode: ApiMode = 200): Promise<FakeApi> {
  const requests: ApiRequest[] = [];
  const port = await listen(
    createHttpsServer({ key: certificate.key, cert: certificate.cert }, handler(mode, requests)),
  );
  return { url: `https://127.0.0.1:${port}`, requests };
}

/** The test hook value pointing the network check's three hosts at these servers (one path each). */
export function hosts(api: string, signIn: string, console: string): string {
  const base = (url: string) => url.replace(/\/+$/, '');
  return `api=${base(api)}/api,sign-in=${base(signIn)}/sign-in,console=${base(console)}/console`;
}

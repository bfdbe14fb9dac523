// The one request --verify sends: the credential in use to the free, documented "List models"
// endpoint (https://docs.claude.com/en/api/models-list), on the route Claude Code would take.
import type { Context } from '../context.js';
import type { Secret } from '../redact.js';
import { apiBase, probe } from './network.js';

const API_VERSION = '2023-06-01';

export async function sendOnce(
  ctx: Context,
  method: 'api-key' | 'console-key' | 'auth-token',
  secret: Secret,
): Promise<{ url: URL } & Awaited<ReturnType<typeof probe>>> {
  const base = await apiBase(ctx);
  const url = new URL(`${base.url.href.replace(/\/+$/, '')}/v1/models?limit=1`);
  const credential: Record<string, Secret> =
    method === 'auth-token'
      ? { authorization: secret.derive((v) => `Bearer ${v}`) }
      : { 'x-api-key': secret };
  const sent = await probe(ctx, url, {
    method: 'GET',
    headers: { ...credential, 'anthropic-version': API_VERSION },
  });
  return { url, ...sent };
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from './servers.js';

// A fake Anthropic Messages API on 127.0.0.1, enough for the real Claude Code (hooks facts
// 1-2): a minimal SSE stream for `"stream": true`, the same message as JSON otherwise, 404 for
// anything else. It records which credential each request carried.

export interface MessagesRequest {
  method: string;
  url: string;
  /** `x-api-key` or `bearer` (Authorization: Bearer), or null. */
  auth: 'x-api-key' | 'bearer' | null;
  /** The credential's value; tests compare its last 4 characters and never print it. */
  credential: string | null;
  body: string;
}

export interface MessagesApi {
  url: string;
  requests: MessagesRequest[];
  /** The Messages requests only (`POST /v1/messages…`). */
  messages(): MessagesRequest[];
}

export const ANSWER = 'Hello from the fake API.';

const message = {
  id: 'msg_fake_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-opus-5-5',
  content: [] as object[],
  stop_reason: null as string | null,
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 1 },
};

function sse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (event: string, data: object) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  send('message_start', { message });
  send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ANSWER } });
  send('content_block_stop', { index: 0 });
  send('message_delta', {
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 6 },
  });
  send('message_stop', {});
  res.end();
}

function record(req: IncomingMessage, body: string): MessagesRequest {
  const key = req.headers['x-api-key'];
  const authorization = req.headers.authorization;
  const bearer = typeof authorization === 'string' ? /^Bearer (.*)$/i.exec(authorization) : null;
  return {
    method: req.method ?? '',
    url: req.url ?? '',
    auth: typeof key === 'string' ? 'x-api-key' : bearer ? 'bearer' : null,
    credential: typeof key === 'string' ? key : (bearer?.[1] ?? null),
    body,
  };
}

export async function messagesApi(): Promise<MessagesApi> {
  const requests: MessagesRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      if (body.length < 4 * 1024 * 1024) body += chunk.toString('utf8');
    });
    req.on('end', () => {
      requests.push(record(req, body));
      if (req.method === 'POST' && req.url?.startsWith('/v1/messages')) {
        let stream = false;
        try {
          stream = (JSON.parse(body) as { stream?: boolean }).stream === true;
        } catch {
          // not JSON: answer as if not streamed
        }
        if (stream) return sse(res);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            ...message,
            content: [{ type: 'text', text: ANSWER }],
            stop_reason: 'end_turn',
          }),
        );
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"type":"error","error":{"type":"not_found_error","message":"not found"}}');
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    messages: () => requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/messages')),
  };
}

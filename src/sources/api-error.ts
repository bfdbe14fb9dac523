// What the API's answer to `GET /v1/models` says about the credential. Anthropic answers errors
// as `{"type":"error","error":{"type":"<error type>","message":"..."}}`
// (https://docs.claude.com/en/api/errors); the status alone misleads: a disabled organisation
// answers 400 (anthropics/claude-code#19028), exhausted credit 400 too (#54566). The message is
// read to classify and never shown: it can quote what was sent. Only the error type, a fixed
// token, is kept.

export type ApiVerdict =
  | 'accepted'
  /** The key or token is unknown, malformed or revoked (401). */
  | 'invalid'
  /** A subscription access token past its expiry (401 "OAuth token has expired"). */
  | 'expired'
  /** The credential's organisation is disabled (400 or 403). */
  | 'organization-disabled'
  /** The organisation does not allow this kind of credential (subscription or API key). */
  | 'not-allowed'
  /** The Console balance is used up (400 "credit balance is too low"). */
  | 'no-credit'
  /** Accepted but lacking a permission (403 permission_error). */
  | 'permission'
  | 'rate-limited'
  /** Trouble on the server's side (5xx, 529 overloaded). */
  | 'server'
  /** Not Anthropic's answer: a gateway or proxy with its own format, or without /v1/models. */
  | 'gateway'
  | 'other';

export interface ApiAnswer {
  verdict: ApiVerdict;
  status: number;
  /** Anthropic's error type (`authentication_error`, ...), when the body is its envelope. */
  errorType?: string;
}

interface Envelope {
  type?: string;
  message?: string;
}

/** `error.type` and `error.message` of Anthropic's error envelope, or null for any other body. */
export function errorEnvelope(body: string): Envelope | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.slice(0, 64 * 1024));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const error = (parsed as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { type, message } = error as { type?: unknown; message?: unknown };
  const envelope: Envelope = {};
  // A type is a short token; anything else is not shown.
  if (typeof type === 'string' && /^[a-z_]{1,40}$/.test(type)) envelope.type = type;
  if (typeof message === 'string') envelope.message = message.toLowerCase();
  return envelope.type || envelope.message ? envelope : null;
}

/** Classifies an answer to `GET <base>/v1/models`; `firstParty` is false for a gateway's URL. */
export function classifyAnswer(status: number, body: string, firstParty: boolean): ApiAnswer {
  const envelope = status === 200 ? null : errorEnvelope(body);
  const errorType = envelope?.type;
  const message = envelope?.message ?? '';
  const answer = (verdict: ApiVerdict): ApiAnswer => ({
    verdict,
    status,
    ...(errorType ? { errorType } : {}),
  });

  if (status === 200) return answer(isModelList(body) ? 'accepted' : 'gateway');
  // Messages first: they name the cause whatever status carries them.
  if (/organi[sz]ation has been disabled|belongs to a disabled organi[sz]ation/.test(message))
    return answer('organization-disabled');
  if (/credit balance is too low/.test(message)) return answer('no-credit');
  if (/oauth token has expired/.test(message)) return answer('expired');
  if (
    /not allowed for this organi[sz]ation|has disabled (api key|claude subscription)/.test(message)
  )
    return answer('not-allowed');
  if (!envelope) {
    // Not Anthropic's envelope: an HTML page, a gateway's own JSON, or nothing.
    if (status >= 500) return answer(firstParty ? 'server' : 'gateway');
    return answer(
      firstParty && (status === 401 || status === 429) ? statusVerdict(status) : 'gateway',
    );
  }
  switch (errorType) {
    case 'authentication_error':
      return answer('invalid');
    case 'permission_error':
      return answer('permission');
    case 'rate_limit_error':
      return answer('rate-limited');
    case 'overloaded_error':
    case 'api_error':
      return answer('server');
    case 'not_found_error':
      // Anthropic's API has /v1/models; a gateway may not.
      return answer(firstParty ? 'other' : 'gateway');
    default:
      return answer(statusVerdict(status));
  }
}

function statusVerdict(status: number): ApiVerdict {
  if (status === 401) return 'invalid';
  if (status === 403) return 'permission';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'other';
}

/** `{"data":[...]}`, as the model list is; a captive portal's HTML is not. */
function isModelList(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body.slice(0, 1024 * 1024));
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      Array.isArray((parsed as { data?: unknown }).data)
    );
  } catch {
    return false;
  }
}

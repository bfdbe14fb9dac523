import { describe, expect, it } from 'vitest';
import { classifyAnswer, errorEnvelope } from '../../src/sources/api-error.js';

const body = (type: string, message: string) =>
  JSON.stringify({
    type: 'error',
    error: { type, message },
    request_id: 'req_011CXF1SZ3S3oXChsdxhoUwV',
  });

// Bodies as the API answered them in public reports (anthropics/claude-code unless named).
describe('classifyAnswer (--verify reads the error body)', () => {
  it.each([
    // #19028: a disabled organisation answers 400, not 401 or 403.
    [
      400,
      body('invalid_request_error', 'This organization has been disabled.'),
      'organization-disabled',
    ],
    // Claude Code 2.1.331's wording for a key of a disabled organisation.
    [
      403,
      body('permission_error', 'Your ANTHROPIC_API_KEY belongs to a disabled organization'),
      'organization-disabled',
    ],
    // #54566: exhausted credit is a 400 as well.
    [
      400,
      body(
        'invalid_request_error',
        'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      ),
      'no-credit',
    ],
    // #9694.
    [401, body('authentication_error', 'invalid x-api-key'), 'invalid'],
    // #34826.
    [401, body('authentication_error', 'Invalid bearer token'), 'invalid'],
    // #33230.
    [
      401,
      body(
        'authentication_error',
        'OAuth token has expired. Please obtain a new token or refresh your existing token.',
      ),
      'expired',
    ],
    // #63886.
    [
      403,
      body(
        'permission_error',
        'OAuth authentication is currently not allowed for this organization.',
      ),
      'not-allowed',
    ],
    [403, body('permission_error', 'Some permission'), 'permission'],
    // #54698.
    [
      429,
      body(
        'rate_limit_error',
        "This request would exceed your account's rate limit. Please try again later.",
      ),
      'rate-limited',
    ],
    // #2919.
    [529, body('overloaded_error', 'Overloaded'), 'server'],
    [500, body('api_error', 'Internal server error'), 'server'],
  ])('HTTP %i %s -> %s', (status, text, verdict) => {
    expect(classifyAnswer(status, text, true).verdict).toBe(verdict);
  });

  it('keeps the error type, never the message', () => {
    const answer = classifyAnswer(
      400,
      body('invalid_request_error', 'This organization has been disabled.'),
      true,
    );
    expect(answer).toEqual({
      verdict: 'organization-disabled',
      status: 400,
      errorType: 'invalid_request_error',
    });
    expect(errorEnvelope(body('not a token!', 'x'))?.type).toBeUndefined();
  });

  it('tells a gateway that is not Anthropic from a rejection', () => {
    expect(classifyAnswer(404, '<html>Not Found</html>', false).verdict).toBe('gateway');
    expect(classifyAnswer(404, body('not_found_error', 'Not found'), false).verdict).toBe(
      'gateway',
    );
    expect(classifyAnswer(400, '{"detail":"bad"}', false).verdict).toBe('gateway');
    expect(classifyAnswer(502, 'Bad Gateway', false).verdict).toBe('gateway');
    // A 200 that is not a model list: a captive portal or a gateway.
    expect(classifyAnswer(200, '<html>login</html>', true).verdict).toBe('gateway');
    expect(classifyAnswer(200, '{"data":[{"id":"claude"}]}', true).verdict).toBe('accepted');
    // A bare 401 from Anthropic's own host still means the key was refused.
    expect(classifyAnswer(401, '', true).verdict).toBe('invalid');
  });
});

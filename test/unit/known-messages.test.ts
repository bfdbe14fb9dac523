import { describe, expect, it } from 'vitest';
import { matchMessages } from '../../src/known-messages.js';

describe('matchMessages (explain --error)', () => {
  it.each([
    ['Invalid API key · Fix external API key', ['invalid-api-key-external']],
    ['invalid api key - fix external api key', ['invalid-api-key-external']],
    ['API Error: Invalid API key • Fix external API key.', ['invalid-api-key-external']],
    ['  INVALID   API KEY·PLEASE RUN /LOGIN ', ['invalid-api-key-login']],
    ['Invalid API key', ['invalid-api-key']],
    ['Not logged in · Please run /login', ['not-logged-in']],
    ['OAuth token revoked · Please run /login', ['oauth-token-revoked']],
    ['Credit balance is too low', ['credit-balance-too-low']],
    ['Your credit balance is too low to access the Anthropic API.', ['credit-balance-too-low']],
    [
      'Auth conflict: Both a token (ANTHROPIC_AUTH_TOKEN) and an API key (ANTHROPIC_API_KEY) are set.',
      ['auth-conflict'],
    ],
    [
      '⚠ Both claude.ai and ANTHROPIC_API_KEY set · auth may not work as expected',
      ['api-key-and-subscription'],
    ],
    ['ANTHROPIC_API_KEY overriding Claude subscription login', ['overriding-subscription']],
    ['Opus 4 · API Usage Billing · ~/src/app', ['api-usage-billing']],
    ['Detected a custom API key in your environment', ['custom-api-key-prompt']],
    [
      'API Error: Connection error. (cause: self-signed certificate in certificate chain)',
      ['self-signed-certificate'],
    ],
    ['Error: unable to get local issuer certificate', ['unable-to-get-local-issuer']],
  ])('%j', (pasted, ids) => {
    expect(matchMessages(pasted).map((m) => m.id)).toEqual(ids);
  });

  it('finds every message in a pasted screen, most specific first', () => {
    const screen =
      'Both claude.ai and ANTHROPIC_API_KEY set · auth may not work as expected\n> hi\nCredit balance is too low';
    expect(matchMessages(screen).map((m) => m.id)).toEqual([
      'api-key-and-subscription',
      'credit-balance-too-low',
    ]);
  });

  it.each(['', 'hello', 'it does not work', 'invalid key'])('matches nothing in %j', (pasted) => {
    expect(matchMessages(pasted)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { authModel } from '../../src/credentials.js';
import { readFacts } from '../../src/guard/read.js';
import {
  ASCII,
  colored,
  glyphsFor,
  segmentText,
  UNICODE,
  warningText,
} from '../../src/guard/segment.js';
import { sessionView, type GuardFacts } from '../../src/guard/session.js';
import {
  credentialsFile,
  makeFixture,
  SUBSCRIPTION_ACCOUNT,
  type FileSpec,
} from '../helpers/fixture.js';
import { expectNoSecret, KEYS, suffix20 } from '../helpers/secrets.js';

// The guard's small model (src/guard/session.ts) must give the doctor's answer: `effective` for
// `-p` and the SDK, `interactive` for an interactive session, and the same expectation.

interface Case {
  home?: Record<string, FileSpec>;
  project?: Record<string, FileSpec>;
  env?: Record<string, string>;
  expect?: 'subscription' | 'api';
}

const SUB = {
  '.claude/.credentials.json': credentialsFile(),
  '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT },
};
const settings = (s: object) => ({ '.claude/settings.json': s });
const claudeJson = (extra: object) => ({
  '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, ...extra },
});

const CASES: Record<string, Case> = {
  nothing: {},
  'subscription only': { home: SUB },
  'API key only': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
  'Console key only': { home: { '.claude.json': { primaryApiKey: KEYS.consoleKey } } },
  'auth token only': { env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken } },
  'OAuth token only': { env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken } },
  'helper only': { home: settings({ apiKeyHelper: 'echo x' }) },
  Bedrock: { env: { CLAUDE_CODE_USE_BEDROCK: '1' } },
  'subscription + Bedrock': { home: SUB, env: { CLAUDE_CODE_USE_BEDROCK: 'true' } },
  'subscription + API key': { home: SUB, env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
  'subscription + key in settings env': {
    home: { ...SUB, ...settings({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } }) },
  },
  'subscription + key in project settings env': {
    home: SUB,
    project: settings({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } }),
  },
  'subscription + declined key': {
    home: {
      '.claude/.credentials.json': credentialsFile(),
      ...claudeJson({ customApiKeyResponses: { approved: [], rejected: [suffix20(KEYS.apiKey)] } }),
    },
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
  },
  'subscription + approved key': {
    home: {
      '.claude/.credentials.json': credentialsFile(),
      ...claudeJson({ customApiKeyResponses: { approved: [suffix20(KEYS.apiKey)], rejected: [] } }),
    },
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
  },
  'subscription + Console key': {
    home: {
      '.claude/.credentials.json': credentialsFile(),
      ...claudeJson({ primaryApiKey: KEYS.consoleKey }),
    },
  },
  'subscription + auth token': { home: SUB, env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken } },
  'subscription + OAuth token': { home: SUB, env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken } },
  'subscription + helper': { home: { ...SUB, ...settings({ apiKeyHelper: 'echo x' }) } },
  'subscription + project helper': {
    home: SUB,
    project: settings({ apiKeyHelper: 'echo x' }),
  },
  'helper + API key': {
    home: settings({ apiKeyHelper: 'echo x' }),
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
  },
  'white-space key only': { env: { ANTHROPIC_API_KEY: '   ' } },
  'subscription + white-space key': { home: SUB, env: { ANTHROPIC_API_KEY: '  ' } },
  'subscription + white-space auth token': { home: SUB, env: { ANTHROPIC_AUTH_TOKEN: '  ' } },
  'login without user:inference + Console key': {
    home: {
      '.claude/.credentials.json': credentialsFile({ scopes: ['user:profile'] }),
      '.claude.json': { primaryApiKey: KEYS.consoleKey },
    },
  },
  'billing type only + Console key': {
    home: claudeJson({ primaryApiKey: KEYS.consoleKey }),
  },
  'subscription, expecting API credits': { home: SUB, expect: 'api' },
  'API key, expecting the subscription': {
    env: { ANTHROPIC_API_KEY: KEYS.apiKey },
    expect: 'subscription',
  },
  'config dir moved': {
    home: {
      'alt/.credentials.json': credentialsFile(),
      'alt/.claude.json': { primaryApiKey: KEYS.consoleKey },
    },
    env: { CLAUDE_CONFIG_DIR: '@HOME@/alt' },
  },
};

async function both(c: Case, entrypoint: 'cli' | 'sdk-cli') {
  const fixture = makeFixture({ home: c.home ?? {}, project: c.project ?? {}, claude: null });
  const caseEnv = Object.fromEntries(
    Object.entries(c.env ?? {}).map(([k, v]) => [k, v.replace('@HOME@', fixture.home)]),
  );
  const env = { ...fixture.env, ...caseEnv };
  const auth = await authModel(fixture.context({ env, expect: c.expect ?? 'auto' }));
  // What the session hands its hooks and status line: settings env blocks applied.
  const sessionEnv: Record<string, string> = { ...env, CLAUDE_CODE_ENTRYPOINT: entrypoint };
  for (const [name, variable] of auth.vars) sessionEnv[name] = variable.effective.value.reveal();
  const facts = await readFacts(
    {
      env: sessionEnv,
      platform: 'linux',
      home: fixture.home,
      cwd: fixture.project,
      project: fixture.project,
      systemRoot: fixture.system,
    },
    c.expect ?? 'auto',
  );
  return { auth, view: sessionView(facts), facts };
}

describe('the guard agrees with the doctor', () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const c = CASES[name]!;
    const script = await both(c, 'sdk-cli');
    expect(script.view.method).toBe(script.auth.effective.method);
    expect(script.view.billing).toBe(script.auth.effective.billing);
    expect(script.view.expectation).toBe(script.auth.expectation);
    const interactive = await both(c, 'cli');
    expect(interactive.view.method).toBe(interactive.auth.interactive.method);
    expect(interactive.view.interactive).toBe(true);
  });
});

function view(facts: Partial<GuardFacts>) {
  return sessionView({
    env: {},
    login: null,
    approved: () => false,
    apiKeyHelper: false,
    expect: 'auto',
    ...facts,
  });
}

const maxLogin = {
  accessToken: KEYS.accessToken,
  scopes: ['user:inference'],
  subscriptionType: 'max',
  rateLimitTier: 'default_claude_max_20x',
};

describe('status-line segment', () => {
  it('names the plan and who pays, green when it matches', () => {
    const v = view({ login: maxLogin });
    expect(segmentText(v, UNICODE)).toBe('Max 20x · plan');
    expect(colored(v, 'x', true)).toBe('\u001b[32mx\u001b[39m');
  });

  it('marks an API key over a plan, red, fingerprint only', () => {
    const v = view({ login: maxLogin, env: { ANTHROPIC_API_KEY: KEYS.apiKey } });
    const text = segmentText(v, UNICODE);
    expect(text).toBe('! API key …AK01 · API credits');
    expect(colored(v, text, true)).toBe(`\u001b[31m${text}\u001b[39m`);
    expect(colored(v, text, false)).toBe(text);
    expectNoSecret(text);
  });

  it('falls back to ASCII when the locale is not UTF-8', () => {
    expect(glyphsFor({ LANG: 'C' }, 'linux')).toBe(ASCII);
    expect(glyphsFor({}, 'linux')).toBe(ASCII);
    expect(glyphsFor({ LANG: 'C', LC_ALL: 'en_US.UTF-8' }, 'linux')).toBe(UNICODE);
    expect(glyphsFor({ LC_CTYPE: 'de_DE.utf8' }, 'linux')).toBe(UNICODE);
    const v = view({ login: maxLogin, env: { ANTHROPIC_API_KEY: KEYS.apiKey } });
    expect(segmentText(v, ASCII)).toBe('! API key ...AK01 - API credits');
  });

  it('says Console key, Bedrock, not logged in', () => {
    expect(segmentText(view({ consoleKey: { fingerprint: 'CK01' } }), UNICODE)).toBe(
      'Console key …CK01 · API credits',
    );
    expect(segmentText(view({ env: { CLAUDE_CODE_USE_BEDROCK: '1' } }), UNICODE)).toBe('Bedrock');
    expect(
      segmentText(view({ login: maxLogin, env: { CLAUDE_CODE_USE_BEDROCK: '1' } }), UNICODE),
    ).toBe('! Bedrock');
    const none = view({});
    expect(segmentText(none, UNICODE)).toBe('not logged in');
    expect(colored(none, 'x', true)).toBe('\u001b[33mx\u001b[39m');
  });

  it('interactive: a declined key is not used; an approved one is', () => {
    const env = { ANTHROPIC_API_KEY: KEYS.apiKey, CLAUDE_CODE_ENTRYPOINT: 'cli' };
    const declined = view({ login: maxLogin, env });
    expect(declined.method).toBe('subscription');
    expect(declined.declinedKey).toBe('AK01');
    expect(warningText(declined)).toBeNull();
    const approved = view({ login: maxLogin, env, approved: (k) => k === KEYS.apiKey });
    expect(approved.method).toBe('api-key');
    expect(warningText(approved)).toContain('which you approved at the prompt');
    // -p and the SDK use the key whatever the answer.
    const script = view({ login: maxLogin, env: { ...env, CLAUDE_CODE_ENTRYPOINT: 'sdk-cli' } });
    expect(script.method).toBe('api-key');
  });
});

describe('SessionStart warning', () => {
  it('is one or two sentences naming what is used, who pays and the fix', () => {
    const text = warningText(view({ login: maxLogin, env: { ANTHROPIC_API_KEY: KEYS.apiKey } }))!;
    expect(text).toBe(
      'claude-auth-doctor: this session bills API credits: ANTHROPIC_API_KEY (ending in AK01) is used instead of your Max 20x plan. Run `claude-auth-doctor fix` to remove it.',
    );
    expect(text.split('. ').length).toBeLessThanOrEqual(2);
  });

  it('warns about a provider switch left on and a copied login token', () => {
    expect(warningText(view({ login: maxLogin, env: { CLAUDE_CODE_USE_VERTEX: '1' } }))).toMatch(
      /uses Vertex AI \(CLAUDE_CODE_USE_VERTEX is on\), billed by that cloud account, not your Max 20x plan/,
    );
    expect(
      warningText(view({ login: maxLogin, env: { ANTHROPIC_AUTH_TOKEN: KEYS.accessToken } })),
    ).toMatch(/ANTHROPIC_AUTH_TOKEN \(ending in AC01\), a copy of your login's short-lived/);
  });

  it('is silent when the credential matches, or nothing can be told', () => {
    expect(warningText(view({ login: maxLogin }))).toBeNull();
    expect(warningText(view({ env: { ANTHROPIC_API_KEY: KEYS.apiKey } }))).toBeNull();
    expect(warningText(view({}))).toBeNull();
    expect(warningText(view({ env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken } }))).toBeNull();
  });

  it('warns when the plan pays but API credits were configured', () => {
    expect(warningText(view({ login: maxLogin, expect: 'api' }))).toMatch(
      /uses your Max 20x plan, not API credits as you configured/,
    );
  });
});

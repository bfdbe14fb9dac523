// Several credentials at once is the usual root of "wrong account" reports
// (anthropics/claude-code#9515, #50537, #11587): one wins silently, the others wait.
import { defineCheck } from '../src/check.js';
import { authModel, distinctCandidates, METHOD_LABEL, type Candidate } from '../src/credentials.js';
import { BASE_URL } from '../src/env-vars.js';
import { helperRemoval } from '../src/sources/api-key-helper.js';
import { settingsFiles } from '../src/sources/settings.js';
import type { Evidence, PlanRequest } from '../src/types.js';

const SEVERAL = '{count} credentials are present{wins}.';
const RELOGIN =
  'Log out (`claude auth logout`) and log in again with only your Claude account (`claude auth login --claudeai`) so the stored Console key is dropped.';
const HELPER =
  'Remove "apiKeyHelper" from {files}: it wins over your subscription and bills API credits.';

export default defineCheck({
  id: 'mixed-credentials',
  title: 'Competing credentials',
  description:
    'More than one of subscription login, Console key, ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_OAUTH_TOKEN and apiKeyHelper present at once: which wins and which are shadowed.',
  explain: {
    why: 'Only one credential is used and the others wait silently. Removing the one in use lets the next take over, so a fix seems not to work, or the wrong account pays.',
    docs: 'https://code.claude.com/docs/en/authentication',
    messages: [
      'api-key-and-subscription',
      'auth-conflict',
      'overriding-subscription',
      'invalid-api-key',
      'invalid-api-key-login',
      'credit-balance-too-low',
      'api-usage-billing',
    ],
  },
  outcomes: {
    none: { status: 'pass', summary: 'No credential is present.' },
    single: { status: 'pass', summary: 'Only one credential is present: {credential}.' },
    several: { status: 'warn', summary: SEVERAL },
    'console-beside-login': {
      status: 'warn',
      summary: SEVERAL,
      fix: RELOGIN,
      plan: ['logout', 'login', 'verify'],
    },
    'helper-beside-login': {
      status: 'warn',
      summary: SEVERAL,
      fix: HELPER,
      plan: ['remove-env-credential', 'verify'],
    },
    // Alishahryar1/free-claude-code#741: "Both ANTHROPIC_AUTH_TOKEN and /login managed key
    // set"; the token is meant for the gateway, so the stored key goes.
    'gateway-beside-console-key': {
      status: 'warn',
      summary: SEVERAL,
      fix: 'To keep using your gateway, log out so the Console key an earlier `/login` stored is gone: `claude auth logout`. (To use the Console key instead, remove ANTHROPIC_AUTH_TOKEN and ANTHROPIC_BASE_URL.)',
      plan: ['logout', 'verify'],
    },
    'console-and-helper-beside-login': {
      status: 'warn',
      summary: SEVERAL,
      fix: [RELOGIN, HELPER],
      plan: ['logout', 'login', 'verify', 'remove-env-credential'],
    },
  },
  async run(ctx) {
    const auth = await authModel(ctx);
    // A CLAUDE_CODE_OAUTH_TOKEN copied from the stored login is that login, counted once.
    const present = distinctCandidates(auth.candidates);
    if (present.length === 0) return { outcome: 'none' };
    if (present.length === 1)
      return { outcome: 'single', values: { credential: label(present[0]!) } };
    const winner = auth.effective.candidate;
    const evidence: Evidence[] = present.map((c) => ({
      source: c.source,
      detail: `${label(c)}: ${c === winner ? 'wins' : c.usable ? 'shadowed' : `ignored (${c.note ?? 'not usable'})`}`,
    }));
    const shadowed = present.filter((c) => c !== winner).map(label);
    const wins = winner
      ? `; ${label(winner)} wins over ${shadowed.join(', ')}`
      : ' and none is usable';
    const values: Record<string, string | number> = { count: present.length, wins };

    // Variables are removed through their own checks; a stored Console key next to a
    // subscription needs a clean logout and a fresh subscription-only login.
    const plan: PlanRequest[] = [];
    const subscription = auth.expectation === 'subscription';
    const relogin =
      subscription &&
      present.some((c) => c.method === 'console-key') &&
      present.some((c) => c.method === 'subscription');
    const helper = subscription && present.some((c) => c.method === 'api-key-helper');
    if (helper) {
      // Every file that sets one: removing only the winner would let the next one win.
      const files = (await settingsFiles(ctx)).filter((s) => s.apiKeyHelper?.trim());
      plan.push({ step: 'remove-env-credential', locations: helperRemoval(files) });
      values.files = files.map((s) => ctx.display(s.file.path)).join(' and ');
    }
    const gateway =
      winner?.method === 'auth-token' &&
      auth.vars.has(BASE_URL) &&
      !subscription &&
      present.some((c) => c.method === 'console-key');
    if (gateway && !helper) return { outcome: 'gateway-beside-console-key', values, evidence };
    const outcome = relogin
      ? helper
        ? 'console-and-helper-beside-login'
        : 'console-beside-login'
      : helper
        ? 'helper-beside-login'
        : 'several';
    return { outcome, values, evidence, plan };
  },
});

function label(candidate: Candidate): string {
  return candidate.method === 'subscription' && candidate.plan
    ? `your claude.ai ${candidate.plan} login`
    : METHOD_LABEL[candidate.method];
}

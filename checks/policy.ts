// A team's own rules from the configuration (issue 7): which auth method sessions must use,
// which hosts ANTHROPIC_BASE_URL may point at, and which organization the login must belong to
// (`oauthAccount` in .claude.json, facts file section 2). Skips when no policy is configured.
import { defineCheck } from '../src/check.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
import { BASE_URL } from '../src/env-vars.js';
import { globalConfig } from '../src/sources/claude-json.js';
import type { Evidence, Method, PlanRequest } from '../src/types.js';

/** `gateway.example.com`, `gateway.example.com:8443`, `*.example.com` or a full URL. */
function hostAllowed(url: URL, entries: string[]): boolean {
  return entries.some((raw) => {
    const entry = (raw.includes('://') ? new URL(raw).host : raw).toLowerCase();
    if (entry.startsWith('*.')) return url.hostname.endsWith(entry.slice(1));
    return entry === url.host || entry === url.hostname;
  });
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

export default defineCheck({
  id: 'policy',
  optIn: 'a policy in the configuration (requireMethod, allowBaseUrl, allowedOrganizations)',
  title: 'Team policy',
  description:
    'The policy from the configuration: the auth method in use (requireMethod), the host ANTHROPIC_BASE_URL points at (allowBaseUrl), and the organization of the stored login (allowedOrganizations).',
  explain: {
    why: 'A team can require one way of signing in (say, the Team subscription), a gateway host, or logins from its own organisation; a laptop that drifts from that bills the wrong account without anyone noticing.',
    docs: 'https://code.claude.com/docs/en/iam',
    messages: ['api-usage-billing', 'overriding-subscription'],
  },
  outcomes: {
    'no-policy': {
      status: 'skip',
      summary: 'No policy is configured.',
    },
    followed: {
      status: 'pass',
      summary: "Claude Code's login and endpoint follow the configured policy.",
    },
    violated: {
      status: 'fail',
      summary: 'Against the team policy: {broken}.',
      // Each line is there when its list holds the one item it names.
      fix: [
        'Remove the credentials that win over {subscription} (see the other checks), then log in with `claude auth login --claudeai`.',
        'Switch Claude Code to {switchTo}.',
        'Point {baseUrl} at an allowed host ({hosts}) or remove it where it is set (see the evidence).',
        'Log out and log in with {orgAccount}: `claude auth logout`, then `claude auth login`.',
      ],
      plan: ['verify?', 'logout?', 'login?'],
    },
  },
  async run(ctx) {
    const { requireMethod, allowBaseUrl, allowedOrganizations } = ctx.options.policy ?? {};
    if (!requireMethod && !allowBaseUrl && !allowedOrganizations) return { outcome: 'no-policy' };
    const [auth, config] = await Promise.all([authModel(ctx), globalConfig(ctx)]);
    const broken: string[] = [];
    const evidence: Evidence[] = [];
    const values: Record<string, string | string[]> = {
      subscription: [],
      switchTo: [],
      baseUrl: [],
      hosts: (allowBaseUrl ?? []).join(', '),
      orgAccount: [],
    };
    const plan: PlanRequest[] = [];

    if (requireMethod) {
      const inUse = [auth.effective, auth.interactive].filter(
        (r, i, all) => all.findIndex((o) => o.method === r.method) === i,
      );
      const wanted = requireMethod.map((m: Method) => METHOD_LABEL[m]).join(' or ');
      for (const resolved of inUse.filter((r) => !requireMethod.includes(r.method))) {
        broken.push(
          `${METHOD_LABEL[resolved.method]} is in use, but the policy requires ${wanted}`,
        );
        if (resolved.source)
          evidence.push({
            source: resolved.source,
            detail: `${METHOD_LABEL[resolved.method]} is what Claude Code uses`,
          });
      }
      if (broken.length) {
        if (requireMethod.includes('subscription')) values.subscription = ['your subscription'];
        else values.switchTo = [wanted];
        plan.push({ step: 'verify' });
      }
    }

    const baseUrl = auth.vars.get(BASE_URL)?.effective;
    if (allowBaseUrl && baseUrl) {
      const url = parseUrl(baseUrl.text ?? '');
      if (!url || !hostAllowed(url, allowBaseUrl)) {
        // Only the host shows: the URL could carry credentials.
        broken.push(
          `${BASE_URL} points at ${url ? url.host : 'something that is not a URL'}, which is not in allowBaseUrl (${allowBaseUrl.join(', ')})`,
        );
        evidence.push({
          source: baseUrl.source,
          detail: `${BASE_URL} host ${url ? url.host : '(not a URL)'}`,
        });
        values.baseUrl = [BASE_URL];
      }
    }

    if (allowedOrganizations) {
      const account = config.oauthAccount;
      const usesLogin = [auth.effective, auth.interactive].some(
        (r) => r.method === 'subscription' || r.method === 'console-key',
      );
      const domain = account?.emailAddress?.split('@')[1]?.toLowerCase();
      const allowed = allowedOrganizations.map((o) => o.toLowerCase());
      const belongs =
        Boolean(domain && allowed.includes(domain)) ||
        Boolean(
          account?.organizationUuid && allowed.includes(account.organizationUuid.toLowerCase()),
        );
      if ((account || usesLogin) && !belongs) {
        const who = account?.emailAddress
          ? `${account.emailAddress}${account.organizationName ? ` (${account.organizationName})` : ''}`
          : 'an account Claude Code did not record';
        broken.push(
          `the login belongs to ${who}, not to an allowed organization (${allowedOrganizations.join(', ')})`,
        );
        evidence.push({
          source: `file:${ctx.display(config.file.path)}#oauthAccount`,
          detail: `account ${who}${account?.organizationUuid ? `, organization ${account.organizationUuid}` : ''}`,
        });
        values.orgAccount = ["your organization's account"];
        plan.push({ step: 'logout' }, { step: 'login' }, { step: 'verify' });
      }
    }

    if (broken.length === 0) return { outcome: 'followed', evidence };
    return {
      outcome: 'violated',
      values: { ...values, broken: broken.join('; ') },
      evidence,
      plan,
    };
  },
});

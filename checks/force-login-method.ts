// forceLoginMethod (`claudeai` | `console`) and forceLoginOrgUUID restrict what `/login` offers
// (facts file, section 2). On 2.1.331 they do not drop a stored login (real-cli-findings 10),
// so a contradiction shows up only at the next login, as "the option is missing".
import { defineCheck } from '../src/check.js';
import { showLabel, showUuid, showValue } from '../src/display.js';
import { authModel } from '../src/credentials.js';
import { globalConfig } from '../src/sources/claude-json.js';
import { settingsFiles, type SettingsFile } from '../src/sources/settings.js';
import { unforcePlan } from '../src/forced-login.js';
import type { Evidence, OutcomeSpec, PlanStepId } from '../src/types.js';

const METHODS: Record<string, string> = {
  claudeai: 'a claude.ai subscription',
  console: 'a Console (API billing) account',
};

const CONTRADICT = 'Forced login settings contradict your setup: {problems}.';
const RELOGIN = ['logout', 'login', 'verify'] as const;
const FIX = {
  invalid: 'Set forceLoginMethod to "claudeai" or "console", or remove it ({owner}).',
  console: 'Remove forceLoginMethod or set it to "claudeai" ({owner}).',
  claudeai: 'Remove forceLoginMethod or set it to "console" ({owner}).',
  org: 'Log out and log in with an account of organization {wanted}, or correct forceLoginOrgUUID ({orgOwner}).',
};

const UNFORCE = ['remove-forced-login', 'login', 'verify'] as const;
const UNFORCE_RELOGIN = ['remove-forced-login', 'logout', 'login', 'verify'] as const;
const contradicts = (fix: string | string[], plan: readonly PlanStepId[] = UNFORCE) =>
  ({ status: 'warn', summary: CONTRADICT, fix, plan }) satisfies OutcomeSpec;

export default defineCheck({
  id: 'force-login-method',
  title: 'Forced login method',
  description:
    'forceLoginMethod / forceLoginOrgUUID in any settings file (managed included) that contradict the stored login or what you expect.',
  explain: {
    why: 'forceLoginMethod and forceLoginOrgUUID (often set by an administrator in managed settings) restrict what `/login` offers. When they contradict the account you use, the next login cannot choose it, which looks like the subscription option went missing.',
    docs: 'https://code.claude.com/docs/en/settings',
  },
  outcomes: {
    none: { status: 'pass', summary: 'No settings file forces a login method or organization.' },
    agree: {
      status: 'pass',
      summary: 'The forced login settings agree with the stored login and what you expect.',
    },
    // The forced method is removed before `login`, or it forces the login again (issue 19).
    'invalid-method': contradicts(FIX.invalid),
    'console-over-subscription': contradicts(FIX.console),
    'claudeai-over-console': contradicts(FIX.claudeai),
    'wrong-org': { status: 'warn', summary: CONTRADICT, fix: FIX.org, plan: RELOGIN },
    'invalid-method-wrong-org': contradicts([FIX.invalid, FIX.org], UNFORCE_RELOGIN),
    'console-over-subscription-wrong-org': contradicts([FIX.console, FIX.org], UNFORCE_RELOGIN),
    'claudeai-over-console-wrong-org': contradicts([FIX.claudeai, FIX.org], UNFORCE_RELOGIN),
  },
  async run(ctx) {
    const [auth, settings, config] = await Promise.all([
      authModel(ctx),
      settingsFiles(ctx),
      globalConfig(ctx),
    ]);
    // The highest-precedence file that sets each key wins.
    const method = settings.filter((s) => s.forceLoginMethod !== undefined).at(-1);
    const org = settings.filter((s) => s.forceLoginOrgUUID !== undefined).at(-1);
    if (!method && !org) return { outcome: 'none' };

    const at = (s: SettingsFile, key: string) => `file:${ctx.display(s.file.path)}#${key}`;
    const owner = (s: SettingsFile) =>
      s.scope === 'managed'
        ? 'ask your administrator (managed settings)'
        : `edit ${ctx.display(s.file.path)}`;
    const evidence: Evidence[] = [];
    const problems: string[] = [];
    let methodProblem:
      'invalid-method' | 'console-over-subscription' | 'claudeai-over-console' | null = null;
    let wrongOrg = false;
    const values: Record<string, string> = {};

    if (method) {
      const value = method.forceLoginMethod!;
      values.owner = owner(method);
      evidence.push({
        source: at(method, 'forceLoginMethod'),
        detail: `${method.scope} settings force "${showLabel(value, Object.keys(METHODS))}"`,
      });
      const stored = auth.candidates.filter((c) => c.usable).map((c) => c.method);
      if (!METHODS[value]) {
        methodProblem = 'invalid-method';
        problems.push(`forceLoginMethod "${showValue(value)}" is not "claudeai" or "console"`);
      } else if (
        value === 'console' &&
        (auth.expectation === 'subscription' || stored.includes('subscription'))
      ) {
        methodProblem = 'console-over-subscription';
        problems.push(
          'login is forced to a Console account while you use or expect a subscription: /login will not offer the subscription',
        );
      } else if (
        value === 'claudeai' &&
        (auth.expectation === 'api' || stored.includes('console-key'))
      ) {
        methodProblem = 'claudeai-over-console';
        problems.push(
          'login is forced to claude.ai while you use or expect Console billing: /login will not offer a Console account',
        );
      }
    }
    if (org) {
      const wanted = org.forceLoginOrgUUID!;
      const actual = config.oauthAccount?.organizationUuid;
      evidence.push({
        source: at(org, 'forceLoginOrgUUID'),
        detail: `${org.scope} settings require organization ${showUuid(wanted)}`,
      });
      if (actual && actual.toLowerCase() !== wanted.trim().toLowerCase()) {
        evidence.push({
          source: `file:${ctx.display(config.file.path)}#oauthAccount.organizationUuid`,
          detail: `the stored login belongs to organization ${showUuid(actual)}`,
        });
        problems.push(
          'the stored login belongs to another organization than forceLoginOrgUUID requires',
        );
        wrongOrg = true;
        Object.assign(values, { wanted: showUuid(wanted), orgOwner: owner(org) });
      }
    }
    values.problems = problems.join('; ');
    if (!methodProblem)
      return wrongOrg ? { outcome: 'wrong-org', values, evidence } : { outcome: 'agree', evidence };
    const unforce = unforcePlan(method!);
    return {
      outcome: wrongOrg ? (`${methodProblem}-wrong-org` as const) : methodProblem,
      values,
      evidence,
      plan: [unforce],
    };
  },
});

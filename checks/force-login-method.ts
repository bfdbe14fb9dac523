// forceLoginMethod (`claudeai` | `console`) and forceLoginOrgUUID restrict what `/login` offers
// (facts file, section 2). On 2.1.331 they do not drop a stored login (real-cli-findings 10),
// so a contradiction shows up only at the next login, as "the option is missing".
import { defineCheck } from '../src/check.js';
import { showLabel, showUuid, showValue } from '../src/display.js';
import { authModel } from '../src/credentials.js';
import { globalConfig } from '../src/sources/claude-json.js';
import { settingsFiles, type SettingsFile } from '../src/sources/settings.js';
import type { Evidence, PlanRequest } from '../src/types.js';

const METHODS: Record<string, string> = {
  claudeai: 'a claude.ai subscription',
  console: 'a Console (API billing) account',
};

export default defineCheck({
  id: 'force-login-method',
  title: 'Forced login method',
  description:
    'forceLoginMethod / forceLoginOrgUUID in any settings file (managed included) that contradict the stored login or what you expect.',
  explain: {
    why: 'forceLoginMethod and forceLoginOrgUUID (often set by an administrator in managed settings) restrict what `/login` offers. When they contradict the account you use, the next login cannot choose it, which looks like the subscription option went missing.',
    docs: 'https://code.claude.com/docs/en/settings',
    outcomes: [
      {
        status: 'pass',
        when: 'No settings file sets forceLoginMethod or forceLoginOrgUUID, or they agree with the stored login and what you expect.',
      },
      {
        status: 'warn',
        when: 'forceLoginMethod is neither "claudeai" nor "console".',
        fix: 'Set it to "claudeai" or "console", or remove it, in the settings file the evidence names (for managed settings, ask your administrator).',
      },
      {
        status: 'warn',
        when: 'forceLoginMethod is "console" while you use or expect a subscription, or "claudeai" while you use or expect Console (API) billing.',
        fix: 'Remove forceLoginMethod, or set it to the method you use ("claudeai" for a subscription, "console" for API billing), in the settings file the evidence names (for managed settings, ask your administrator).',
      },
      {
        status: 'warn',
        when: 'The stored login belongs to another organization than forceLoginOrgUUID requires.',
        fix: 'Log out and log in with an account of the required organization: `claude auth logout`, then `claude auth login`; or correct forceLoginOrgUUID in the file the evidence names.',
      },
    ],
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
    if (!method && !org)
      return { status: 'pass', summary: 'No settings file forces a login method or organization.' };

    const at = (s: SettingsFile, key: string) => `file:${ctx.display(s.file.path)}#${key}`;
    const owner = (s: SettingsFile) =>
      s.scope === 'managed'
        ? 'ask your administrator (managed settings)'
        : `edit ${ctx.display(s.file.path)}`;
    const evidence: Evidence[] = [];
    const problems: string[] = [];
    const fix: string[] = [];
    const plan: PlanRequest[] = [];

    if (method) {
      const value = method.forceLoginMethod!;
      evidence.push({
        source: at(method, 'forceLoginMethod'),
        detail: `${method.scope} settings force "${showLabel(value, Object.keys(METHODS))}"`,
      });
      const stored = auth.candidates.filter((c) => c.usable).map((c) => c.method);
      if (!METHODS[value]) {
        problems.push(`forceLoginMethod "${showValue(value)}" is not "claudeai" or "console"`);
        fix.push(
          `Set forceLoginMethod to "claudeai" or "console", or remove it (${owner(method)}).`,
        );
      } else if (
        value === 'console' &&
        (auth.expectation === 'subscription' || stored.includes('subscription'))
      ) {
        problems.push(
          'login is forced to a Console account while you use or expect a subscription: /login will not offer the subscription',
        );
        fix.push(`Remove forceLoginMethod or set it to "claudeai" (${owner(method)}).`);
      } else if (
        value === 'claudeai' &&
        (auth.expectation === 'api' || stored.includes('console-key'))
      ) {
        problems.push(
          'login is forced to claude.ai while you use or expect Console billing: /login will not offer a Console account',
        );
        fix.push(`Remove forceLoginMethod or set it to "console" (${owner(method)}).`);
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
        fix.push(
          `Log out and log in with an account of organization ${showUuid(wanted)}, or correct forceLoginOrgUUID (${owner(org)}).`,
        );
        plan.push({ step: 'logout' }, { step: 'login' }, { step: 'verify' });
      }
    }
    if (problems.length === 0)
      return {
        status: 'pass',
        summary: 'The forced login settings agree with the stored login and what you expect.',
        evidence,
      };
    return {
      status: 'warn',
      summary: `Forced login settings contradict your setup: ${problems.join('; ')}.`,
      evidence,
      fix,
      plan,
    };
  },
});

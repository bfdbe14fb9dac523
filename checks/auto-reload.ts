// Console auto-reload is server-side: nothing local records it (facts file, section 5), but
// it only spends money while API-credit billing is in effect, which we can tell.
import { defineCheck } from '../src/check.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
import { globalConfig } from '../src/sources/claude-json.js';
import type { Evidence } from '../src/types.js';

const BILLING_PAGE = 'https://platform.claude.com/settings/billing';

export default defineCheck({
  id: 'auto-reload',
  title: 'API credit auto-reload',
  description:
    'Warns when API-credit billing is in effect, since Console auto-reload can then buy credits without asking; its state cannot be read locally.',
  explain: {
    why: 'Console auto-reload buys API credits without asking whenever the balance runs low. It only spends while API credits are billed, and its setting lives on the server, so the doctor can only tell when it could spend.',
    docs: 'https://code.claude.com/docs/en/costs',
    messages: ['credit-balance-too-low', 'api-usage-billing'],
  },
  outcomes: {
    'not-api-billed': {
      status: 'pass',
      summary: 'API credits are not billed, so Console auto-reload cannot spend anything.',
    },
    'api-billed': {
      status: 'warn',
      summary:
        'API credits are billed {where} ({method:method}); if Console auto-reload is on, it buys more credits without asking. Its setting cannot be read locally.',
      fix: `Check auto-reload in the Console under Billing (${BILLING_PAGE}) and turn it off if you did not mean to pay for API usage.`,
    },
  },
  async run(ctx) {
    const [auth, config] = await Promise.all([authModel(ctx), globalConfig(ctx)]);
    const evidence: Evidence[] = [];
    if (config.oauthAccount?.hasExtraUsageEnabled) {
      evidence.push({
        source: `file:${ctx.display(config.file.path)}#oauthAccount.hasExtraUsageEnabled`,
        detail:
          'extra usage is on for your plan: usage past the plan limit is billed as overage (a plan setting, separate from Console auto-reload)',
      });
    }
    const apiBilled = [auth.effective, auth.interactive].find((r) => r.billing === 'api-credits');
    if (!apiBilled) return { outcome: 'not-api-billed', evidence };
    const where =
      auth.effective.billing === 'api-credits' ? 'in every session' : 'in interactive sessions';
    evidence.push({
      source: apiBilled.source ?? 'unknown',
      detail: `${METHOD_LABEL[apiBilled.method]} bills API credits ${where}`,
    });
    return { outcome: 'api-billed', values: { where, method: apiBilled.method }, evidence };
  },
});

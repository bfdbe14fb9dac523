// apiKeyHelper: a command whose output is used as the API key. On 2.1.331 it wins even over
// ANTHROPIC_API_KEY (facts file, section 3, against the docs), and `claude auth status` applies
// one from project settings too (real-cli-findings 1). It is read from settings files only.
import { defineCheck } from '../src/check.js';
import { authModel } from '../src/credentials.js';
import { apiKeyHelpers, helperRemoval } from '../src/sources/api-key-helper.js';

const OVERRIDES =
  'The apiKeyHelper in {where} supplies the key Claude Code uses, billed as API credits, not your subscription.{overKey}';
const SUPPLIES =
  "The apiKeyHelper in {where} supplies Claude Code's API key (the doctor never runs it).{overKey}";
const REMOVE =
  'Remove "apiKeyHelper" from {files}: it wins over your subscription and bills API credits.';
const PASTED =
  'A key is pasted into the helper command in {pasted}: anyone who can read the file has it. Revoke it in the Console and use a helper that reads it from a password manager.';

export default defineCheck({
  id: 'api-key-helper',
  title: 'apiKeyHelper',
  description:
    'apiKeyHelper in any settings file: which file, the program it runs (never its arguments; never run), and that it wins over ANTHROPIC_API_KEY and the subscription.',
  explain: {
    why: "An apiKeyHelper is a command whose output Claude Code uses as an API key. It wins over your subscription login and even over ANTHROPIC_API_KEY, and bills API credits; one in a project's or managed settings file applies although your own settings do not show it.",
    docs: 'https://code.claude.com/docs/en/settings',
    messages: [
      'auth-conflict',
      'overriding-subscription',
      'invalid-api-key-external',
      'credit-balance-too-low',
      'api-usage-billing',
    ],
  },
  outcomes: {
    none: { status: 'pass', summary: 'No settings file sets apiKeyHelper.' },
    'ignored-by-provider': {
      status: 'pass',
      summary: 'An apiKeyHelper is set in {where} but ignored: {provider} is the provider.',
    },
    'overrides-subscription': {
      status: 'fail',
      summary: OVERRIDES,
      fix: REMOVE,
      plan: ['remove-env-credential', 'verify'],
    },
    'overrides-subscription-pasted': {
      status: 'fail',
      summary: OVERRIDES,
      fix: [REMOVE, PASTED],
      plan: ['remove-env-credential', 'verify'],
    },
    'key-pasted': { status: 'warn', summary: SUPPLIES, fix: PASTED },
    'supplies-key': { status: 'pass', summary: SUPPLIES },
  },
  async run(ctx) {
    const [auth, found] = await Promise.all([authModel(ctx), apiKeyHelpers(ctx)]);
    const { helpers, pasted, evidence } = found;
    if (helpers.length === 0) return { outcome: 'none', evidence };
    const winner = helpers.at(-1)!;
    const fileOf = (s: (typeof helpers)[number]) => ctx.display(s.file.path);
    const where = `${fileOf(winner)} (${winner.scope} settings)`;
    const provider = auth.provider?.name;
    if (provider) return { outcome: 'ignored-by-provider', values: { where, provider }, evidence };
    const values = {
      where,
      overKey: auth.vars.has('ANTHROPIC_API_KEY') ? ' It wins even over ANTHROPIC_API_KEY.' : '',
      pasted: pasted.map(fileOf).join(', '),
      files: helpers.map(fileOf).join(', '),
    };
    if (auth.expectation === 'subscription' && auth.effective.method === 'api-key-helper') {
      const outcome = pasted.length ? 'overrides-subscription-pasted' : 'overrides-subscription';
      const locations = helperRemoval(helpers);
      return { outcome, values, evidence, plan: [{ step: 'remove-env-credential', locations }] };
    }
    return { outcome: pasted.length ? 'key-pasted' : 'supplies-key', values, evidence };
  },
});

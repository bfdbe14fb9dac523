// CLAUDE_CODE_USE_BEDROCK / _VERTEX / _FOUNDRY (and newer switches): the subscription and every
// Anthropic credential are ignored. Only 1/true/yes/on switch; project settings switch too
// (2.1.331, real-cli-findings 1 and 6). CLAUDE_CODE_USE_GATEWAY alone does not switch.
import { defineCheck } from '../src/check.js';
import { showValue } from '../src/display.js';
import { authModel } from '../src/credentials.js';
import { isTruthy, PROVIDER_SWITCHES } from '../src/env-vars.js';
import type { Evidence } from '../src/types.js';
import { whereSet } from '../src/where-set.js';

export default defineCheck({
  id: 'third-party-provider',
  title: 'Third-party provider',
  description:
    'Bedrock, Vertex, Foundry and other provider switches: when one is on, the subscription and every Anthropic credential are ignored.',
  explain: {
    why: "With CLAUDE_CODE_USE_BEDROCK, CLAUDE_CODE_USE_VERTEX, CLAUDE_CODE_USE_FOUNDRY or another provider switch on, Claude Code ignores your subscription and every Anthropic credential, and the cloud provider bills the usage. A switch left in a shell file or a project's settings does this without a word.",
    docs: 'https://code.claude.com/docs/en/authentication',
  },
  outcomes: {
    'no-switch': {
      status: 'pass',
      summary: 'No third-party provider switch is on; Claude Code talks to Anthropic.',
    },
    'switch-off': {
      status: 'pass',
      summary: 'No provider switch is on ({off} set to a value that does not count).',
    },
    'provider-expected': {
      status: 'pass',
      summary: '{provider} is the provider ({source}); Anthropic credentials are not used.',
    },
    'provider-over-subscription': {
      status: 'warn',
      summary:
        '{provider} is the provider ({source}): your subscription{credentials} are ignored, and usage is billed by the cloud provider.',
      fix: 'If you meant to use your subscription, remove {on} everywhere it is set (see the evidence) and open a new terminal.',
      plan: ['remove-env-credential', 'restart-terminal?', 'verify'],
    },
  },
  async run(ctx) {
    const auth = await authModel(ctx);
    const evidence: Evidence[] = [];
    const off: string[] = [];
    for (const name of Object.keys(PROVIDER_SWITCHES)) {
      const variable = auth.vars.get(name)?.effective;
      if (!variable || isTruthy(variable.text)) continue;
      off.push(name);
      evidence.push({
        source: variable.source,
        detail: `${name}=${showValue(variable.text ?? '')} does not switch the provider (only 1, true, yes, on do)`,
      });
    }
    if (!auth.provider)
      return off.length
        ? { outcome: 'switch-off', values: { off: off.join(', ') }, evidence }
        : { outcome: 'no-switch', evidence };

    const on = Object.keys(PROVIDER_SWITCHES).filter((n) =>
      isTruthy(auth.vars.get(n)?.effective.text),
    );
    const places = await Promise.all(on.map((name) => whereSet(ctx, name)));
    evidence.push(...places.flatMap((where) => where.evidence));
    const values = { provider: auth.provider.name, source: auth.provider.source };
    if (auth.expectation !== 'subscription')
      return { outcome: 'provider-expected', values, evidence };
    return {
      outcome: 'provider-over-subscription',
      values: {
        ...values,
        credentials: auth.candidates.some((c) => c.usable)
          ? ' and every Anthropic credential present'
          : '',
        on: on.join(', '),
      },
      evidence,
      plan: places.flatMap((where) => where.steps),
    };
  },
});

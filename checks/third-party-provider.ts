// CLAUDE_CODE_USE_BEDROCK / _VERTEX / _FOUNDRY (and newer switches): the subscription and every
// Anthropic credential are ignored. Only 1/true/yes/on switch; project settings switch too
// (2.1.331, real-cli-findings 1 and 6). CLAUDE_CODE_USE_GATEWAY alone does not switch.
import { defineCheck } from '../src/check.js';
import { showValue } from '../src/display.js';
import { authModel } from '../src/credentials.js';
import { isTruthy, PROVIDER_SWITCHES } from '../src/env-vars.js';
import type { Evidence, PlanRequest } from '../src/types.js';
import { whereSet } from '../src/where-set.js';

export default defineCheck({
  id: 'third-party-provider',
  title: 'Third-party provider',
  description:
    'Bedrock, Vertex, Foundry and other provider switches: when one is on, the subscription and every Anthropic credential are ignored.',
  explain: {
    why: "With CLAUDE_CODE_USE_BEDROCK, CLAUDE_CODE_USE_VERTEX, CLAUDE_CODE_USE_FOUNDRY or another provider switch on, Claude Code ignores your subscription and every Anthropic credential, and the cloud provider bills the usage. A switch left in a shell file or a project's settings does this without a word.",
    docs: 'https://code.claude.com/docs/en/authentication',
    outcomes: [
      {
        status: 'pass',
        when: 'No provider switch is on (a switch set to anything but 1, true, yes or on does not count; the evidence names it); or one is on and nothing says you expect your subscription.',
      },
      {
        status: 'warn',
        when: 'A provider switch is on while you expect your subscription: the subscription and every Anthropic credential are ignored, and the cloud provider bills usage.',
        fix: 'If you meant to use your subscription, remove the switch (e.g. `unset CLAUDE_CODE_USE_BEDROCK`, and its line in the file the evidence names) and open a new terminal. If you meant to use the cloud provider, run the doctor with `--expect api`.',
      },
    ],
  },
  async run(ctx) {
    const auth = await authModel(ctx);
    const evidence: Evidence[] = [];
    const off: string[] = [];
    for (const name of Object.keys(PROVIDER_SWITCHES)) {
      const variable = auth.vars.get(name);
      if (!variable) continue;
      if (!isTruthy(variable.effective.text)) {
        off.push(name);
        evidence.push({
          source: variable.effective.source,
          detail: `${name}=${showValue(variable.effective.text ?? '')} does not switch the provider (only 1, true, yes, on do)`,
        });
      }
    }
    if (!auth.provider) {
      return {
        status: 'pass',
        summary: off.length
          ? `No provider switch is on (${off.join(', ')} set to a value that does not count).`
          : 'No third-party provider switch is on; Claude Code talks to Anthropic.',
        evidence,
      };
    }

    const on = Object.keys(PROVIDER_SWITCHES).filter((name) =>
      isTruthy(auth.vars.get(name)?.effective.text),
    );
    const removals: PlanRequest[] = [];
    for (const name of on) {
      const where = await whereSet(ctx, name);
      evidence.push(...where.evidence);
      removals.push(where.removal);
    }
    const ignored = auth.candidates.filter((c) => c.usable);
    const what = `${auth.provider.name} is the provider (${auth.provider.source})`;
    if (auth.expectation !== 'subscription') {
      return { status: 'pass', summary: `${what}; Anthropic credentials are not used.`, evidence };
    }
    return {
      status: 'warn',
      summary: `${what}: your subscription${ignored.length ? ' and every Anthropic credential present' : ''} are ignored, and usage is billed by the cloud provider.`,
      evidence,
      fix: [
        `If you meant to use your subscription, remove ${on.join(', ')} everywhere it is set (see the evidence) and open a new terminal.`,
      ],
      plan: [...removals, { step: 'restart-terminal' }, { step: 'verify' }],
    };
  },
});

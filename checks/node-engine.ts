// On Node < 22 a plain `npm install -g @anthropic-ai/claude-code` quietly picks 2.1.197, the
// last version whose engines.node accepts it; `@latest` and `claude update` install the
// newest with an EBADENGINE warning (facts file, section 1).
import semver from '../src/semver.js';
import { defineCheck } from '../src/check.js';
import { runningClaude } from '../src/sources/claude-install.js';
import {
  engineEvidence,
  engineVerdict,
  ENGINE_WAYS_OUT,
  heldBack,
  isNpmInstall,
} from '../src/sources/node-engine.js';

export default defineCheck({
  id: 'node-engine',
  title: 'Node version for npm installs',
  description:
    'For npm installs, `engines.node` of the newest version against this Node, and whether that is why npm installed an old version.',
  explain: {
    why: 'On Node older than the newest Claude Code asks for (22 at the time of writing), a plain `npm install -g @anthropic-ai/claude-code` quietly installs an old version (2.1.197), so npm users stay on old sign-in code without a word.',
    docs: 'https://code.claude.com/docs/en/setup',
  },
  outcomes: {
    'no-claude': { status: 'skip', summary: 'No `claude` is on PATH (see stale-version).' },
    'not-npm': {
      status: 'skip',
      summary:
        "The claude that runs is not an npm install ({method}), so this Node's version does not decide which version it gets.",
    },
    'version-unknown': {
      status: 'skip',
      summary: 'Could not read the installed version: {problem}.',
    },
    'engine-unknown': {
      status: 'skip',
      summary: "The newest version's Node requirement is unknown: {reason}.",
    },
    fits: {
      status: 'pass',
      summary: 'Node {node} meets what Claude Code {target} asks for ({engine}).',
    },
    'installed-anyway': {
      status: 'pass',
      summary:
        'Claude Code {installed} asks for Node {engine} and this is Node {node}: it was installed with `@latest` or `claude update`, which npm allows with an EBADENGINE warning, and it runs (a native binary). A plain `npm install -g @anthropic-ai/claude-code` without `@latest` would go back to an older version.',
    },
    'held-back': {
      status: 'warn',
      summary: 'Claude Code {target} asks for Node {engine} and this is Node {node}: {cause}.',
      fix: ENGINE_WAYS_OUT,
      plan: ['update', 'verify'],
    },
  },
  async run(ctx) {
    const install = await runningClaude(ctx);
    if (!install) return { outcome: 'no-claude' };
    if (!isNpmInstall(install)) return { outcome: 'not-npm', values: { method: install.method } };
    if (!install.version)
      return { outcome: 'version-unknown', values: { problem: install.versionProblem } };
    const verdict = await engineVerdict(ctx, install);
    if (!verdict.ok) return { outcome: 'engine-unknown', values: { reason: verdict.reason } };
    const { target, engine, fits } = verdict.value;
    const evidence = engineEvidence(ctx, install, verdict.value);
    const node = ctx.nodeVersion;
    const values = { node, target: target.version, engine: engine ?? 'no requirement' };
    if (fits) return { outcome: 'fits', values, evidence };
    const installed = install.version;
    if (semver.gte(installed, target.version))
      return { outcome: 'installed-anyway', values: { ...values, installed }, evidence };
    const { command, ...why } = heldBack(verdict.value, install);
    return {
      outcome: 'held-back',
      values: { ...values, ...why },
      evidence,
      plan: [{ step: 'update', command }],
    };
  },
});

// On Node < 22 a plain `npm install -g @anthropic-ai/claude-code` quietly picks 2.1.197, the
// last version whose engines.node accepts it; `@latest` and `claude update` install the
// newest with an EBADENGINE warning (facts file, section 1).
import semver from '../src/semver.js';
import { defineCheck } from '../src/check.js';
import { runningClaude } from '../src/sources/claude-install.js';
import {
  engineAwareUpdate,
  engineVerdict,
  ENGINE_WAYS_OUT,
  isNpmInstall,
  latestWay,
} from '../src/sources/node-engine.js';
import { displayUrl } from '../src/net/proxy.js';
import { registrySource } from '../src/sources/registry.js';
import type { Evidence } from '../src/types.js';

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
    const { target, engine, fits, installedEngine } = verdict.value;
    const node = ctx.nodeVersion;
    const evidence: Evidence[] = [
      registrySource(ctx, target),
      {
        source: `url:${displayUrl(target.registry.url)}`,
        detail: `${target.version} declares engines.node ${engine === null ? '(none)' : `"${engine}"`}; this machine runs Node ${node}`,
      },
    ];
    if (installedEngine)
      evidence.push({
        source: `file:${ctx.display(install.realPath)}`,
        detail: `the installed ${install.version} declares engines.node "${installedEngine}"`,
      });
    const values = { node, target: target.version, engine: engine ?? 'no requirement' };
    if (fits) return { outcome: 'fits', values, evidence };
    if (semver.gte(install.version, target.version))
      return {
        outcome: 'installed-anyway',
        values: { ...values, installed: install.version },
        evidence,
      };
    const strict = verdict.value.engineStrict;
    const cause = strict
      ? `npm's engine-strict (${strict.source}) refuses versions whose engines.node does not fit, so npm cannot install ${target.version} here`
      : `a plain \`npm install -g @anthropic-ai/claude-code\` picks the newest version this Node accepts, which is why you have ${install.version}`;
    if (strict) evidence.push({ source: strict.source, detail: 'engine-strict is true' });
    const command = engineAwareUpdate(verdict.value, install);
    return {
      outcome: 'held-back',
      values: { ...values, cause, latestWay: latestWay(verdict.value) },
      evidence,
      plan: [{ step: 'update', command }],
    };
  },
});

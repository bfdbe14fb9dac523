// On Node < 22 a plain `npm install -g @anthropic-ai/claude-code` quietly picks 2.1.197, the
// last version whose engines.node accepts it; `@latest` and `claude update` install the
// newest with an EBADENGINE warning (facts file, section 1).
import semver from '../src/semver.js';
import { defineCheck } from '../src/check.js';
import { runningClaude } from '../src/sources/claude-install.js';
import {
  engineAwareUpdate,
  engineVerdict,
  engineWaysOut,
  isNpmInstall,
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
    outcomes: [
      {
        status: 'skip',
        when: 'No `claude` is on PATH.',
        fix: 'Install Claude Code or add its directory to PATH (see stale-version).',
      },
      {
        status: 'skip',
        when: 'The `claude` that runs is not an npm install (native, Homebrew, bun, ...), so this Node does not decide which version it gets.',
        fix: 'Nothing to do: this check concerns npm installs only.',
      },
      {
        status: 'skip',
        when: "The installed version could not be read, or the newest version's Node requirement is unknown (`--offline`, or the registry did not answer).",
        fix: 'Run `claude --version` yourself; run the doctor without `--offline`, or check the npm registry settings (`npm config get registry`).',
      },
      {
        status: 'pass',
        when: "This Node meets the newest version's engines.node, or the newest version is already installed (with `@latest` or `claude update`, which npm allows with an EBADENGINE warning).",
      },
      {
        status: 'warn',
        when: "The newest version asks for a newer Node and an older one is installed: a plain `npm install -g` picked the newest version this Node accepts, or npm's engine-strict refuses the newest.",
        fix: 'Install the newest anyway with `npm install -g @anthropic-ai/claude-code@latest` or `claude update` (with engine-strict on: `npm install -g --engine-strict=false @anthropic-ai/claude-code@latest`); or move to the native installer, or use Node 22 or newer.',
      },
    ],
  },
  async run(ctx) {
    const install = await runningClaude(ctx);
    if (!install) return { status: 'skip', summary: 'No `claude` is on PATH (see stale-version).' };
    if (!isNpmInstall(install)) {
      return {
        status: 'skip',
        summary: `The claude that runs is not an npm install (${install.method}), so this Node's version does not decide which version it gets.`,
      };
    }
    if (!install.version)
      return {
        status: 'skip',
        summary: `Could not read the installed version: ${install.versionProblem}.`,
      };
    const verdict = await engineVerdict(ctx, install);
    if (!verdict.ok)
      return {
        status: 'skip',
        summary: `The newest version's Node requirement is unknown: ${verdict.reason}.`,
      };
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

    if (fits) {
      return {
        status: 'pass',
        summary: `Node ${node} meets what Claude Code ${target.version} asks for (${engine ?? 'no requirement'}).`,
        evidence,
      };
    }
    if (semver.gte(install.version, target.version)) {
      return {
        status: 'pass',
        summary: `Claude Code ${install.version} asks for Node ${engine} and this is Node ${node}: it was installed with \`@latest\` or \`claude update\`, which npm allows with an EBADENGINE warning, and it runs (a native binary). A plain \`npm install -g @anthropic-ai/claude-code\` without \`@latest\` would go back to an older version.`,
        evidence,
      };
    }
    const strict = verdict.value.engineStrict;
    const cause = strict
      ? `npm's engine-strict (${strict.source}) refuses versions whose engines.node does not fit, so npm cannot install ${target.version} here`
      : `a plain \`npm install -g @anthropic-ai/claude-code\` picks the newest version this Node accepts, which is why you have ${install.version}`;
    if (strict) evidence.push({ source: strict.source, detail: 'engine-strict is true' });
    const command = engineAwareUpdate(verdict.value, install);
    return {
      status: 'warn',
      summary: `Claude Code ${target.version} asks for Node ${engine} and this is Node ${node}: ${cause}.`,
      evidence,
      fix: engineWaysOut(verdict.value),
      plan: [{ step: 'update', command }, { step: 'verify' }],
    };
  },
});

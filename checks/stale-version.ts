// Old versions lack the subscription login option (support article, "Having trouble");
// on Node < 22 a plain `npm install -g` quietly picks 2.1.197 (facts file, section 1).
import semver from '../src/semver.js';
import { defineCheck } from '../src/check.js';
import { displayUrl } from '../src/net/proxy.js';
import {
  chooseInstall,
  claudeInstalls,
  INSTALL_ADVICE,
  runningClaude,
  updateCommand,
} from '../src/sources/claude-install.js';
import {
  engineAwareUpdate,
  engineVerdict,
  ENGINE_WAYS_OUT,
  isNpmInstall,
  latestWay,
} from '../src/sources/node-engine.js';
import { channelTarget, registrySource } from '../src/sources/registry.js';
import type { Evidence } from '../src/types.js';

const SHADOWED =
  'Claude Code {installed} runs, older than {channel} {latest}, but {kept} ({method}) has {has}: an older copy shadows it.';
const OUTDATED =
  'Claude Code {installed} is older than {channel} {latest}; older versions may lack the subscription login option.';
const UPDATE = 'Update: `{command}`.';

export default defineCheck({
  id: 'stale-version',
  title: 'Claude Code version',
  description:
    "Compares `claude --version` with the registry dist-tag of the configured channel, and explains when this machine's Node is why npm picked an old version.",
  explain: {
    why: 'Old versions lack the subscription login option and fixes for known sign-in bugs. On Node older than 22, a plain `npm install -g @anthropic-ai/claude-code` quietly installs 2.1.197.',
    docs: 'https://code.claude.com/docs/en/setup',
  },
  outcomes: {
    'not-installed': {
      status: 'fail',
      summary: 'No `claude` executable is on PATH.',
      fix: [
        INSTALL_ADVICE,
        'If it is installed, add its directory to PATH and open a new terminal.',
      ],
      plan: ['update', 'restart-terminal', 'verify'],
    },
    'version-unknown': {
      status: 'warn',
      summary: 'Could not read the installed version: {problem}.',
    },
    'latest-unknown': {
      status: 'skip',
      summary: 'Installed {installed}; the latest version is unknown: {reason}.',
    },
    'up-to-date': {
      status: 'pass',
      summary: 'Claude Code {installed} is up to date ({channel}: {latest}).',
    },
    'newer-copy-shadowed': {
      status: 'warn',
      summary: SHADOWED,
      fix: 'Remove the copy that runs (see multiple-installs) so {kept} runs.',
      plan: ['remove-extra-installs', 'verify'],
    },
    'newer-copy-shadowed-outdated': {
      status: 'warn',
      summary: SHADOWED,
      fix: 'Remove the copy that runs (see multiple-installs) so {kept} runs, then update it: `{command}`.',
      plan: ['remove-extra-installs', 'update', 'verify'],
    },
    outdated: { status: 'warn', summary: OUTDATED, fix: UPDATE, plan: ['update', 'verify'] },
    'outdated-native': {
      status: 'warn',
      summary: OUTDATED,
      fix: [
        UPDATE,
        'Native installs follow their own release channel, which can trail npm by a few hours around a release.',
      ],
      plan: ['update', 'verify'],
    },
    'outdated-node-engine': {
      status: 'warn',
      summary: OUTDATED,
      fix: [
        UPDATE,
        'Why npm kept you on {installed}: Claude Code {latest} asks for Node {engine}, and a plain `npm install -g @anthropic-ai/claude-code` picks the newest version this Node accepts (see node-engine).',
        ...ENGINE_WAYS_OUT,
      ],
      plan: ['update', 'verify'],
    },
  },
  async run(ctx) {
    const install = await runningClaude(ctx);
    if (!install)
      return {
        outcome: 'not-installed',
        plan: [{ step: 'update', command: updateCommand('npm-global') }],
      };
    const evidence: Evidence[] = [
      {
        source: `file:${ctx.display(install.path)}`,
        detail: `runs ${install.version ? `version ${install.version}` : 'an unknown version'} (${install.method} install)`,
      },
    ];
    if (!install.version)
      return {
        outcome: 'version-unknown',
        values: { problem: String(install.versionProblem) },
        evidence,
      };

    const installed = install.version;
    const target = await channelTarget(ctx);
    if (!target.ok)
      return { outcome: 'latest-unknown', values: { installed, reason: target.reason }, evidence };
    const { channel, version: latest } = target.value;
    const values = { installed, channel, latest };
    evidence.push(registrySource(ctx, target.value));
    if (semver.gte(installed, latest)) return { outcome: 'up-to-date', values, evidence };

    // A newer copy elsewhere (multiple-installs says to keep it): updating the one that runs
    // would only refresh a copy about to be removed.
    const kept = chooseInstall(await claudeInstalls(ctx));
    if (kept?.version && kept.realPath !== install.realPath && semver.gt(kept.version, installed)) {
      const command = updateCommand(kept.method);
      const shadow = {
        ...values,
        kept: ctx.display(kept.path),
        method: kept.method,
        has: kept.version,
        command,
      };
      return semver.gte(kept.version, latest)
        ? { outcome: 'newer-copy-shadowed', values: shadow, evidence }
        : {
            outcome: 'newer-copy-shadowed-outdated',
            values: shadow,
            evidence,
            plan: [{ step: 'update', command }],
          };
    }

    const verdict = isNpmInstall(install) ? await engineVerdict(ctx, install) : null;
    if (verdict?.ok && !verdict.value.fits) {
      const command = engineAwareUpdate(verdict.value, install);
      evidence.push({
        source: `url:${displayUrl(target.value.registry.url)}`,
        detail: `${latest} declares engines.node "${verdict.value.engine}"; this machine runs Node ${ctx.nodeVersion}`,
      });
      return {
        outcome: 'outdated-node-engine',
        values: {
          ...values,
          command,
          engine: String(verdict.value.engine),
          latestWay: latestWay(verdict.value),
        },
        evidence,
        plan: [{ step: 'update', command }],
      };
    }
    const command = updateCommand(install.method);
    return {
      outcome: install.method === 'native' ? 'outdated-native' : 'outdated',
      values: { ...values, command },
      evidence,
      plan: [{ step: 'update', command }],
    };
  },
});

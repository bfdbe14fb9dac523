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
  engineWaysOut,
  isNpmInstall,
} from '../src/sources/node-engine.js';
import { channelTarget, registrySource } from '../src/sources/registry.js';
import type { Evidence } from '../src/types.js';

export default defineCheck({
  id: 'stale-version',
  title: 'Claude Code version',
  description:
    "Compares `claude --version` with the registry dist-tag of the configured channel, and explains when this machine's Node is why npm picked an old version.",
  explain: {
    why: 'Old versions lack the subscription login option and fixes for known sign-in bugs. On Node older than 22, a plain `npm install -g @anthropic-ai/claude-code` quietly installs 2.1.197.',
    docs: 'https://code.claude.com/docs/en/setup',
    outcomes: [
      {
        status: 'pass',
        when: "The `claude` on PATH is as new as the registry's version for your update channel (`latest` or `stable`).",
      },
      {
        status: 'warn',
        when: "It is older than the channel's version; the evidence says when this Node is why npm picked an old one.",
        fix: 'Update with the command for your install method (the fix plan names it), or install Node 22 or newer, or use the native installer.',
      },
      {
        status: 'warn',
        when: '`claude --version` did not print a version (it crashed, hung or printed something else).',
        fix: 'Run `claude --version` yourself; reinstall Claude Code if it fails.',
      },
      {
        status: 'skip',
        when: 'The latest version was not looked up: `--offline`, or the registry did not answer or sent something invalid.',
        fix: 'Run the doctor without `--offline`, or check the npm registry settings (`npm config get registry`).',
      },
      {
        status: 'fail',
        when: 'No `claude` executable is on PATH.',
        fix: 'Install Claude Code (native installer or `npm install -g @anthropic-ai/claude-code@latest`), or add its directory to PATH and open a new terminal.',
      },
    ],
  },
  async run(ctx) {
    const install = await runningClaude(ctx);
    if (!install) {
      return {
        status: 'fail',
        summary: 'No `claude` executable is on PATH.',
        fix: [
          INSTALL_ADVICE,
          'If it is installed, add its directory to PATH and open a new terminal.',
        ],
        // Installing is never a fix step: the plan says how, `fix` runs nothing for it.
        plan: [{ step: 'install' }, { step: 'restart-terminal' }, { step: 'verify' }],
      };
    }
    const evidence: Evidence[] = [
      {
        source: `file:${ctx.display(install.path)}`,
        detail: `runs ${install.version ? `version ${install.version}` : 'an unknown version'} (${install.method} install)`,
      },
    ];
    if (!install.version) {
      return {
        status: 'warn',
        summary: `Could not read the installed version: ${install.versionProblem}.`,
        evidence,
      };
    }

    const target = await channelTarget(ctx);
    if (!target.ok) {
      return {
        status: 'skip',
        summary: `Installed ${install.version}; the latest version is unknown: ${target.reason}.`,
        evidence,
      };
    }
    const { channel, version: latest } = target.value;
    evidence.push(registrySource(ctx, target.value));
    if (semver.gte(install.version, latest)) {
      return {
        status: 'pass',
        summary: `Claude Code ${install.version} is up to date (${channel}: ${latest}).`,
        evidence,
      };
    }

    // A newer copy elsewhere (multiple-installs says to keep it): updating the one that runs
    // would only refresh a copy about to be removed.
    const kept = chooseInstall(await claudeInstalls(ctx));
    if (
      kept?.version &&
      kept.realPath !== install.realPath &&
      semver.gt(kept.version, install.version)
    ) {
      const keptCurrent = semver.gte(kept.version, latest);
      return {
        status: 'warn',
        summary: `Claude Code ${install.version} runs, older than ${channel} ${latest}, but ${ctx.display(kept.path)} (${kept.method}) has ${kept.version}: an older copy shadows it.`,
        evidence,
        fix: [
          `Remove the copy that runs (see multiple-installs) so ${ctx.display(kept.path)} runs${keptCurrent ? '' : `, then update it: \`${updateCommand(kept.method)}\``}.`,
        ],
        plan: [
          { step: 'remove-extra-installs' },
          ...(keptCurrent
            ? []
            : [{ step: 'update' as const, command: updateCommand(kept.method) }]),
          { step: 'verify' },
        ],
      };
    }

    let command = updateCommand(install.method);
    const fix: string[] = [];
    const verdict = isNpmInstall(install) ? await engineVerdict(ctx, install) : null;
    if (verdict?.ok && !verdict.value.fits) {
      command = engineAwareUpdate(verdict.value, install);
      evidence.push({
        source: `url:${displayUrl(target.value.registry.url)}`,
        detail: `${latest} declares engines.node "${verdict.value.engine}"; this machine runs Node ${ctx.nodeVersion}`,
      });
      fix.push(
        `Update: \`${command}\`.`,
        `Why npm kept you on ${install.version}: Claude Code ${latest} asks for Node ${verdict.value.engine}, and a plain \`npm install -g @anthropic-ai/claude-code\` picks the newest version this Node accepts (see node-engine).`,
        ...engineWaysOut(verdict.value),
      );
    } else {
      fix.push(`Update: \`${command}\`.`);
    }
    if (install.method === 'native') {
      fix.push(
        'Native installs follow their own release channel, which can trail npm by a few hours around a release.',
      );
    }
    return {
      status: 'warn',
      summary: `Claude Code ${install.version} is older than ${channel} ${latest}; older versions may lack the subscription login option.`,
      evidence,
      fix,
      plan: [{ step: 'update', command }, { step: 'verify' }],
    };
  },
});

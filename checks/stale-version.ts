// Old versions lack the subscription login option (support article, "Having trouble");
// on Node < 22 a plain `npm install -g` quietly picks 2.1.197 (facts file, section 1).
import semver from 'semver';
import { defineCheck } from '../src/check.js';
import { INSTALL_ADVICE, runningClaude, updateCommand } from '../src/sources/claude-install.js';
import { distTags, nodeEngineOf, registryFor } from '../src/sources/registry.js';
import { settingsFiles } from '../src/sources/settings.js';
import type { Evidence } from '../src/types.js';

export default defineCheck({
  id: 'stale-version',
  title: 'Claude Code version',
  description: 'Compares `claude --version` with the registry dist-tag of the configured channel, and explains when this machine\'s Node is why npm picked an old version.',
  explain: {
    why: 'Old versions lack the subscription login option and fixes for known sign-in bugs. On Node older than 22, a plain `npm install -g @anthropic-ai/claude-code` quietly installs 2.1.197.',
    docs: 'https://code.claude.com/docs/en/setup',
    outcomes: [
      { status: 'pass', when: 'The `claude` on PATH is as new as the registry\'s version for your update channel (`latest` or `stable`).' },
      { status: 'warn', when: 'It is older than the channel\'s version; the evidence says when this Node is why npm picked an old one.', fix: 'Update with the command for your install method (the fix plan names it), or install Node 22 or newer, or use the native installer.' },
      { status: 'warn', when: '`claude --version` did not print a version (it crashed, hung or printed something else).', fix: 'Run `claude --version` yourself; reinstall Claude Code if it fails.' },
      { status: 'skip', when: 'The latest version was not looked up: `--offline`, or the registry did not answer or sent something invalid.', fix: 'Run the doctor without `--offline`, or check the npm registry settings (`npm config get registry`).' },
      { status: 'fail', when: 'No `claude` executable is on PATH.', fix: 'Install Claude Code (native installer or `npm install -g @anthropic-ai/claude-code@latest`), or add its directory to PATH and open a new terminal.' },
    ],
  },
  async run(ctx) {
    const install = await runningClaude(ctx);
    if (!install) {
      return {
        status: 'fail',
        summary: 'No `claude` executable is on PATH.',
        fix: [INSTALL_ADVICE, 'If it is installed, add its directory to PATH and open a new terminal.'],
        plan: [{ step: 'update', command: updateCommand('npm-global') }, { step: 'restart-terminal' }, { step: 'verify' }],
      };
    }
    const evidence: Evidence[] = [{ source: `file:${ctx.display(install.path)}`, detail: `runs ${install.version ? `version ${install.version}` : 'an unknown version'} (${install.method} install)` }];
    if (!install.version) {
      return { status: 'warn', summary: `Could not read the installed version: ${install.versionProblem}.`, evidence };
    }
    if (ctx.options.offline) {
      return { status: 'skip', summary: `Installed ${install.version}; the latest version was not looked up (--offline).`, evidence };
    }

    const channel = (await settingsFiles(ctx)).map((s) => s.autoUpdatesChannel).filter(Boolean).at(-1) ?? 'latest';
    const [registry, tags] = await Promise.all([registryFor(ctx), distTags(ctx)]);
    if (!tags.ok) {
      return { status: 'skip', summary: `Installed ${install.version}; the latest version is unknown: ${tags.reason}.`, evidence };
    }
    const target = tags.value[channel] ?? tags.value.latest;
    if (!target || !semver.valid(target)) {
      return { status: 'skip', summary: `Installed ${install.version}; the registry names no valid "${channel}" version.`, evidence };
    }
    evidence.push({ source: registry.source === 'default' ? `url:${registry.url}` : registry.source, detail: `registry ${registry.url}: ${channel} is ${target}${tags.value[channel] ? '' : ` (no "${channel}" tag; compared with latest)`}` });
    if (semver.gte(install.version, target)) {
      return { status: 'pass', summary: `Claude Code ${install.version} is up to date (${channel}: ${target}).`, evidence };
    }

    const fix = [`Update: \`${updateCommand(install.method)}\`.`];
    const engine = await nodeEngineOf(ctx, target);
    if (engine.ok && engine.value && !semver.satisfies(ctx.nodeVersion, engine.value)) {
      evidence.push({ source: `url:${registry.url}`, detail: `${target} declares engines.node "${engine.value}"; this machine runs Node ${ctx.nodeVersion}` });
      fix.push(
        `Why npm kept you on ${install.version}: Claude Code ${target} asks for Node ${engine.value}, and a plain \`npm install -g @anthropic-ai/claude-code\` picks the newest version this Node accepts.`,
        'Ways out: `npm install -g @anthropic-ai/claude-code@latest` or `claude update` (both install it with only an EBADENGINE warning, unless npm\'s engine-strict is on; it runs, being a native binary), the native installer, or Node 22 or newer.',
      );
    }
    return {
      status: 'warn',
      summary: `Claude Code ${install.version} is older than ${channel} ${target}; older versions may lack the subscription login option.`,
      evidence,
      fix,
      plan: [{ step: 'update', command: updateCommand(install.method) }, { step: 'verify' }],
    };
  },
});

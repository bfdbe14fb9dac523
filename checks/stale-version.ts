// On Node < 22 a plain `npm install -g` quietly picks 2.1.197 (facts file, section 1). No
// version floor for the subscription login is known: the warning says how far behind. Grace
// window: see GRACE_RELEASES (src/version-distance.ts).
import semver from '../src/semver.js';
import { defineCheck } from '../src/check.js';
import {
  newerCopy,
  runningClaude,
  claudeInstalls,
  runsEvidence,
  updateCommandFor,
} from '../src/sources/claude-install.js';
import { updatesItself } from '../src/self-update.js';
import {
  GRACE_RELEASES,
  howFarBehind,
  INSTALL_OUTCOMES,
  patchesBehind,
} from '../src/version-distance.js';
import {
  engineAwareUpdate,
  engineRangeEvidence,
  engineVerdict,
  ENGINE_WAYS_OUT,
  isNpmInstall,
  latestWay,
} from '../src/sources/node-engine.js';
import { channelTarget, registrySource } from '../src/sources/registry.js';

const SHADOWED =
  'Claude Code {installed} runs, older than {channel} {latest}, but {kept} ({method}) has {has}: an older copy shadows it.';
const OUTDATED =
  'Claude Code {installed} is {behind} behind {channel} {latest}, and fixes for sign-in and billing bugs come in new releases.';

const UPDATE = 'Update: `{command}`.';

export default defineCheck({
  id: 'stale-version',
  title: 'Claude Code version',
  description:
    "Compares `claude --version` with the registry dist-tag of the configured channel, and explains when this machine's Node is why npm picked an old version.",
  explain: {
    why: 'Old versions miss fixes for known sign-in and billing bugs. On Node older than 22, a plain `npm install -g @anthropic-ai/claude-code` quietly installs 2.1.197.',
    docs: 'https://code.claude.com/docs/en/setup',
  },
  outcomes: {
    ...INSTALL_OUTCOMES,
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
    if (!install) {
      const elsewhere = (await claudeInstalls(ctx))[0];
      return elsewhere
        ? { outcome: 'off-path', values: { path: ctx.display(elsewhere.path) } }
        : { outcome: 'not-installed' };
    }
    const evidence = [runsEvidence(ctx, install)];
    const problem = String(install.versionProblem);
    if (!install.version) return { outcome: 'version-unknown', values: { problem }, evidence };

    const installed = install.version;
    const target = await channelTarget(ctx);
    if (!target.ok)
      return { outcome: 'latest-unknown', values: { installed, reason: target.reason }, evidence };
    const { channel, version: latest } = target.value;
    const values = { installed, channel, latest, behind: howFarBehind(installed, latest) };
    evidence.push(registrySource(ctx, target.value));
    if (semver.gte(installed, latest)) return { outcome: 'up-to-date', values, evidence };
    const patches = patchesBehind(installed, latest);
    if (patches !== null && patches <= GRACE_RELEASES && (await updatesItself(ctx, install)))
      return { outcome: 'within-grace', values: { ...values, grace: GRACE_RELEASES }, evidence };

    const kept = await newerCopy(ctx, install);
    if (kept) {
      const command = await updateCommandFor(ctx, kept);
      const { method, version: has } = kept;
      const shadow = { ...values, kept: ctx.display(kept.path), method, has, command };
      if (semver.gte(has, latest))
        return { outcome: 'newer-copy-shadowed', values: shadow, evidence };
      const plan = [{ step: 'update' as const, command }];
      return { outcome: 'newer-copy-shadowed-outdated', values: shadow, evidence, plan };
    }

    const verdict = isNpmInstall(install) ? await engineVerdict(ctx, install) : null;
    if (verdict?.ok && !verdict.value.fits) {
      const command = engineAwareUpdate(verdict.value, install);
      evidence.push(engineRangeEvidence(ctx, verdict.value));
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
    const command = await updateCommandFor(ctx, install);
    return {
      outcome: install.method === 'native' ? 'outdated-native' : 'outdated',
      values: { ...values, command },
      evidence,
      plan: [{ step: 'update', command }],
    };
  },
});

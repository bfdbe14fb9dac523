// When auto-update is off and why, read the way Claude Code 2.1.331 decides it (bundle):
// DISABLE_UPDATES or CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC with any value,
// DISABLE_AUTOUPDATER when truthy, or `autoUpdates: false` in .claude.json unless a native
// install has `autoUpdatesProtectedForNative`. Facts file, sections 2 and 4.
import { defineCheck } from '../src/check.js';
import { showLabel } from '../src/display.js';
import { locationText } from '../src/location.js';
import { envVariables } from '../src/credentials.js';
import { UPDATE_SWITCHES } from '../src/self-update.js';
import { globalConfig } from '../src/sources/claude-json.js';
import {
  runningClaude,
  updateCommand,
  updateCommandFor,
  type InstallMethod,
} from '../src/sources/claude-install.js';
import { lastUpdate } from '../src/sources/last-update.js';
import { CHANNELS } from '../src/sources/registry.js';
import { settingsFiles } from '../src/sources/settings.js';
import type { Evidence, PlanRequest } from '../src/types.js';
import { whereSet } from '../src/where-set.js';

const SWITCHES = UPDATE_SWITCHES;

/** Installs Claude Code's updater leaves to their own package manager (facts file, section 1). */
const MANAGED_ELSEWHERE: ReadonlySet<InstallMethod> = new Set([
  'homebrew',
  'winget',
  'package-manager',
]);

/** `.last-update-result.json` names the install kind it updated with these words. */
const UPDATE_PATH: Partial<Record<InstallMethod, string>> = {
  'npm-global': 'npm-global',
  'npm-local': 'npm-local',
  native: 'native',
};

const UPDATE_NOW = 'Update the claude that runs by hand: `{updateNow}`.';

export default defineCheck({
  id: 'auto-updates',
  title: 'Auto-updates',
  description:
    'Whether Claude Code updates itself (which variable or setting turns that off, and in which file), its update channel, and the last update attempt when it failed or updated another install.',
  explain: {
    why: 'With auto-updates off, or when the last update failed or went to another install, Claude Code stays on an old version, with sign-in and billing bugs that newer versions fixed.',
    docs: 'https://code.claude.com/docs/en/setup',
  },
  outcomes: {
    'not-installed': {
      status: 'skip',
      summary: 'No `claude` is installed, so nothing updates (see stale-version).',
    },
    on: { status: 'pass', summary: 'Auto-updates are on (channel {channel}).{managed}' },
    off: {
      status: 'warn',
      summary:
        'Auto-updates are off ({offBy}), so Claude Code stays on the version you have until you update it by hand{also}.{managed}',
      // A line is there once per item of the list it names (none for an empty list).
      fix: [
        'To turn auto-updates back on, remove {switches}.',
        'To turn auto-updates back on, delete "autoUpdates": false from {configFile}.',
        UPDATE_NOW,
        'Or keep them off and update by hand now and then: `{updateLater}`.',
      ],
      plan: ['update?', 'verify?'],
    },
    'last-update-problem': {
      status: 'warn',
      summary: 'Auto-updates are on (channel {channel}), but {problems}.{managed}',
      fix: UPDATE_NOW,
      plan: ['update?', 'verify?'],
    },
  },
  async run(ctx) {
    const [vars, config, settings, install] = await Promise.all([
      envVariables(ctx),
      globalConfig(ctx),
      settingsFiles(ctx),
      runningClaude(ctx),
    ]);
    if (!install) return { outcome: 'not-installed' };
    const evidence: Evidence[] = [];
    const offBy: string[] = [];
    const switches: string[] = [];
    const configFiles: string[] = [];
    const plan: PlanRequest[] = [];

    for (const [name, isOn] of SWITCHES) {
      const variable = vars.get(name);
      if (!variable || !isOn(variable.effective.text ?? '')) continue;
      offBy.push(name);
      const where = await whereSet(ctx, name);
      evidence.push(...where.evidence);
      const places = (where.removal.locations ?? []).map((l) =>
        locationText(l, (f) => ctx.display(f)),
      );
      switches.push(`${name} where it is set: ${places.join('; ') || name}`);
    }
    const configFile = ctx.display(config.file.path);
    if (
      config.autoUpdates === false &&
      !(config.installMethod === 'native' && config.autoUpdatesProtectedForNative === true)
    ) {
      offBy.push(`autoUpdates: false in ${configFile}`);
      evidence.push({ source: `file:${configFile}#autoUpdates`, detail: 'autoUpdates is false' });
      configFiles.push(configFile);
    }

    const channelFile = settings.filter((s) => s.autoUpdatesChannel).at(-1);
    const channel = showLabel(channelFile?.autoUpdatesChannel ?? 'latest', CHANNELS);
    evidence.push({
      source: channelFile
        ? `file:${ctx.display(channelFile.file.path)}#autoUpdatesChannel`
        : 'default',
      detail: `update channel: ${channel}${channelFile ? '' : ' (the default)'}`,
    });

    const last = await lastUpdate(ctx);
    const problems: string[] = [];
    const updateNow: string[] = [];
    if (last) {
      evidence.push({ source: `file:${ctx.display(last.file)}`, detail: last.describe });
      if (last.outcome === 'failed') problems.push(`the last update failed (${last.describe})`);
      const expected = install ? UPDATE_PATH[install.method] : undefined;
      if (expected && last.path && last.path !== expected) {
        problems.push(
          `the last update went to the ${last.path} install, but the claude that runs is the ${install!.method} one`,
        );
      }
      if (problems.length && install) {
        const command = await updateCommandFor(ctx, install);
        updateNow.push(command);
        plan.push({ step: 'update', command }, { step: 'verify' });
      }
    }

    const managed =
      install && MANAGED_ELSEWHERE.has(install.method)
        ? ` This claude was installed by ${install.method}: it updates through \`${updateCommand(install.method)}\`, not by itself.`
        : '';
    const values = { channel, managed, problems: problems.join('; '), updateNow };
    if (offBy.length) {
      const off = {
        ...values,
        offBy: offBy.join(', '),
        also: problems.length ? `; also ${problems.join('; ')}` : '',
        switches,
        configFile: configFiles,
        updateLater: install ? [updateCommand(install.method)] : [],
      };
      return { outcome: 'off', values: off, evidence, plan };
    }
    if (problems.length) return { outcome: 'last-update-problem', values, evidence, plan };
    return { outcome: 'on', values, evidence };
  },
});

// When auto-update is off and why, read the way Claude Code 2.1.331 decides it (bundle):
// DISABLE_UPDATES or CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC with any value,
// DISABLE_AUTOUPDATER when truthy, or `autoUpdates: false` in .claude.json unless a native
// install has `autoUpdatesProtectedForNative`. Facts file, sections 2 and 4.
import { defineCheck, type Context } from '../src/check.js';
import { showLabel } from '../src/display.js';
import { envVariables } from '../src/credentials.js';
import { isTruthy } from '../src/env-vars.js';
import { claudePaths } from '../src/platform/paths.js';
import { globalConfig } from '../src/sources/claude-json.js';
import { runningClaude, updateCommand, type InstallMethod } from '../src/sources/claude-install.js';
import { isObject, isString, readJsonFile } from '../src/sources/json-file.js';
import { CHANNELS } from '../src/sources/registry.js';
import { settingsFiles } from '../src/sources/settings.js';
import type { Evidence, PlanRequest } from '../src/types.js';
import { whereSet } from '../src/where-set.js';

const SWITCHES: ReadonlyArray<[string, (value: string) => boolean]> = [
  ['DISABLE_UPDATES', (v) => v !== ''],
  ['DISABLE_AUTOUPDATER', isTruthy],
  ['CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC', (v) => v !== ''],
];

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

export default defineCheck({
  id: 'auto-updates',
  title: 'Auto-updates',
  description:
    'Whether Claude Code updates itself (which variable or setting turns that off, and in which file), its update channel, and the last update attempt when it failed or updated another install.',
  explain: {
    why: 'With auto-updates off, or when the last update failed or went to another install, Claude Code stays on an old version, with sign-in and billing bugs that newer versions fixed.',
    docs: 'https://code.claude.com/docs/en/setup',
    outcomes: [
      {
        status: 'pass',
        when: 'Auto-updates are on, and the last recorded update attempt (if any) neither failed nor updated another install than the one that runs.',
      },
      {
        status: 'warn',
        when: 'Auto-updates are off: DISABLE_UPDATES, DISABLE_AUTOUPDATER or CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC is set, or `"autoUpdates": false` is in `.claude.json`.',
        fix: 'Remove the variable where the evidence says it is set (e.g. `unset DISABLE_AUTOUPDATER` and its line in that file), or delete `"autoUpdates": false` from `.claude.json`; or keep them off and update by hand now and then (`claude update`, or the command the fix names for your install).',
      },
      {
        status: 'warn',
        when: 'Auto-updates are on, but the last update (`.last-update-result.json`) failed or updated another install than the `claude` that runs.',
        fix: 'Update the claude that runs by hand with the command the fix names (e.g. `claude update`, or `npm install -g @anthropic-ai/claude-code@latest` for npm), and see multiple-installs for the other copy.',
      },
    ],
  },
  async run(ctx) {
    const [vars, config, settings, install] = await Promise.all([
      envVariables(ctx),
      globalConfig(ctx),
      settingsFiles(ctx),
      runningClaude(ctx),
    ]);
    const evidence: Evidence[] = [];
    const offBy: string[] = [];
    const fix: string[] = [];
    const plan: PlanRequest[] = [];

    for (const [name, isOn] of SWITCHES) {
      const variable = vars.get(name);
      if (!variable || !isOn(variable.effective.text ?? '')) continue;
      offBy.push(name);
      const where = await whereSet(ctx, name);
      evidence.push(...where.evidence);
      fix.push(
        `To turn auto-updates back on, remove ${name} where it is set: ${where.removal.details?.join('; ') || name}.`,
      );
    }
    const configFile = ctx.display(config.file.path);
    if (
      config.autoUpdates === false &&
      !(config.installMethod === 'native' && config.autoUpdatesProtectedForNative === true)
    ) {
      offBy.push(`autoUpdates: false in ${configFile}`);
      evidence.push({ source: `file:${configFile}#autoUpdates`, detail: 'autoUpdates is false' });
      fix.push(`To turn auto-updates back on, delete "autoUpdates": false from ${configFile}.`);
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
        fix.push(`Update the claude that runs by hand: \`${updateCommand(install.method)}\`.`);
        plan.push({ step: 'update', command: updateCommand(install.method) }, { step: 'verify' });
      }
    }

    const managed =
      install && MANAGED_ELSEWHERE.has(install.method)
        ? ` This claude was installed by ${install.method}: it updates through \`${updateCommand(install.method)}\`, not by itself.`
        : '';
    if (offBy.length) {
      return {
        status: 'warn',
        summary: `Auto-updates are off (${offBy.join(', ')}), so Claude Code stays on the version you have until you update it by hand${problems.length ? `; also ${problems.join('; ')}` : ''}.${managed}`,
        evidence,
        fix: [
          ...fix,
          ...(install
            ? [
                `Or keep them off and update by hand now and then: \`${updateCommand(install.method)}\`.`,
              ]
            : []),
        ],
        plan,
      };
    }
    if (problems.length) {
      return {
        status: 'warn',
        summary: `Auto-updates are on (channel ${channel}), but ${problems.join('; ')}.${managed}`,
        evidence,
        fix,
        plan,
      };
    }
    return {
      status: 'pass',
      summary: `Auto-updates are on (channel ${channel}).${managed}`,
      evidence,
    };
  },
});

interface LastUpdate {
  file: string;
  outcome?: string;
  path?: string;
  describe: string;
}

/** `{timestamp, path, outcome, status, version_from, version_to, error_code}` (2.1.331 bundle). */
async function lastUpdate(ctx: Context): Promise<LastUpdate | null> {
  const file = claudePaths(ctx).lastUpdateResult;
  const json = await readJsonFile(ctx, file);
  if (json.state !== 'ok') return null;
  const field = (key: string) =>
    isString(json.data[key]) ? (json.data[key] as string) : undefined;
  const outcome = field('outcome');
  const from = field('version_from');
  const to = field('version_to');
  const error = field('error_code') ?? (isObject(json.data.error) ? 'error' : undefined);
  const parts = [
    `last update ${outcome ?? 'attempt'}`,
    from || to ? `${from ?? '?'} -> ${to ?? '?'}` : '',
    field('path') ? `(${field('path')} install)` : '',
    error ? `error ${error}` : '',
    field('timestamp') ? `at ${field('timestamp')}` : '',
  ];
  return {
    file,
    ...(outcome ? { outcome } : {}),
    ...(field('path') ? { path: field('path')! } : {}),
    describe: parts.filter(Boolean).join(' '),
  };
}

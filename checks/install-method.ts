// Claude Code picks its update path from `installMethod` in .claude.json
// (`native|global|local|unknown`), which can disagree with how the claude that runs was
// installed (facts file, section 1); each method has its own update command.
import { defineCheck } from '../src/check.js';
import { globalConfig } from '../src/sources/claude-json.js';
import {
  INSTALL_LABEL,
  RECORDED_METHOD,
  runningClaude,
  updateCommandFor,
} from '../src/sources/claude-install.js';
import type { Evidence } from '../src/types.js';

export default defineCheck({
  id: 'install-method',
  title: 'Install method',
  description:
    'How the claude that runs was installed, against `installMethod` in .claude.json, and the update command that fits it.',
  explain: {
    why: '`claude update` and auto-updates follow `installMethod` in `.claude.json`. When that disagrees with how the `claude` that runs was installed, updates go to another copy and the one you run stays old.',
    docs: 'https://code.claude.com/docs/en/setup',
  },
  outcomes: {
    'no-claude': {
      status: 'skip',
      summary: 'No `claude` is on PATH (see stale-version).',
    },
    'unknown-method': {
      status: 'pass',
      summary:
        'Could not tell how {path} was installed; `claude update` is the general way to update it.',
    },
    mismatch: {
      status: 'warn',
      summary:
        '{config} says installMethod "{recorded}", but the claude that runs is {label}: `claude update` and auto-updates follow the recorded method and may update a copy that does not run.',
      fix: [
        'Update the claude that runs with `{command}`.',
        'To make them agree, move to the native installer with `claude install` (it records installMethod "native"), then remove the other copies (see multiple-installs).',
      ],
      plan: ['update', 'verify'],
    },
    fits: {
      status: 'pass',
      summary: 'claude runs from {label}; update it with `{command}`.{note}',
    },
  },
  async run(ctx) {
    const [install, config] = await Promise.all([runningClaude(ctx), globalConfig(ctx)]);
    if (!install) return { outcome: 'no-claude' };
    const command = await updateCommandFor(ctx, install);
    const evidence: Evidence[] = [
      {
        source: `file:${ctx.display(install.path)}`,
        detail: `${INSTALL_LABEL[install.method]}${install.realPath !== install.path ? `, really ${ctx.display(install.realPath)}` : ''}`,
      },
    ];
    const recorded = config.installMethod;
    if (recorded !== undefined)
      evidence.push({
        source: `file:${ctx.display(config.file.path)}#installMethod`,
        detail: `installMethod is "${recorded}"`,
      });
    const expected = RECORDED_METHOD[install.method];

    if (install.method === 'unknown')
      return { outcome: 'unknown-method', values: { path: ctx.display(install.path) }, evidence };
    const label = INSTALL_LABEL[install.method];
    if (recorded && recorded !== 'unknown' && expected && recorded !== expected) {
      const values = { config: ctx.display(config.file.path), recorded, label, command };
      return { outcome: 'mismatch', values, evidence, plan: [{ step: 'update', command }] };
    }
    const note = ['homebrew', 'winget', 'package-manager'].includes(install.method)
      ? ' Claude Code does not update it by itself.'
      : '';
    return { outcome: 'fits', values: { label, command, note }, evidence };
  },
});

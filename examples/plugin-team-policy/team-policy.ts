// An example claude-auth-doctor plugin: two checks a team might add. The doctor loads it from
// `.claude-auth-doctorrc.yaml` next to this file; its check ids become `team-policy/<id>`.
// Claude Code's settings keys: https://docs.anthropic.com/en/docs/claude-code/settings
import path from 'node:path';
import { defineCheck, type Context } from 'claude-auth-doctor';

const TEAM_ORG_UUID = '11111111-2222-3333-4444-555555555555';

/** The project's shared settings, as JSON; every defect is a reason, never an exception. */
async function projectSettings(ctx: Context): Promise<{ file: string; data?: Record<string, unknown>; problem?: string }> {
  const file = path.join(ctx.cwd, '.claude', 'settings.json');
  const read = await ctx.readText(file);
  if (!read.ok) return { file, problem: read.message };
  try {
    const data: unknown = JSON.parse(read.text);
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) return { file, data: data as Record<string, unknown> };
    return { file, problem: 'is not a JSON object' };
  } catch {
    return { file, problem: 'is not valid JSON' };
  }
}

export default [
  // Outcomes declared once, each with a stable id: the JSON report carries it as `outcome`.
  defineCheck({
    id: 'force-login-method',
    title: 'Project forces the claude.ai login',
    description: 'The project\'s .claude/settings.json sets forceLoginMethod to "claudeai", so nobody logs in with a Console account by mistake.',
    outcomes: {
      forced: { status: 'pass', summary: 'The project forces the claude.ai login.' },
      unreadable: { status: 'fail', summary: '{file} {problem}.', fix: 'Commit a .claude/settings.json with "forceLoginMethod": "claudeai".' },
      'not-forced': { status: 'fail', summary: 'The project does not force the claude.ai login.', fix: 'Set "forceLoginMethod": "claudeai" in {file}.' },
    },
    async run(ctx) {
      const settings = await projectSettings(ctx);
      const file = ctx.display(settings.file);
      const source = `file:${file}#forceLoginMethod`;
      if (!settings.data) return { outcome: 'unreadable', values: { file, problem: settings.problem ?? 'cannot be read' } };
      if (settings.data.forceLoginMethod === 'claudeai') {
        return { outcome: 'forced', evidence: [{ source, detail: 'forceLoginMethod is "claudeai"' }] };
      }
      const detail = `forceLoginMethod is ${JSON.stringify(settings.data.forceLoginMethod ?? null)}`;
      return { outcome: 'not-forced', values: { file }, evidence: [{ source, detail }] };
    },
  }),
  // A plain result works too: its outcome id in the JSON report is its status.
  defineCheck({
    id: 'login-org',
    title: 'Project pins the team organization',
    description: 'The project\'s .claude/settings.json pins forceLoginOrgUUID to the team\'s organization.',
    async run(ctx) {
      const settings = await projectSettings(ctx);
      const pinned = settings.data?.forceLoginOrgUUID;
      if (pinned === TEAM_ORG_UUID) return { status: 'pass', summary: 'Logins are pinned to the team organization.' };
      return {
        status: 'warn',
        summary: pinned ? 'Logins are pinned to another organization.' : 'Logins are not pinned to an organization.',
        fix: [`Set "forceLoginOrgUUID": "${TEAM_ORG_UUID}" in ${ctx.display(settings.file)}.`],
      };
    },
  }),
];

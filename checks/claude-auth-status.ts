// Claude Code's own view, only with --ask-claude: `claude auth status` is not read-only (it may
// rewrite .claude.json and copy it, keys included, into backups/; facts file section 1,
// real-cli-findings 12), so it runs after every read of the doctor's own.
import { defineCheck } from '../src/check.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
import { runningClaude } from '../src/sources/claude-install.js';
import { askClaude, methodsFor, readFirst, viewText } from '../src/sources/claude-auth-status.js';

export default defineCheck({
  id: 'claude-auth-status',
  optIn: "--ask-claude (it may rewrite Claude Code's own files)",
  title: "Claude Code's own view",
  description:
    "Only with --ask-claude: runs `claude auth status --json` after the doctor's own reads and compares its authMethod / apiKeySource with the doctor's view (project credential variables left out, as auth status ignores them).",
  explain: {
    why: "The doctor reads Claude Code's files and variables itself; `claude auth status` is Claude Code's own answer, and when the two disagree Claude Code is right. That command may rewrite `.claude.json` and copy it, keys included, into backups, so it runs only when you ask.",
    docs: 'https://code.claude.com/docs/en/authentication',
  },
  outcomes: {
    'not-asked': {
      status: 'skip',
      summary:
        "Not asked: `claude auth status` may rewrite Claude Code's files, so it runs only with --ask-claude.",
    },
    'no-claude': { status: 'skip', summary: 'No `claude` executable is on PATH to ask.' },
    'foreign-claude': { status: 'skip', summary: 'Not asked: {why}.' },
    unreadable: {
      status: 'warn',
      summary: "Could not read Claude Code's own view from `{command}`: {why}.",
    },
    agrees: { status: 'pass', summary: 'Claude Code agrees: {method:method}.' },
    disagrees: {
      status: 'warn',
      summary:
        'Claude Code and the doctor disagree: Claude Code says {theirs}; the doctor says {method:method}. Trust Claude Code, and please report this to claude-auth-doctor with the --json output.',
    },
  },
  async run(ctx) {
    if (!ctx.options.askClaude) return { outcome: 'not-asked' };
    const [auth, claude] = await Promise.all([authModel(ctx), runningClaude(ctx), readFirst(ctx)]);
    if (!claude) return { outcome: 'no-claude' };
    if (claude.foreign)
      return { outcome: 'foreign-claude', values: { why: claude.versionProblem! } };

    const command = `${ctx.display(claude.path)} auth status --json`;
    const { view, why } = await askClaude(ctx, claude.path);
    if (!view) return { outcome: 'unreadable', values: { command, why } };
    const ours = auth.authStatusView;
    const theirs = viewText(view);
    const evidence = [
      { source: `command:${command}`, detail: `Claude Code says: ${theirs}` },
      {
        source: ours.source ?? 'doctor',
        detail: `the doctor says: ${METHOD_LABEL[ours.method]} (${ours.method}${auth.provider ? `, ${auth.provider.name}` : ''})`,
      },
    ];
    const agrees =
      methodsFor(view).includes(ours.method) &&
      (ours.method !== 'third-party' || view.apiProvider === auth.provider?.name);
    if (agrees) return { outcome: 'agrees', values: { method: ours.method }, evidence };
    return { outcome: 'disagrees', values: { theirs, method: ours.method }, evidence };
  },
});

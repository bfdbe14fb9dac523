// A running shell keeps the variables it started with: removing a line from ~/.zshrc changes
// nothing until a new terminal starts (support article, step 3 of the fix sequence).
import { defineCheck } from '../src/check.js';
import { authModel, intendedFromShell, originsOf } from '../src/credentials.js';
import { BASE_URL, CREDENTIAL_VARS, isTruthy, PROVIDER_SWITCHES } from '../src/env-vars.js';
import { shellAssignments, type ShellAssignment } from '../src/sources/shell-files.js';
import type { Evidence, PlanRequest } from '../src/types.js';
import { unsetCommand } from '../src/where-set.js';

const TRACKED = [...CREDENTIAL_VARS, BASE_URL, ...Object.keys(PROVIDER_SWITCHES)];

const OUT_OF_DATE =
  'This terminal is out of date with its startup files: {parts}. Open a new terminal before judging a fix.';
const RESTART =
  'Close every terminal window (IDE terminals too) and open a new one; `unset` the variable to clean up this one.';

export default defineCheck({
  id: 'restart-needed',
  title: 'Terminal restart',
  description:
    'A credential variable in this shell that no startup file sets any more (or set in a startup file but missing here): the terminal must be restarted for a fix to take effect.',
  explain: {
    why: 'A terminal keeps the variables it started with. After you remove ANTHROPIC_API_KEY (or another credential variable) from a startup file, every open terminal and IDE still has it, so the fix seems not to work; a line you add reaches only new terminals.',
    docs: 'https://code.claude.com/docs/en/troubleshooting',
  },
  outcomes: {
    'up-to-date': {
      status: 'pass',
      summary: "This shell's credential variables match its startup files.",
    },
    // The documented `claude setup-token` workflow exports the token only in the shell that
    // starts Claude Code (or an IDE or wrapper hands it over): intended, not out of date.
    inherited: {
      status: 'pass',
      summary:
        '{names} comes from the process that started this shell, not from a startup file, and it is the credential Claude Code uses as you expect; nothing to restart.',
    },
    stale: {
      status: 'warn',
      summary: OUT_OF_DATE,
      fix: RESTART,
      plan: ['remove-env-credential', 'restart-terminal', 'verify'],
      when: 'A variable is in this shell but no startup file sets it (removed after this terminal started, or inherited from an IDE, CI or launchctl), or its value here differs from the one in the file.',
    },
    pending: {
      status: 'warn',
      summary: OUT_OF_DATE,
      fix: RESTART,
      plan: ['restart-terminal', 'verify'],
      when: 'A startup file sets a variable this shell does not have: new terminals will.',
    },
  },
  async run(ctx) {
    const setters = (await shellAssignments(ctx)).filter(
      (a) => !a.unset && a.exported && readBy(a),
    );
    const evidence: Evidence[] = [];
    const plan: PlanRequest[] = [];
    const stale: string[] = [];
    const pending: string[] = [];
    const inherited: string[] = [];
    const intended = intendedFromShell(await authModel(ctx));
    for (const name of TRACKED) {
      const inShell = Boolean(ctx.env[name]);
      const lines = setters.filter((a) => a.name === name);

      // CI runners inject secrets with no startup file behind them; that is not a stale shell.
      if (
        inShell &&
        (await originsOf(ctx, name)).length === 0 &&
        (lines.length > 0 || !isTruthy(ctx.env.CI))
      ) {
        if (lines.length === 0 && intended.has(name)) {
          inherited.push(name);
          evidence.push({
            source: `env:${name}`,
            detail: `${name} is in this shell but in no startup file: the process that started it set it (an \`export\`, an IDE, a wrapper); it wins, as you expect`,
          });
          continue;
        }
        stale.push(name);
        evidence.push(
          lines.length
            ? {
                source: `env:${name}`,
                detail: `this shell's value of ${name} differs from the one in ${lines.map((a) => a.source.slice('file:'.length)).join(', ')}: the file was edited after this terminal started`,
              }
            : {
                source: `env:${name}`,
                detail: `${name} is in this shell but no startup file sets it: removed from one after this terminal started, or inherited from the parent process (IDE, CI, launchctl)`,
              },
        );
        plan.push({ step: 'remove-env-credential', command: unsetCommand(ctx, name) });
      } else if (!inShell && lines.length) {
        pending.push(name);
        for (const line of lines)
          evidence.push({
            source: line.source,
            detail: `sets ${name}, which this shell does not have: a new terminal will`,
          });
      }
    }
    if (stale.length === 0 && pending.length === 0)
      return inherited.length
        ? { outcome: 'inherited', values: { names: inherited.join(', ') }, evidence }
        : { outcome: 'up-to-date' };
    const parts = [
      stale.length
        ? `${stale.join(', ')} in this shell ${stale.length === 1 ? 'is' : 'are'} not what the startup files set`
        : '',
      pending.length ? `${pending.join(', ')} will appear in new terminals` : '',
    ].filter(Boolean);
    const outcome = stale.length ? 'stale' : 'pending';
    return { outcome, values: { parts: parts.join('; ') }, evidence, plan };
  },
});

/** Whether a new terminal of the user's own shell gets this line (other shells' files do not count). */
function readBy(a: ShellAssignment): boolean {
  if (a.dialect === 'dotenv') return a.loadedBy !== undefined;
  return !a.foreign;
}

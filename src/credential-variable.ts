// The three credential variables (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN,
// CLAUDE_CODE_OAUTH_TOKEN) share an opening: is it set, where, is it blank. Each check then
// runs its own verdict ladder on the model.
import type { Context } from './context.js';
import { authModel, type AuthModel, type Candidate } from './credentials.js';
import type { Secret } from './redact.js';
import type {
  Check,
  CheckExplanation,
  Finding,
  OutcomeSpec,
  OutcomeValues,
  PlanRequest,
} from './types.js';
import { linesText, pendingLines, pendingRemoval, projectOnlyNote, whereSet } from './where-set.js';

export interface CredentialVariableCheck<O extends string> {
  id: string;
  title: string;
  description: string;
  explain: CheckExplanation;
  /** The variable's name. */
  variable: string;
  /** Note when only project settings set it (`claude auth status` does not show those). */
  projectNote?: Candidate['method'];
  outcomes: Record<O | 'blank', OutcomeSpec>;
  /**
   * What new terminals will do with the variable when a startup line sets it but this terminal
   * lacks it (`bill API credits`); null when that is nothing to warn about.
   */
  pendingEffect(auth: AuthModel): string | null;
  /** Which outcome, once the variable is known to be set and not blank. */
  verdict(
    auth: AuthModel,
    token: Secret,
    ctx: Context,
  ): NoInfer<O> | { outcome: NoInfer<O>; values: OutcomeValues; plan?: PlanRequest[] };
}

export function credentialVariableCheck<const O extends string>(
  def: CredentialVariableCheck<O>,
): Check<'not-set' | 'pending' | 'blank' | O> {
  const { variable: name, outcomes, verdict, projectNote, pendingEffect, ...meta } = def;
  return {
    ...meta,
    outcomes: {
      'not-set': { status: 'pass', summary: `${name} is not set anywhere Claude Code reads it.` },
      pending: {
        status: 'warn',
        summary: `${name} is not in this terminal, but {lines} sets it: new terminals will {effect}.`,
        fix: `If you did not mean to, remove ${name} from {lines}; either way, open a new terminal and run the doctor there.`,
        plan: ['remove-env-credential', 'restart-terminal'],
        when: `${name} is not set here, but a startup file of your shell sets it (added after this terminal started, or this terminal was not started the usual way).`,
      },
      ...outcomes,
    } as Record<'not-set' | 'pending' | 'blank' | O, OutcomeSpec>,
    async run(ctx: Context): Promise<Finding<'not-set' | 'pending' | 'blank' | O>> {
      const auth = await authModel(ctx);
      const variable = auth.vars.get(name);
      if (!variable) {
        const lines = await pendingLines(ctx, name);
        const effect = lines.length ? pendingEffect(auth) : null;
        if (!effect) return { outcome: 'not-set' };
        return {
          outcome: 'pending',
          values: { lines: linesText(lines), effect },
          evidence: lines.map((a) => ({
            source: a.source,
            detail: `sets ${name}, which this terminal does not have: new terminals will`,
          })),
          plan: [pendingRemoval(lines)],
        };
      }
      const { evidence, steps } = await whereSet(ctx, name);
      const note = projectNote && projectOnlyNote(auth, projectNote);
      if (note) evidence.push(note);
      const token = variable.effective.value;
      const found = token.isBlank ? 'blank' : verdict(auth, token, ctx);
      const {
        outcome,
        values,
        plan: specifics = [],
      }: { outcome: 'blank' | O; values?: OutcomeValues; plan?: PlanRequest[] } = typeof found ===
      'string'
        ? { outcome: found }
        : found;
      const declared = outcomes[outcome].plan ?? [];
      const removes = declared.includes('remove-env-credential');
      // A new terminal only where a shell has the variable (declared as 'restart-terminal?').
      const plan = steps.filter(
        (s) => s.step !== 'restart-terminal' || declared.includes('restart-terminal?'),
      );
      return {
        outcome,
        values: { fingerprint: token.fingerprint, ...values },
        evidence,
        ...(removes || specifics.length ? { plan: [...(removes ? plan : []), ...specifics] } : {}),
      };
    },
  };
}

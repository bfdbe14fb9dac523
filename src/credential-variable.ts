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
import { pendingLines, projectOnlyNote, whereSet } from './where-set.js';

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
   * When no session has the variable but a startup file gives it to every new terminal: the
   * outcome, so the check does not say "not set anywhere" (issue 19).
   */
  pending?(auth: AuthModel): NoInfer<O>;
  /** Which outcome, once the variable is known to be set and not blank. */
  verdict(
    auth: AuthModel,
    token: Secret,
    ctx: Context,
  ): NoInfer<O> | { outcome: NoInfer<O>; values: OutcomeValues; plan?: PlanRequest[] };
}

export function credentialVariableCheck<const O extends string>(
  def: CredentialVariableCheck<O>,
): Check<'not-set' | 'blank' | O> {
  const { variable: name, outcomes, verdict, projectNote, pending, ...meta } = def;
  return {
    ...meta,
    outcomes: {
      'not-set': { status: 'pass', summary: `${name} is not set anywhere Claude Code reads it.` },
      ...outcomes,
    } as Record<'not-set' | 'blank' | O, OutcomeSpec>,
    async run(ctx: Context): Promise<Finding<'not-set' | 'blank' | O>> {
      const auth = await authModel(ctx);
      const variable = auth.vars.get(name);
      if (!variable) {
        const later = pending ? await pendingLines(ctx, name) : [];
        if (!pending || later.length === 0) return { outcome: 'not-set' };
        const { evidence, steps } = await whereSet(ctx, name);
        const outcome = pending(auth);
        const removes = (outcomes[outcome].plan ?? []).includes('remove-env-credential');
        return {
          outcome,
          values: { lines: later.map((l) => l.source.slice('file:'.length)).join(', ') },
          evidence,
          ...(removes ? { plan: steps } : {}),
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

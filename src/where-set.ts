import type { Context } from './context.js';
import { envVariables, originsOf, type AuthModel, type Candidate, type EnvDefinition } from './credentials.js';
import type { Evidence, PlanRequest } from './types.js';

const SCOPE_LABEL: Record<EnvDefinition['scope'], string> = {
  process: 'this shell',
  legacy: 'the legacy env block of .claude.json',
  user: 'user settings',
  project: 'project settings',
  local: 'local project settings',
  managed: 'managed settings',
};

export interface WhereSet {
  evidence: Evidence[];
  /** The `remove-env-credential` step for this variable, with a line per place. */
  removal: PlanRequest;
}

/** Every place a variable reaching Claude Code is set, as evidence and as removal steps. */
export async function whereSet(ctx: Context, name: string): Promise<WhereSet> {
  const variable = (await envVariables(ctx)).get(name);
  const evidence: Evidence[] = [];
  const details: string[] = [];
  for (const definition of variable?.definitions ?? []) {
    const shown = definition.text !== undefined ? safeText(definition.text) : `value ending in ${definition.value.fingerprint}`;
    if (definition.scope !== 'process') {
      const file = definition.source.slice('file:'.length).split('#')[0] ?? '';
      evidence.push({ source: definition.source, detail: `${name} set in ${SCOPE_LABEL[definition.scope]} (${shown})` });
      details.push(definition.scope === 'managed'
        ? `${file}: managed settings set ${name}; ask your administrator to remove it`
        : `${file}: remove "${name}" from the "env" block`);
      continue;
    }
    const origins = await originsOf(ctx, name);
    evidence.push({ source: definition.source, detail: `${name} is set in this shell (${shown})` });
    for (const origin of origins) {
      const via = origin.via ? `, sourced from ${origin.via}` : '';
      evidence.push({ source: origin.source, detail: `sets ${name}${origin.value ? '' : ' (computed value)'}${via}` });
      const loaded = origin.loadedBy ? `, loaded by ${origin.loadedBy.slice('file:'.length)}` : '';
      if (loaded) evidence.at(-1)!.detail += loaded;
      details.push(origin.dialect === 'dotenv'
        ? `${ctx.display(origin.path)}:${origin.line}: remove ${name} (${origin.loadedBy ? `direnv loads this file through ${origin.loadedBy.slice('file:'.length)}` : 'a tool loading .env puts it in the environment'})`
        : `${ctx.display(origin.path)}:${origin.line}: delete or comment out the line that sets ${name}`);
    }
    if (origins.length === 0) {
      evidence.push({ source: definition.source, detail: `${name} is in the environment but in no startup file the doctor read: it comes from the parent process (IDE, CI secret, launchctl, a wrapper script)` });
      details.push(`${name} comes from outside your startup files: remove it where it is set (IDE or terminal settings, CI secrets, launchctl, a wrapper script)`);
    }
  }
  return { evidence, removal: { step: 'remove-env-credential', command: unsetCommand(ctx, name), details } };
}

/** Plain values can still hold a password in a URL (`https://user:pass@host`). */
export function safeText(text: string): string {
  return text.replace(/(\w+:\/\/)[^/@\s]*@/g, '$1[redacted]@');
}

export function unsetCommand(ctx: Context, name: string): string {
  if (ctx.platform === 'win32') return `Remove-Item Env:${name}`;
  if ((ctx.env.SHELL ?? '').endsWith('fish')) return `set -e ${name}`;
  return `unset ${name}`;
}

/**
 * `claude auth status` ignores credential variables that only project settings set, while
 * sessions started in the project use them (measured on 2.1.331); say so where it matters.
 */
export function projectOnlyNote(auth: AuthModel, method: Candidate['method']): Evidence | null {
  const candidate = auth.candidates.find((c) => c.method === method);
  if (!candidate?.ignoredByAuthStatus) return null;
  return {
    source: candidate.source,
    detail: 'set only in project settings: sessions started in this project use it, but `claude auth status` does not show it',
  };
}

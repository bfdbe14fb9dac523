import type { AuthModel, Candidate } from './credentials.js';
import type { Evidence } from './types.js';

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

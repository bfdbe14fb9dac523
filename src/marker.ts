// The line `fix` writes above a line it comments out. Fix mode writes it; the model reads it to
// tell a terminal older than the fix from a variable set elsewhere (where-set.ts).

/** The part of the marker the doctor looks for later, to tell a line `fix` disabled. */
export function markerText(name: string): string {
  return `commented out the next line, it set ${name}; undo: claude-auth-doctor fix --undo`;
}

export function markerLine(name: string, date: string): string {
  return `# claude-auth-doctor ${date}: ${markerText(name)}`;
}

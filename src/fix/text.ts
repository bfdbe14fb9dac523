/** A planned change to one file's text, or why it cannot be made safely. */
export type TextEdit = { ok: true; text: string } | { ok: false; reason: string };

export interface Line {
  text: string;
  /** `\n`, `\r\n` or `` for a last line without one. */
  eol: string;
}

/** Lines with their own endings, so joining them gives the text back byte for byte. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r?\n/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({ text: text.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

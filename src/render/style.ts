import type { Status } from '../types.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  status(status: Status, text: string): string;
}

const CODES: Record<Status | 'bold' | 'dim', [number, number]> = {
  pass: [32, 39],
  warn: [33, 39],
  fail: [31, 39],
  error: [35, 39],
  skip: [90, 39],
  bold: [1, 22],
  dim: [2, 22],
};

export function makeStyle(color: boolean): Style {
  const paint = (key: keyof typeof CODES) => (text: string) => {
    const [open, close] = CODES[key];
    return color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  };
  return {
    bold: paint('bold'),
    dim: paint('dim'),
    status: (status, text) => paint(status)(text),
  };
}

export const ICON: Record<Status, string> = {
  pass: '✔',
  warn: '!',
  fail: '✖',
  skip: '-',
  error: '✖',
};

/** Colour only when allowed: `--no-color`, NO_COLOR and FORCE_COLOR=0 turn it off, pipes too. */
export function wantsColor(
  flag: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  if (
    flag === false ||
    (env.NO_COLOR !== undefined && env.NO_COLOR !== '') ||
    env.FORCE_COLOR === '0'
  )
    return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return true;
  return isTTY && env.TERM !== 'dumb';
}

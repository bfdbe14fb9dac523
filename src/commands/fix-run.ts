import type { ContextInit } from '../context.js';
import type { WriteOps } from '../fix/atomic.js';
import { fixEvents, type FixEngineOptions } from '../fix/fix.js';
import type { Ask } from '../fix/prompt.js';
import { fixView, questionText, renderFixEvent } from '../render/fix.js';
import type { Terminal } from '../render/style.js';

// `fix` wired up: the engine's events rendered as they come, its questions asked here.

export interface FixOptions extends FixEngineOptions {
  color: boolean;
  /** What the terminal shows (colour, Unicode, width); plain text with `color` alone. */
  terminal?: Terminal;
}

export interface FixIo {
  stdout(text: string): void;
  /** null when there is no terminal to ask on. */
  ask: Ask | null;
  /** Tests replace the final rename to fail a write in the middle. */
  writeOps?: WriteOps;
}

/** Runs the fix engine, printing each event; resolves to the exit code. */
export async function runFix(
  world: Omit<ContextInit, 'options'>,
  options: FixOptions,
  io: FixIo,
): Promise<number> {
  const view = fixView(options.terminal ?? options.color);
  const { ask } = io;
  const events = fixEvents(world, options, {
    ask: ask ? (question) => ask(questionText(question)) : null,
    ...(io.writeOps ? { writeOps: io.writeOps } : {}),
  });
  for (;;) {
    const next = await events.next();
    if (next.done) return next.value;
    const text = renderFixEvent(next.value, view);
    if (text) io.stdout(text);
  }
}

// Several `claude` installs at once is a common cause of "I updated but nothing changed"
// (facts file, section 1; anthropics/claude-code#2561: an old bun copy shadowing a new one).
// Paths that lead to the same file count once (#53432), see claudeInstalls.
import path from 'node:path';
import { defineCheck, type Context } from '../src/check.js';
import {
  chooseInstall,
  claudeInstalls,
  removeCommand,
  type FoundInstall,
} from '../src/sources/claude-install.js';
import { windowsFirst, WSL_OUTCOMES } from '../src/wsl-installs.js';
import type { Evidence } from '../src/types.js';

export default defineCheck({
  id: 'multiple-installs',
  title: 'Claude Code installations',
  description:
    'Every `claude` on PATH and in the known install locations, with version and install method, which one runs, and which to remove when there are several.',
  explain: {
    why: 'With several `claude` installs, updating or reinstalling one leaves the one that runs as it was, so an old version, with sign-in bugs newer ones fixed, keeps running: "I updated but nothing changed".',
    docs: 'https://code.claude.com/docs/en/setup',
  },
  outcomes: {
    none: {
      status: 'skip',
      summary: 'No Claude Code installation was found (see stale-version).',
    },
    one: { status: 'pass', summary: 'One Claude Code installation: {install}.' },
    'one-off-path': {
      status: 'warn',
      summary: 'Claude Code is installed at {path}, but no `claude` is on PATH.',
      fix: 'Add {dir} to PATH in your shell startup file, then open a new terminal.',
      plan: ['restart-terminal', 'verify'],
    },
    ...WSL_OUTCOMES,
    several: {
      status: 'warn',
      summary:
        '{count} Claude Code installations: {why}. Updating one leaves the others as they are.',
      fix: [
        'Keep {keep} and remove the others, so the copy you update is the one that runs.',
        'Remove {removals}.',
        'Then add {addToPath} to PATH.',
        'Then open a new terminal (shells remember where they found a command).',
      ],
      plan: ['remove-extra-installs', 'restart-terminal', 'verify'],
    },
  },
  async run(ctx) {
    const all = await claudeInstalls(ctx);
    const evidence = all.map((install) => describe(ctx, install, all));
    const kept = await nativeVersionsNote(ctx);
    if (kept) evidence.push(kept);
    if (all.length === 0) return { outcome: 'none', evidence };

    // Windows' installs seen from WSL are not copies to remove from here.
    const installs = all.filter((i) => !i.windows);
    const windows = windowsFirst(ctx, all, (i) => label(ctx, i));
    if (windows) return { ...windows, evidence };

    const running = installs.find((i) => i.pathIndex === 0);
    if (installs.length === 1) {
      const [only] = installs as [FoundInstall];
      if (running) return { outcome: 'one', values: { install: label(ctx, only) }, evidence };
      const values = { path: ctx.display(only.path), dir: ctx.display(path.dirname(only.path)) };
      return { outcome: 'one-off-path', values, evidence };
    }

    const keep = chooseInstall(installs)!;
    const remove = installs.filter((i) => i !== keep);
    const why =
      running && running !== keep
        ? `${label(ctx, running)} runs, but ${label(ctx, keep)} is newer`
        : `${label(ctx, keep)} runs`;
    const values = {
      count: installs.length,
      why,
      keep: ctx.display(keep.path),
      removals: remove.map((i) => `${label(ctx, i)}: \`${removeCommand(ctx, i)}\``),
      addToPath: keep.pathIndex === null ? [ctx.display(path.dirname(keep.path))] : [],
    };
    const locations = remove.map((i) => ({
      kind: 'by-hand' as const,
      text: `${label(ctx, i)}: ${removeCommand(ctx, i)}`,
    }));
    return {
      outcome: 'several',
      values,
      evidence,
      plan: [{ step: 'remove-extra-installs', locations }],
    };
  },
});

function label(ctx: Context, install: FoundInstall): string {
  return `${ctx.display(install.path)} (${install.method}, ${install.version ?? 'version unknown'})`;
}

function describe(ctx: Context, install: FoundInstall, all: FoundInstall[]): Evidence {
  const where =
    install.pathIndex === 0
      ? 'runs: first on PATH'
      : install.pathIndex !== null
        ? `on PATH but shadowed by ${ctx.display(all.find((i) => i.pathIndex === 0)!.path)}`
        : 'not on PATH (a known install location)';
  const version = install.version
    ? `version ${install.version}`
    : `version unknown: ${install.versionProblem}`;
  const aliases = install.paths.slice(1).map((p) => ctx.display(p));
  const real = install.realPath !== install.path ? `; really ${ctx.display(install.realPath)}` : '';
  const also = aliases.length ? `; also reached as ${aliases.join(', ')} (the same install)` : '';
  const side = install.windows ? "; Windows' own install, reached through WSL's Windows PATH" : '';
  return {
    source: `file:${ctx.display(install.path)}`,
    detail: `${install.method} install, ${version}, ${where}${real}${also}${side}`,
  };
}

/** The native installer keeps old versions beside the launcher; they are not installs. */
async function nativeVersionsNote(ctx: Context): Promise<Evidence | null> {
  const dir = path.join(
    ctx.env.XDG_DATA_HOME || path.join(ctx.home, '.local', 'share'),
    'claude',
    'versions',
  );
  const versions = (await ctx.listDir(dir)).filter((v) => !v.startsWith('.'));
  // One version is just the launcher's target, already shown as its real path.
  if (versions.length < 2) return null;
  return {
    source: `file:${ctx.display(dir)}`,
    detail: `the native installer keeps ${versions.length} versions here (${versions.join(', ')}); only the launcher runs, they are not separate installs`,
  };
}

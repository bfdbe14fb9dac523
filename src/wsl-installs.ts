import path from 'node:path';
import type { Context } from './context.js';
import { chooseInstall, type FoundInstall } from './sources/claude-install.js';
import type { OutcomeSpec } from './types.js';

export const WSL_OUTCOMES = {
  // anthropics/claude-code#107, #1298: WSL imports the Windows PATH, so Windows' own claude
  // can run before the Linux one. It belongs to Windows: explained, never deleted from WSL.
  'windows-first-under-wsl': {
    status: 'warn',
    summary:
      "Under WSL, Windows' own Claude Code ({windows}, reached through WSL's imported Windows PATH) runs before the Linux install {linux}.",
    fix: [
      'Put {linuxDir} first on PATH in your shell startup file (`export PATH="{linuxDir}:$PATH"`), then open a new terminal.',
      'Or stop WSL importing the Windows PATH: add `[interop]` and `appendWindowsPath = false` to /etc/wsl.conf, then run `wsl --shutdown` from Windows.',
      'Leave the Windows install alone: it is what Windows terminals use.',
    ],
    plan: ['restart-terminal', 'verify'],
  },
  'windows-only-under-wsl': {
    status: 'warn',
    summary:
      "Under WSL, the only Claude Code is Windows' own ({windows}, reached through WSL's imported Windows PATH); it does not run as a Linux program.",
    fix: 'Install Claude Code inside WSL (`curl -fsSL https://claude.ai/install.sh | bash`); leave the Windows install for Windows terminals.',
    plan: ['install', 'verify'],
  },
} satisfies Record<string, OutcomeSpec>;

/** When Windows' own claude runs first under WSL: which outcome, with its values. */
export function windowsFirst(
  ctx: Context,
  all: FoundInstall[],
  label: (install: FoundInstall) => string,
):
  | { outcome: 'windows-only-under-wsl'; values: { windows: string } }
  | { outcome: 'windows-first-under-wsl'; values: Record<string, string> }
  | null {
  const windows = all.find((i) => i.windows && i.pathIndex === 0);
  if (!windows) return null;
  const linux = chooseInstall(all.filter((i) => !i.windows));
  if (!linux)
    return { outcome: 'windows-only-under-wsl', values: { windows: ctx.display(windows.path) } };
  return {
    outcome: 'windows-first-under-wsl',
    values: {
      windows: ctx.display(windows.path),
      linux: label(linux),
      linuxDir: ctx.display(path.dirname(linux.path)),
    },
  };
}

import { linkSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../checks/multiple-installs.js';
import type { CheckResult } from '../../src/types.js';
import { coversEveryOutcome, planSteps, runCheck } from '../helpers/check.js';
import { makeFixture, writeFakeClaude, type Fixture } from '../helpers/fixture.js';
import {
  bunInstall,
  link,
  localInstall,
  nativeInstall,
  npmGlobalInstall,
} from '../helpers/installs.js';
import { windowsShimFirstUnderWsl } from '../helpers/scenarios.js';

type Layout = (f: Fixture) => { path: string[]; env?: Record<string, string> };

const bin = (f: Fixture, ...dirs: string[]) => dirs.map((d) => path.join(f.home, d));

coversEveryOutcome(check);

const CASES: Array<{
  name: string;
  layout: Layout;
  outcome: string;
  values?: object;
  remove?: string[];
}> = [
  {
    name: 'one native install (kept versions are not installs)',
    layout: (f) => {
      nativeInstall(f.home, '2.1.331', ['2.1.300']);
      return { path: bin(f, '.local/bin') };
    },
    outcome: 'one',
    values: { install: '~/.local/bin/claude (native, 2.1.331)' },
  },
  {
    name: 'npm prefix ~/.local: the launcher location and the npm bin are one install',
    layout: (f) => {
      npmGlobalInstall(path.join(f.home, '.local'), '2.1.331');
      // The same directory reached twice on PATH, through a symlinked alias.
      symlinkSync(path.join(f.home, '.local', 'bin'), path.join(f.home, 'bin'));
      return {
        path: bin(f, 'bin', '.local/bin'),
        env: { npm_config_prefix: path.join(f.home, '.local') },
      };
    },
    outcome: 'one',
    values: { install: '~/bin/claude (npm-global, 2.1.331)' },
  },
  {
    name: 'a hard link to the same binary',
    layout: (f) => {
      const file = writeFakeClaude(path.join(f.home, 'a'), { version: '2.1.331' });
      mkdirSync(path.join(f.home, 'b'));
      linkSync(file, path.join(f.home, 'b', 'claude'));
      return { path: bin(f, 'a', 'b') };
    },
    outcome: 'one',
  },
  {
    name: 'an old bun copy shadowing a newer native install',
    layout: (f) => {
      bunInstall(f.home, '2.1.100');
      nativeInstall(f.home, '2.1.331');
      return { path: bin(f, '.bun/bin', '.local/bin') };
    },
    outcome: 'several',
    values: {
      count: 2,
      why: '~/.bun/bin/claude (bun, 2.1.100) runs, but ~/.local/bin/claude (native, 2.1.331) is newer',
    },
    remove: ['bun remove -g @anthropic-ai/claude-code'],
  },
  {
    name: "an npm global copy under Node's own prefix, off PATH (prefix derived from the Node executable)",
    layout: (f) => {
      npmGlobalInstall(path.join(f.root, 'node'), '2.1.197');
      nativeInstall(f.home, '2.1.331');
      // No npm_config_prefix: npm's prefix is then Node's own (<root>/node/bin/node).
      return { path: bin(f, '.local/bin'), env: { npm_config_prefix: '' } };
    },
    outcome: 'several',
    values: { count: 2, why: '~/.local/bin/claude (native, 2.1.331) runs' },
    remove: ['npm uninstall -g @anthropic-ai/claude-code --prefix "<root>/node"'],
  },
  {
    name: 'a legacy local install next to a native one',
    layout: (f) => {
      nativeInstall(f.home, '2.1.331');
      localInstall(f.home, '2.1.331');
      return { path: bin(f, '.local/bin') };
    },
    outcome: 'several',
    values: { count: 2, why: '~/.local/bin/claude (native, 2.1.331) runs' },
    remove: ['rm -rf ~/.claude/local'],
  },
  {
    name: 'a newer Homebrew cask behind an npm install',
    layout: (f) => {
      npmGlobalInstall(path.join(f.root, 'npm-global'), '2.1.200');
      const cask = writeFakeClaude(
        path.join(f.system, 'opt', 'homebrew', 'Caskroom', 'claude-code', '2.1.331'),
        { version: '2.1.331' },
      );
      link(cask, path.join(f.system, 'opt', 'homebrew', 'bin', 'claude'));
      return {
        path: [
          path.join(f.root, 'npm-global', 'bin'),
          path.join(f.system, 'opt', 'homebrew', 'bin'),
        ],
      };
    },
    outcome: 'several',
    values: {
      why: expect.stringMatching(
        /\(npm-global, 2\.1\.200\) runs, but .*opt\/homebrew\/bin\/claude \(homebrew, 2\.1\.331\) is newer$/,
      ),
    },
    remove: ['npm uninstall -g @anthropic-ai/claude-code --prefix "<root>/npm-global"'],
  },
  {
    name: 'installed but not on PATH',
    layout: (f) => {
      nativeInstall(f.home, '2.1.331');
      return { path: [f.bin] };
    },
    outcome: 'one-off-path',
    values: { path: '~/.local/bin/claude', dir: '~/.local/bin' },
  },
  {
    name: 'nothing installed',
    layout: (f) => ({ path: [f.bin] }),
    outcome: 'none',
  },
];

describe('multiple-installs', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_, { layout, outcome, values, remove }) => {
      const fixture = makeFixture({ claude: null });
      const { path: dirs, env } = layout(fixture);
      const ctx = fixture.context({ env: { ...fixture.env, ...env, PATH: dirs.join(':') } });
      const result = await runCheck(check, ctx);
      expect(result.outcome).toBe(outcome);
      expect(result.values ?? {}).toMatchObject(values ?? {});
      if (remove) {
        expect(planSteps(result)).toEqual(['remove-extra-installs', 'restart-terminal', 'verify']);
        const details = byHand(result);
        expect(details.map((d) => d.split(': ').slice(1).join(': '))).toEqual(
          remove.map((r) => r.replace('<root>', fixture.root)),
        );
      }
    },
  );

  it('says which paths are the same install and that kept native versions are not installs', async () => {
    const fixture = makeFixture({ claude: null });
    nativeInstall(fixture.home, '2.1.331', ['2.1.300']);
    symlinkSync(path.join(fixture.home, '.local', 'bin'), path.join(fixture.home, 'bin'));
    const ctx = fixture.context({
      env: { ...fixture.env, PATH: bin(fixture, '.local/bin', 'bin').join(':') },
    });
    const result = await runCheck(check, ctx);
    expect(result.status).toBe('pass');
    expect(result.evidence?.[0]?.detail).toBe(
      'native install, version 2.1.331, runs: first on PATH; really ~/.local/share/claude/versions/2.1.331; also reached as ~/bin/claude (the same install)',
    );
    expect(result.evidence?.[1]).toEqual({
      source: 'file:~/.local/share/claude/versions',
      detail:
        'the native installer keeps 2 versions here (2.1.300, 2.1.331); only the launcher runs, they are not separate installs',
    });
  });

  it('names the install that runs and the shadowed one in the evidence', async () => {
    const fixture = makeFixture({ claude: null });
    bunInstall(fixture.home, '2.1.100');
    nativeInstall(fixture.home, '2.1.331');
    const ctx = fixture.context({
      env: { ...fixture.env, PATH: bin(fixture, '.bun/bin', '.local/bin').join(':') },
    });
    const result = await runCheck(check, ctx);
    expect(
      result.evidence?.map((e) => [e.source, e.detail.split(', ').slice(0, 3).join(', ')]),
    ).toEqual([
      [
        'file:~/.bun/bin/claude',
        'bun install, version 2.1.100, runs: first on PATH; really ~/.bun/install/global/node_modules/@anthropic-ai/claude-code/bin/claude.exe',
      ],
      [
        'file:~/.local/bin/claude',
        'native install, version 2.1.331, on PATH but shadowed by ~/.bun/bin/claude; really ~/.local/share/claude/versions/2.1.331',
      ],
    ]);
    expect(result.fix?.[1]).toBe(
      'Remove ~/.bun/bin/claude (bun, 2.1.100): `bun remove -g @anthropic-ai/claude-code`.',
    );
  });
});

describe('multiple-installs on Windows locations', () => {
  it('finds a winget install off PATH next to an npm shim on PATH', async () => {
    const fixture = makeFixture({ claude: null });
    const appData = path.join(fixture.root, 'AppData', 'Roaming');
    const localAppData = path.join(fixture.root, 'AppData', 'Local');
    const npmDir = path.join(appData, 'npm');
    writeFakeClaude(npmDir, { version: '2.1.200' }, 'claude.cmd');
    const pkg = writeFakeClaude(
      path.join(localAppData, 'Microsoft', 'WinGet', 'Packages', 'Anthropic.ClaudeCode'),
      { version: '2.1.331' },
      'claude.exe',
    );
    link(pkg, path.join(localAppData, 'Microsoft', 'WinGet', 'Links', 'claude.exe'));
    const env = {
      USERPROFILE: fixture.home,
      Path: npmDir,
      APPDATA: appData,
      LOCALAPPDATA: localAppData,
      npm_config_prefix: npmDir,
    };
    const result = await runCheck(check, fixture.context({ platform: 'win32', env }));
    expect(result.outcome).toBe('several');
    expect(result.values?.why).toMatch(
      /^.*npm[\\/]claude\.cmd \(npm-global, 2\.1\.200\) runs, but .*claude\.exe \(winget, 2\.1\.331\) is newer$/,
    );
    expect(byHand(result)[0]).toMatch(/: npm uninstall -g @anthropic-ai\/claude-code$/);
  });
});

// anthropics/claude-code#107, #1298: WSL imports the Windows PATH.
describe("multiple-installs: Windows' claude seen from WSL", () => {
  it('first on PATH before the Linux install: explained, nothing to delete', async () => {
    const fixture = windowsShimFirstUnderWsl();
    const result = await runCheck(check, fixture.context());
    expect(result).toMatchObject({ status: 'warn', outcome: 'windows-first-under-wsl' });
    expect(planSteps(result)).toEqual(['restart-terminal', 'verify']);
    expect(result.fix?.join('\n')).toContain('appendWindowsPath = false');
  });

  it('the only claude: install one inside WSL', async () => {
    const fixture = makeFixture({
      system: { 'proc/version': 'Linux version 5.15.167.4-microsoft-standard-WSL2\n' },
      claude: null,
    });
    const shim = writeFakeClaude(
      path.join(fixture.system, 'mnt', 'c', 'Users', 'ada', 'AppData', 'Roaming', 'npm'),
      { version: '2.1.197' },
    );
    const env = { ...fixture.env, PATH: path.dirname(shim) };
    const result = await runCheck(check, fixture.context({ env }));
    expect(result).toMatchObject({ status: 'warn', outcome: 'windows-only-under-wsl' });
    expect(planSteps(result)).toEqual(['install', 'verify']);
  });
});

/** The removal commands the plan leaves to the user (by-hand locations). */
function byHand(result: CheckResult): string[] {
  return (result.plan?.[0]?.locations ?? []).map((l) => (l.kind === 'by-hand' ? l.text : ''));
}

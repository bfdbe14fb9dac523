import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  claudeInstalls,
  removeCommand,
  runningClaude,
  updateCommandFor,
} from '../../src/sources/claude-install.js';
import { makeFixture, writeFakeClaude, writeFiles } from '../helpers/fixture.js';
import { bunInstall, link, npmGlobalInstall } from '../helpers/installs.js';

// Plan commands derived from where the install really is (issue 19).
describe('install method and the commands that fit it', () => {
  // anthropics/claude-code#2561: an old bun copy first on PATH. With BUN_INSTALL outside ~/.bun
  // its package path looked like npm's, and `npm uninstall -g` removed the npm copy instead.
  it('a bun install under a custom BUN_INSTALL is bun, removed and updated with bun', async () => {
    const fixture = makeFixture({ claude: null });
    const bunHome = path.join(fixture.root, 'opt', 'bun');
    const pkg = path.join(
      bunHome,
      'install',
      'global',
      'node_modules',
      '@anthropic-ai',
      'claude-code',
    );
    const target = writeFakeClaude(path.join(pkg, 'bin'), { version: '2.1.197' }, 'claude.exe');
    link(target, path.join(bunHome, 'bin', 'claude'));
    const ctx = fixture.context({
      env: { ...fixture.env, BUN_INSTALL: bunHome, PATH: path.join(bunHome, 'bin') },
    });
    const install = (await runningClaude(ctx))!;
    expect(install.method).toBe('bun');
    expect(removeCommand(ctx, install)).toBe('bun remove -g @anthropic-ai/claude-code');
    expect(await updateCommandFor(ctx, install)).toBe(
      'bun add -g @anthropic-ai/claude-code@latest',
    );
  });

  it('the default ~/.bun layout is bun too', async () => {
    const fixture = makeFixture({ claude: null });
    bunInstall(fixture.home, '2.1.197');
    const ctx = fixture.context({
      env: { ...fixture.env, PATH: path.join(fixture.home, '.bun', 'bin') },
    });
    expect((await runningClaude(ctx))!.method).toBe('bun');
  });

  // anthropics/devcontainer-features#27: the copy that runs lives under another prefix than
  // npm's configured one, so a plain `npm install -g` updates a copy that does not run.
  it('an npm install outside the configured prefix is updated and removed with its own --prefix', async () => {
    const fixture = makeFixture({ claude: null });
    const nvm = path.join(fixture.root, 'nvm', 'versions', 'node', 'v22.20.0');
    npmGlobalInstall(nvm, '2.1.300');
    const ctx = fixture.context({ env: { ...fixture.env, PATH: path.join(nvm, 'bin') } });
    const install = (await runningClaude(ctx))!;
    expect(install.method).toBe('npm-global');
    expect(install.prefix).toBe(nvm);
    expect(await updateCommandFor(ctx, install)).toBe(
      `npm install -g @anthropic-ai/claude-code@latest --prefix "${nvm}"`,
    );
    expect(removeCommand(ctx, install)).toBe(
      `npm uninstall -g @anthropic-ai/claude-code --prefix "${nvm}"`,
    );
  });

  it('an npm install in the configured prefix keeps the plain command', async () => {
    const fixture = makeFixture({ claude: null });
    const prefix = fixture.env.npm_config_prefix!;
    npmGlobalInstall(prefix, '2.1.300');
    const ctx = fixture.context({ env: { ...fixture.env, PATH: path.join(prefix, 'bin') } });
    expect(await updateCommandFor(ctx, (await runningClaude(ctx))!)).toBe(
      'npm install -g @anthropic-ai/claude-code@latest',
    );
  });

  // anthropics/claude-code#107, #1298: WSL imports the Windows PATH, so Windows' npm shim can
  // come first. It is Windows' install: never a file to delete from inside WSL.
  it('under WSL, a Windows claude reached through /mnt/c is marked as Windows, not deleted', async () => {
    const fixture = makeFixture({ claude: null });
    writeFiles(fixture.system, {
      'proc/version': 'Linux version 5.15.167.4-microsoft-standard-WSL2 (root@1234) #1 SMP\n',
    });
    const shimDir = path.join(
      fixture.system,
      'mnt',
      'c',
      'Users',
      'ada',
      'AppData',
      'Roaming',
      'npm',
    );
    writeFakeClaude(shimDir, { version: '2.1.197' });
    const linux = writeFakeClaude(path.join(fixture.home, '.local', 'bin'), { version: '2.1.331' });
    const ctx = fixture.context({
      env: { ...fixture.env, PATH: `${shimDir}:${path.dirname(linux)}` },
    });
    const installs = await claudeInstalls(ctx);
    const windows = installs.find((i) => i.path.startsWith(shimDir))!;
    expect(windows.windows).toBe(true);
    expect(removeCommand(ctx, windows)).not.toMatch(/^rm /);
    expect(installs.find((i) => i.path === linux)!.windows).toBeUndefined();
  });
});

import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { writeFakeClaude, writeFiles } from './fixture.js';

// Fake Claude Code installs laid out the way each installer leaves them (facts file,
// section 1). Each `claude` is a shell script printing its version; nothing real is touched.

/** Native installer: ~/.local/bin/claude -> ~/.local/share/claude/versions/<version>. */
export function nativeInstall(home: string, version: string, keep: string[] = []): string {
  const versions = path.join(home, '.local', 'share', 'claude', 'versions');
  for (const old of keep) writeFakeClaude(versions, { version: old }, old);
  const target = writeFakeClaude(versions, { version }, version);
  return link(target, path.join(home, '.local', 'bin', 'claude'));
}

/**
 * npm global: <prefix>/bin/claude -> <prefix>/lib/node_modules/@anthropic-ai/claude-code/bin/claude.exe,
 * with the package.json that names the version's engines.
 */
export function npmGlobalInstall(prefix: string, version: string, engine?: string): string {
  const pkg = path.join(prefix, 'lib', 'node_modules', '@anthropic-ai', 'claude-code');
  writeFiles(pkg, {
    'package.json': {
      name: '@anthropic-ai/claude-code',
      version,
      ...(engine ? { engines: { node: engine } } : {}),
    },
  });
  const target = writeFakeClaude(path.join(pkg, 'bin'), { version }, 'claude.exe');
  return link(target, path.join(prefix, 'bin', 'claude'));
}

/** The legacy local install: ~/.claude/local/node_modules/.bin/claude. */
export function localInstall(home: string, version: string): string {
  const pkg = path.join(home, '.claude', 'local', 'node_modules', '@anthropic-ai', 'claude-code');
  const target = writeFakeClaude(path.join(pkg, 'bin'), { version }, 'claude.exe');
  return link(target, path.join(home, '.claude', 'local', 'node_modules', '.bin', 'claude'));
}

/** bun global: ~/.bun/bin/claude -> ~/.bun/install/global/node_modules/@anthropic-ai/claude-code/bin/claude.exe. */
export function bunInstall(home: string, version: string): string {
  const pkg = path.join(
    home,
    '.bun',
    'install',
    'global',
    'node_modules',
    '@anthropic-ai',
    'claude-code',
  );
  const target = writeFakeClaude(path.join(pkg, 'bin'), { version }, 'claude.exe');
  return link(target, path.join(home, '.bun', 'bin', 'claude'));
}

export function link(target: string, at: string): string {
  mkdirSync(path.dirname(at), { recursive: true });
  symlinkSync(target, at);
  return at;
}

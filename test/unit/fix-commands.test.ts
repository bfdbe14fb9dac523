import { describe, expect, it } from 'vitest';
import { commandArgvs } from '../../src/fix/commands.js';

describe('commandArgvs', () => {
  it.each([
    ['claude auth logout', [['claude', 'auth', 'logout']]],
    ['claude update', [['claude', 'update']]],
    [
      'npm install -g @anthropic-ai/claude-code@latest',
      [['npm', 'install', '-g', '@anthropic-ai/claude-code@latest']],
    ],
    [
      'claude update; brew upgrade --cask claude-code',
      [
        ['claude', 'update'],
        ['brew', 'upgrade', '--cask', 'claude-code'],
      ],
    ],
  ])('runs %s as plain words', (command, argvs) => {
    expect(commandArgvs(command)).toEqual(argvs);
  });

  it.each([
    'sudo apt-get update && sudo apt-get install --only-upgrade claude-code',
    'curl -fsSL https://example.com/install.sh | bash',
    'echo "$HOME"',
    'claude',
    '',
  ])('leaves %j to the user', (command) => {
    expect(commandArgvs(command)).toBeNull();
  });
});

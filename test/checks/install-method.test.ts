import path from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../checks/install-method.js';
import { coversEveryOutcome, planSteps, runCheck } from '../helpers/check.js';
import { makeFixture, writeFakeClaude, type Fixture } from '../helpers/fixture.js';
import { link, nativeInstall, npmGlobalInstall } from '../helpers/installs.js';

type Setup = (f: Fixture) => string[];

const native: Setup = (f) => {
  nativeInstall(f.home, '2.1.331');
  return [path.join(f.home, '.local', 'bin')];
};
const npmGlobal: Setup = (f) => {
  npmGlobalInstall(path.join(f.root, 'npm-global'), '2.1.331');
  return [path.join(f.root, 'npm-global', 'bin')];
};
const homebrew: Setup = (f) => {
  const cask = writeFakeClaude(
    path.join(f.system, 'opt', 'homebrew', 'Caskroom', 'claude-code', '2.1.331'),
    { version: '2.1.331' },
  );
  link(cask, path.join(f.system, 'opt', 'homebrew', 'bin', 'claude'));
  return [path.join(f.system, 'opt', 'homebrew', 'bin')];
};
const plain: Setup = (f) => {
  writeFakeClaude(f.bin, {});
  return [f.bin];
};
const none: Setup = (f) => [f.bin];

coversEveryOutcome(check);

describe('install-method', () => {
  it.each([
    [
      'native, recorded native',
      native,
      'native',
      'fits',
      { label: 'a native install', command: 'claude update', note: '' },
      undefined,
    ],
    [
      'native, nothing recorded',
      native,
      undefined,
      'fits',
      { label: 'a native install', command: 'claude update', note: '' },
      undefined,
    ],
    [
      'native, recorded "unknown"',
      native,
      'unknown',
      'fits',
      { label: 'a native install', command: 'claude update', note: '' },
      undefined,
    ],
    [
      'npm global, recorded global',
      npmGlobal,
      'global',
      'fits',
      {
        label: 'an npm global install',
        command: 'npm install -g @anthropic-ai/claude-code@latest',
      },
      undefined,
    ],
    [
      'npm global, recorded native',
      npmGlobal,
      'native',
      'mismatch',
      { config: '~/.claude.json', recorded: 'native', label: 'an npm global install' },
      'npm install -g @anthropic-ai/claude-code@latest',
    ],
    [
      'native, recorded global',
      native,
      'global',
      'mismatch',
      { config: '~/.claude.json', recorded: 'global', label: 'a native install' },
      'claude update',
    ],
    [
      'Homebrew',
      homebrew,
      'native',
      'fits',
      {
        label: 'a Homebrew install',
        command: 'brew upgrade --cask claude-code',
        note: ' Claude Code does not update it by itself.',
      },
      undefined,
    ],
    ['an unknown location', plain, 'native', 'unknown-method', {}, undefined],
    ['no claude at all', none, 'native', 'no-claude', {}, undefined],
  ] as const)('%s', async (_, setup, recorded, outcome, values, updateWith) => {
    const fixture = makeFixture({
      claude: null,
      home: { '.claude.json': recorded ? { installMethod: recorded } : {} },
    });
    const dirs = setup(fixture);
    const result = await runCheck(
      check,
      fixture.context({ env: { ...fixture.env, PATH: dirs.join(':') } }),
    );
    expect(result.outcome).toBe(outcome);
    expect(result.values ?? {}).toMatchObject(values);
    if (updateWith) {
      expect(planSteps(result)).toEqual(['update', 'verify']);
      expect(result.plan?.[0]?.command).toBe(updateWith);
      expect(result.evidence?.map((e) => e.source)).toEqual([
        expect.stringMatching(/^file:.*claude$/),
        'file:~/.claude.json#installMethod',
      ]);
    }
  });
});

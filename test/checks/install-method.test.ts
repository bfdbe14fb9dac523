import path from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../checks/install-method.js';
import { planSteps, runCheck } from '../helpers/check.js';
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

describe('install-method', () => {
  it.each([
    [
      'native, recorded native',
      native,
      'native',
      'pass',
      'claude runs from a native install; update it with `claude update`.',
      undefined,
    ],
    [
      'native, nothing recorded',
      native,
      undefined,
      'pass',
      'claude runs from a native install; update it with `claude update`.',
      undefined,
    ],
    [
      'native, recorded "unknown"',
      native,
      'unknown',
      'pass',
      'claude runs from a native install; update it with `claude update`.',
      undefined,
    ],
    [
      'npm global, recorded global',
      npmGlobal,
      'global',
      'pass',
      'claude runs from an npm global install; update it with `npm install -g @anthropic-ai/claude-code@latest`.',
      undefined,
    ],
    [
      'npm global, recorded native',
      npmGlobal,
      'native',
      'warn',
      '~/.claude.json says installMethod "native", but the claude that runs is an npm global install',
      'npm install -g @anthropic-ai/claude-code@latest',
    ],
    [
      'native, recorded global',
      native,
      'global',
      'warn',
      '~/.claude.json says installMethod "global", but the claude that runs is a native install',
      'claude update',
    ],
    [
      'Homebrew',
      homebrew,
      'native',
      'pass',
      'claude runs from a Homebrew install; update it with `brew upgrade --cask claude-code`. Claude Code does not update it by itself.',
      undefined,
    ],
    ['an unknown location', plain, 'native', 'pass', 'Could not tell how', undefined],
    ['no claude at all', none, 'native', 'skip', 'No `claude` is on PATH', undefined],
  ] as const)('%s', async (_, setup, recorded, status, summary, updateWith) => {
    const fixture = makeFixture({
      claude: null,
      home: { '.claude.json': recorded ? { installMethod: recorded } : {} },
    });
    const dirs = setup(fixture);
    const result = await runCheck(
      check,
      fixture.context({ env: { ...fixture.env, PATH: dirs.join(':') } }),
    );
    expect(result.status).toBe(status);
    expect(result.summary).toContain(summary);
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

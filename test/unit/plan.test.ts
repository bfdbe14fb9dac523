import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan.js';
import { MAX_ITEMS } from '../../src/run.js';
import type { Location } from '../../src/types.js';

describe('buildPlan', () => {
  it('is empty when nothing asks for a step', () => {
    expect(buildPlan([{ checkId: 'a', requests: [] }], { expect: 'subscription' })).toEqual([]);
  });

  it('orders steps by the fixed order, merges duplicates and remembers who asked', () => {
    const plan = buildPlan(
      [
        {
          checkId: 'subscription-login',
          requests: [{ step: 'login' }, { step: 'logout' }, { step: 'restart-terminal' }],
        },
        {
          checkId: 'api-key-env',
          requests: [
            {
              step: 'remove-env-credential',
              command: 'unset ANTHROPIC_API_KEY',
              locations: [{ kind: 'by-hand', text: '~/.zshrc:4: delete' }],
            },
            { step: 'restart-terminal' },
          ],
        },
        {
          checkId: 'stale-version',
          requests: [
            { step: 'update', command: 'npm install -g @anthropic-ai/claude-code@latest' },
          ],
        },
      ],
      { expect: 'subscription' },
    );
    expect(plan.map((s) => s.id)).toEqual([
      'remove-env-credential',
      'logout',
      'update',
      'restart-terminal',
      'login',
      'verify',
    ]);
    expect(plan[0]).toMatchObject({
      command: 'unset ANTHROPIC_API_KEY',
      details: ['~/.zshrc:4: delete'],
      because: ['api-key-env'],
    });
    expect(plan[2]?.command).toBe('npm install -g @anthropic-ai/claude-code@latest');
    expect(plan[3]?.because).toEqual(['subscription-login', 'api-key-env']);
    expect(plan[4]?.command).toBe('claude auth login --claudeai');
    expect(plan[5]).toMatchObject({
      command: 'claude-auth-doctor',
      because: ['subscription-login', 'api-key-env', 'stale-version'],
    });
    // What `fix` does itself: logout and a plain update; no edit was planned, so no removal.
    expect(plan.filter((s) => s.automatic).map((s) => s.id)).toEqual(['logout', 'update']);
  });

  it('marks the removal automatic only when a file edit is planned, and reruns the way it was started', () => {
    const plan = (locations: Location[]) =>
      buildPlan(
        [{ checkId: 'api-key-env', requests: [{ step: 'remove-env-credential', locations }] }],
        { expect: 'subscription', rerun: 'npm run doctor' },
      );
    const shellLine = {
      kind: 'shell-line',
      path: '/h/.zshrc',
      line: 1,
      name: 'ANTHROPIC_API_KEY',
      dialect: 'posix',
    } as const;
    const shell = plan([shellLine]);
    expect(shell[0]?.automatic).toBe(true);
    expect(shell.at(-1)?.command).toBe('npm run doctor');
    expect(plan([{ kind: 'by-hand', text: 'remove the CI secret' }])[0]?.automatic).toBeUndefined();
    // A place fix leaves to its owner: managed settings, a system file.
    const managed = {
      kind: 'settings-env',
      path: '/etc/m.json',
      name: 'X',
      managed: true,
    } as const;
    expect(plan([managed])[0]?.automatic).toBeUndefined();
    const system = { ...shellLine, owner: 'system' } as const;
    expect(plan([system])[0]?.automatic).toBeUndefined();
    // An update that needs a shell or sudo is the user's to run.
    const sudo = buildPlan(
      [{ checkId: 'x', requests: [{ step: 'update', command: 'sudo apt upgrade claude' }] }],
      {
        expect: 'subscription',
      },
    );
    expect(sudo[0]?.automatic).toBeUndefined();
  });

  it('logs in to the Console when API billing is expected', () => {
    expect(
      buildPlan([{ checkId: 'x', requests: [{ step: 'login' }] }], { expect: 'api' })[0]?.command,
    ).toBe('claude auth login --console');
  });

  it('merges details and commands from several checks', () => {
    const one: Location = { kind: 'by-hand', text: 'one' };
    const two: Location = { kind: 'by-hand', text: 'two' };
    const plan = buildPlan(
      [
        {
          checkId: 'a',
          requests: [{ step: 'remove-env-credential', command: 'unset A', locations: [one] }],
        },
        {
          checkId: 'b',
          requests: [{ step: 'remove-env-credential', command: 'unset B', locations: [two, one] }],
        },
      ],
      { expect: 'subscription' },
    );
    expect(plan[0]).toMatchObject({
      command: 'unset A; unset B',
      details: ['one', 'two'],
      because: ['a', 'b'],
    });
  });
});

describe('plan details from locations', () => {
  const display = (file: string) => file.replace(/^\/h\//, '~/');
  const detailsOf = (locations: Location[]) =>
    buildPlan([{ checkId: 'c', requests: [{ step: 'remove-env-credential', locations }] }], {
      expect: 'subscription',
      display,
    })[0]?.details;

  it('says each kind of location in words, paths shown home-relative', () => {
    expect(
      detailsOf([
        { kind: 'shell-line', path: '/h/.zshrc', line: 4, name: 'K', dialect: 'posix' },
        { kind: 'shell-line', path: '/h/p/.env', line: 1, name: 'K', dialect: 'dotenv' },
        { kind: 'settings-env', path: '/h/.claude/settings.json', name: 'K' },
        { kind: 'settings-env', path: '/etc/m.json', name: 'K', managed: true },
        { kind: 'settings-key', path: '/h/.claude/settings.json', key: 'apiKeyHelper' },
        { kind: 'by-hand', text: 'open a new terminal' },
      ]),
    ).toEqual([
      '~/.zshrc:4: delete or comment out the line that sets K',
      '~/p/.env:1: remove K (a tool loading .env puts it in the environment)',
      '~/.claude/settings.json: remove "K" from the "env" block',
      '/etc/m.json: managed settings set K; ask your administrator to remove it',
      '~/.claude/settings.json: remove "apiKeyHelper"',
      'open a new terminal',
    ]);
  });

  it('shows at most MAX_ITEMS per request, cleaned of control characters', () => {
    const many: Location[] = Array.from({ length: MAX_ITEMS + 5 }, (_, i) => ({
      kind: 'by-hand',
      text: `line ${i}\u001b[31m`,
    }));
    const details = detailsOf(many)!;
    expect(details).toHaveLength(MAX_ITEMS);
    expect(details.at(-1)).toBe('and 6 more');
    expect(details.join('')).not.toContain('\u001b');
  });
});

describe('buildPlan defaults', () => {
  it('updates with the command for how the claude that runs was installed', () => {
    const plan = buildPlan(
      [
        {
          checkId: 'subscription-login',
          requests: [{ step: 'logout' }, { step: 'update' }, { step: 'login' }],
        },
      ],
      { expect: 'subscription', updateCommand: 'npm install -g @anthropic-ai/claude-code@latest' },
    );
    expect(plan.find((s) => s.id === 'update')?.command).toBe(
      'npm install -g @anthropic-ai/claude-code@latest',
    );
  });

  it('credits the added verify step to the checks that asked for steps only', () => {
    const plan = buildPlan(
      [
        { checkId: 'quiet', requests: [] },
        { checkId: 'loud', requests: [{ step: 'login' }] },
      ],
      { expect: 'subscription' },
    );
    expect(plan.at(-1)).toMatchObject({ id: 'verify', because: ['loud'] });
  });
});

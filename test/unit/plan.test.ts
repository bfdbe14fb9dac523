import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan.js';

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
              details: ['~/.zshrc:4: delete'],
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
    const plan = (edits: NonNullable<Parameters<typeof buildPlan>[0][0]['requests'][0]['edits']>) =>
      buildPlan(
        [{ checkId: 'api-key-env', requests: [{ step: 'remove-env-credential', edits }] }],
        { expect: 'subscription', rerun: 'npm run doctor' },
      );
    const shell = plan([
      {
        kind: 'shell-line',
        path: '/h/.zshrc',
        line: 1,
        name: 'ANTHROPIC_API_KEY',
        dialect: 'posix',
      },
    ]);
    expect(shell[0]?.automatic).toBe(true);
    expect(shell.at(-1)?.command).toBe('npm run doctor');
    expect(plan([{ kind: 'manual', text: 'remove the CI secret' }])[0]?.automatic).toBeUndefined();
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
    const plan = buildPlan(
      [
        {
          checkId: 'a',
          requests: [{ step: 'remove-env-credential', command: 'unset A', details: ['one'] }],
        },
        {
          checkId: 'b',
          requests: [
            { step: 'remove-env-credential', command: 'unset B', details: ['two', 'one'] },
          ],
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

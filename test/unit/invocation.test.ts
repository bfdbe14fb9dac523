import { describe, expect, it } from 'vitest';
import { rerunCommand, withArgs } from '../../src/invocation.js';

// "Run it again" names the doctor the way the user started it.

describe('rerunCommand', () => {
  it.each([
    [{}, 'claude-auth-doctor'],
    // npx and `npm exec` (npm 7+).
    [
      {
        npm_command: 'exec',
        npm_lifecycle_event: 'npx',
        npm_config_user_agent: 'npm/10.9.2 node/v20',
      },
      'npx claude-auth-doctor',
    ],
    [
      { npm_command: 'exec', npm_config_user_agent: 'pnpm/9.1.0 npm/? node/v20' },
      'pnpm dlx claude-auth-doctor',
    ],
    // `npm run doctor` in a clone: npm 10 says run-script, npm 11 run.
    [{ npm_command: 'run-script', npm_lifecycle_event: 'doctor' }, 'npm run doctor'],
    [{ npm_command: 'run', npm_lifecycle_event: 'doctor' }, 'npm run doctor'],
    [
      { npm_lifecycle_event: 'doctor', npm_config_user_agent: 'yarn/1.22.22 npm/? node/v20' },
      'yarn run doctor',
    ],
    // A global install, a tarball, `node path/to/bin`: the plain name.
    [{ npm_config_user_agent: 'npm/10.9.2 node/v20' }, 'claude-auth-doctor'],
    // A lifecycle name that is not a plain word is not repeated into a command.
    [{ npm_command: 'run-script', npm_lifecycle_event: 'a; rm -rf ~' }, 'claude-auth-doctor'],
  ])('%j -> %s', (env, expected) => {
    expect(rerunCommand(env)).toBe(expected);
  });

  it('passes flags after -- only to npm run', () => {
    expect(withArgs('npm run doctor', 'fix')).toBe('npm run doctor -- fix');
    expect(withArgs('npx claude-auth-doctor', 'fix')).toBe('npx claude-auth-doctor fix');
    expect(withArgs('claude-auth-doctor', 'fix --undo')).toBe('claude-auth-doctor fix --undo');
  });
});

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeFixture } from '../helpers/fixture.js';

// `completion <shell>` prints a static script; the real bash, zsh and fish load it and complete.

const shell = (name: string) =>
  ['/usr/bin', '/bin']
    .map((dir) => path.join(dir, name))
    .find((file) => {
      try {
        execFileSync(file, ['-c', 'true']);
        return true;
      } catch {
        return false;
      }
    });

async function script(name: string): Promise<{ file: string; root: string }> {
  const fixture = makeFixture();
  const result = await runCli(['completion', name], fixture.env, fixture.project);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  const file = path.join(fixture.root, `completion.${name}`);
  writeFileSync(file, result.stdout);
  return { file, root: fixture.root };
}

/** What bash offers for the words typed so far (the last one is being completed). */
function bashComplete(file: string, words: string[]): string[] {
  const line = words.map((w) => `'${w}'`).join(' ');
  const out = execFileSync(
    shell('bash')!,
    [
      '--norc',
      '-c',
      `source '${file}'; COMP_WORDS=(${line}); COMP_CWORD=${words.length - 1}; _claude_auth_doctor; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } },
  );
  return out.split('\n').filter(Boolean);
}

describe('completion (built bin, real shells)', () => {
  it('bash completes subcommands, each command only with its own options, and check ids', async () => {
    const { file } = await script('bash');
    expect(bashComplete(file, ['claude-auth-doctor', 're'])).toEqual(['report']);
    expect(bashComplete(file, ['claude-auth-doctor', '--st'])).toEqual(['--strict']);
    // --strict is the plain run's; report does not take it.
    expect(bashComplete(file, ['claude-auth-doctor', 'report', '--st'])).toEqual([]);
    expect(bashComplete(file, ['claude-auth-doctor', 'fix', '--dr'])).toEqual(['--dry-run']);
    expect(bashComplete(file, ['claude-auth-doctor', 'explain', 'api-key-e'])).toEqual([
      'api-key-env',
    ]);
    expect(bashComplete(file, ['claude-auth-doctor', '--only', 'verify-'])).toEqual([
      'verify-credential',
    ]);
    expect(bashComplete(file, ['claude-auth-doctor', '--expect', ''])).toEqual([
      'subscription',
      'api',
      'auto',
    ]);
    expect(bashComplete(file, ['claude-auth-doctor', 'completion', 'f'])).toEqual(['fish']);
  });

  it('zsh loads it (through bashcompinit) and fish parses it', async () => {
    const zsh = shell('zsh');
    const fish = shell('fish');
    expect(zsh && fish).toBeTruthy(); // .ci/run installs both
    const z = await script('zsh');
    const zshOut = execFileSync(
      zsh!,
      ['-f', '-c', `autoload -U compinit && compinit -u -D; source '${z.file}' && print ok`],
      { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: z.root } },
    );
    expect(zshOut.trim()).toBe('ok');
    const f = await script('fish');
    execFileSync(fish!, ['--no-execute', f.file]);
    const offered = execFileSync(
      fish!,
      ['-c', `source '${f.file}'; complete -C 'claude-auth-doctor explain api-key-e'`],
      { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: f.root } },
    );
    expect(offered.split('\n')[0]).toBe('api-key-env');
    const flags = execFileSync(
      fish!,
      ['-c', `source '${f.file}'; complete -C 'claude-auth-doctor fix --dr'`],
      {
        encoding: 'utf8',
        env: { PATH: '/usr/bin:/bin', HOME: f.root },
      },
    );
    expect(flags).toMatch(/^--dry-run\b/);
  });
});

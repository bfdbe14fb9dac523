import { describe, expect, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { authModel } from '../../src/credentials.js';
import { diagnose } from '../../src/doctor.js';
import { buildReport } from '../../src/report.js';
import { environmentSnapshot } from '../../src/sources/environment.js';
import type { Report } from '../../src/types.js';
import { credentialsFile, SUBSCRIPTION_ACCOUNT } from '../helpers/fixture.js';
import { memoryContext } from '../helpers/memory-world.js';

const WIN = { USERPROFILE: 'C:\\Users\\ada', ComSpec: 'C:\\Windows\\System32\\cmd.exe' };

const windowsHome = () =>
  memoryContext({
    platform: 'win32',
    env: WIN,
    cwd: 'C:\\work\\app',
    files: {
      'C:\\Users\\ada\\.claude\\.credentials.json': JSON.stringify(credentialsFile()),
      'C:\\Users\\ada\\.claude.json': JSON.stringify({ oauthAccount: SUBSCRIPTION_ACCOUNT }),
    },
  });

describe('the report', () => {
  it('is built from outcomes, the model and an environment snapshot alone', async () => {
    const ctx = windowsHome();
    const auth = await authModel(ctx);
    const environment: Report['environment'] = {
      ...environmentSnapshot(ctx, null),
      cwd: '~/snapshot',
    };
    const report = buildReport({
      outcomes: [],
      auth,
      environment,
      generatedAt: new Date('2030-01-02T03:04:05Z'),
      rerun: 'claude-auth-doctor --only x',
      display: (file) => file,
    });
    // What the snapshot says, not what a context would have said.
    expect(report.environment).toEqual(environment);
    expect(report.generatedAt).toBe('2030-01-02T03:04:05.000Z');
    expect(report.auth.effective).toMatchObject({
      method: 'subscription',
      billing: 'subscription',
    });
    expect(report.summary).toEqual({ pass: 0, warn: 0, fail: 0, skip: 0, error: 0 });
  });

  it('snapshots a Windows world with Windows paths, shown home-relative', async () => {
    const { report } = await diagnose(windowsHome(), checks);
    expect(report.environment).toMatchObject({
      platform: 'win32',
      shell: 'cmd.exe',
      configDir: '~/.claude',
      cwd: 'C:\\work\\app',
      claude: null,
    });
    expect(report.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(report.auth.effective.source).toBe('file:~/.claude/.credentials.json#claudeAiOauth');
    expect(report.checks.filter((c) => c.status === 'error')).toEqual([]);
  });
});

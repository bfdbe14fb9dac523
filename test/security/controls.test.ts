/* eslint-disable no-control-regex -- this test looks for control characters */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { makeFixture, SUBSCRIPTION_ACCOUNT, writeFiles } from '../helpers/fixture.js';
import { fakeRegistry } from '../helpers/registry.js';

// Terminal control sequences planted in every data field (settings, .claude.json, the stored
// login, startup files, directory names, subprocess output, the registry, a plugin's result)
// reach no output of any mode. The renderers' output is checked before the sink, so this
// proves the one cleaning step before the renderers, not only the sink behind them.

const EVIL =
  '\u001b]0;PWNED\u0007\u001b[2J\u001b[H\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\' +
  '\u001b]52;c;cHduZWQ=\u0007\u009b31m\u202eevil\u2066\u0007\b\r\u001bc\u009d0;t\u009c';
const evil = (text: string) => `${text}${EVIL}`;
// Tab and newline are how output is laid out; everything else here is a control.
const CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function expectNoControl(text: string, where: string): void {
  const at = text.search(CONTROL);
  if (at >= 0)
    throw new Error(
      `${where}: control U+${text.charCodeAt(at).toString(16)} near ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))}`,
    );
}

describe('no control sequence from data reaches any output', () => {
  it('in every mode, online and offline, with a plugin', async () => {
    const registry = await fakeRegistry({
      tags: { latest: evil('2.1.999'), stable: evil('2.1.300') },
      engines: { '2.1.999': evil('>=18') },
    });
    const fixture = makeFixture({
      home: {
        '.claude/.credentials.json': {
          claudeAiOauth: {
            accessToken: evil('sk-ant-oat01-token'),
            expiresAt: Date.parse('2099-01-01T00:00:00Z'),
            scopes: [evil('user:inference')],
            subscriptionType: evil('max'),
            rateLimitTier: evil('tier'),
          },
        },
        '.claude.json': {
          oauthAccount: {
            ...SUBSCRIPTION_ACCOUNT,
            emailAddress: evil('ada@example.com'),
            organizationName: evil('Ada Org'),
            organizationUuid: evil('org'),
            billingType: evil('stripe_subscription'),
          },
          installMethod: evil('npm'),
          env: { [evil('NAME')]: null },
        },
        '.bashrc': `# ${EVIL}\nexport ANTHROPIC_API_KEY='key${EVIL}'\nexport ${evil('X')}=1\n`,
        '.npmrc': `registry=${registry.url}\n`,
        '.config/hostile/plugin.mjs': `export default { id: 'hostile', title: ${JSON.stringify(evil('Hostile'))}, description: 'x', run: async () => ({ status: 'warn', summary: ${JSON.stringify(evil('summary'))}, evidence: [{ source: ${JSON.stringify(evil('file:x'))}, detail: ${JSON.stringify(evil('detail'))} }], fix: [${JSON.stringify(evil('fix'))}], plan: [{ step: 'verify', command: ${JSON.stringify(evil('cmd'))}, details: [${JSON.stringify(evil('detail'))}] }] }) };\n`,
        '.config/hostile/config.json': { plugins: ['./plugin.mjs'], timeout: 2000 },
      },
      claude: {
        script: [
          'case "$1" in',
          `  --version) printf '2.1.331 (Claude Code) \\033]0;PWNED\\007\\n' ;;`,
          `  auth) printf '{"authMethod":"api_key","apiKeySource":"\\033]0;x\\007","apiProvider":"\\033[2J"}\\n' ;;`,
          'esac',
        ].join('\n'),
      },
      env: {
        ANTHROPIC_API_KEY: `key${EVIL}`,
        ANTHROPIC_BASE_URL: evil('https://gw.example/v1'),
        HTTPS_PROXY: evil('http://proxy.example:3128'),
        NO_PROXY: evil('localhost'),
        CLAUDE_CODE_USE_BEDROCK: evil('maybe'),
        SHELL: '/bin/bash',
      },
    });
    // The project directory's own name, and its settings.
    const project = path.join(fixture.home, 'project\u001b]0;PWNED\u0007\u001b[2J\u202e\u009b1m');
    mkdirSync(project);
    writeFiles(project, {
      '.claude/settings.json': {
        apiKeyHelper: evil('/usr/bin/get-key'),
        forceLoginMethod: evil('console'),
        forceLoginOrgUUID: evil('uuid'),
        autoUpdatesChannel: evil('latest'),
        env: { CLAUDE_CODE_USE_VERTEX: evil('1'), ANTHROPIC_AUTH_TOKEN: evil('token') },
      },
    });
    const config = ['--config', path.join(fixture.home, '.config/hostile/config.json')];
    const out = path.join(fixture.root, 'report.json');
    const modes = [
      [...config, '--verbose', '--ask-claude'],
      [...config, '--offline', '--verbose'],
      [...config, '--json', '--offline'],
      ['report', ...config, '--offline'],
      ['report', ...config, '--offline', '--anonymize', '--format', 'json', '--output', out],
      ['view', out, '--verbose'],
      ['fix', ...config, '--offline', '--dry-run', '--verbose'],
      ['config', ...config],
      ['--offline', '--only', evil('nope')],
    ];
    for (const argv of modes) {
      for (const env of [fixture.env, { ...fixture.env, FORCE_COLOR: '1' }]) {
        const result = await runInProcess(argv, env, project, { sink: false });
        const where = `${argv.join(' ')}${env.FORCE_COLOR ? ' (colour)' : ''}`;
        // The doctor's own colours are the only escape sequences, and only when asked for.
        const own = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
        expectNoControl(own(result.stdout), `${where}: stdout`);
        expectNoControl(own(result.stderr), `${where}: stderr`);
        for (const text of Object.values(result.files)) expectNoControl(text, `${where}: file`);
        if (argv.includes('--only')) expect(result.code).toBe(2);
        else expect(result.code, `${where}: ${result.stderr}`).toBeLessThan(2);
      }
    }
  }, 60_000);
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { makeFixture, SUBSCRIPTION_ACCOUNT, type Fixture } from '../helpers/fixture.js';

// Secrets of every shape, planted in every place a value can come from, and the check that no
// output holds any of them beyond the last-4 fingerprint the doctor is allowed to show.

/** A planted secret: its full value and the random part a leak would show. */
export interface Planted {
  value: string;
  /** The part no output may hold 8 characters of (a key's fixed prefix is not secret). */
  random: string;
}

const random = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`));
const plant = (prefix: string, body: string, suffix = ''): Planted => ({
  value: `${prefix}${body}${suffix}`,
  random: body,
});

/** Shapes that fit anywhere, shell files included: short, key, JWT. */
export const shellSafe: fc.Arbitrary<Planted> = fc.oneof(
  // Short: shorter than any scrubber minimum, so only the display model can hide it.
  fc
    .tuple(fc.stringMatching(/^[A-Z][0-9][a-z][A-Za-z0-9]{2,6}[0-9]$/))
    .map(([body]) => plant('', body)),
  random(40, 60).map((body) => plant('sk-ant-api03-', `Q${body}`)),
  fc
    .tuple(random(10, 20), random(10, 30), random(20, 43))
    .map(([a, b, c]) => plant('eyJ', `${a}.eyJ${b}.${c}`)),
);

/** Shapes with JSON-special characters, for JSON files. */
export const jsonSpecial: fc.Arbitrary<Planted> = fc
  .tuple(
    fc.stringMatching(/^[A-Z][0-9][A-Za-z0-9]{6,12}$/),
    fc.constantFrom('"', '\\', '</', '&<>', '\u2028', "'", '|'),
    fc.stringMatching(/^[A-Za-z0-9]{6,12}[0-9]$/),
  )
  .map(([a, special, b]) => plant('', `${a}${special}${b}`));

export interface Secrets {
  apiKey: Planted;
  authTokenHalves: [Planted, Planted];
  baseUrlSecret: Planted;
  baseUrlShape: 'query' | 'userinfo' | 'fragment' | 'not-a-url';
  proxyPassword: Planted;
  switchValue: Planted;
  databasePassword: Planted;
  aliasPassword: Planted;
  header: Planted;
  comment: Planted;
  envName: Planted;
  helper: Planted;
  helperShape: 'echo' | 'quote-split' | 'curl-u' | 'vault-token' | 'bare';
  settingsKey: Planted;
  otherPassword: Planted;
  forceLogin: Planted;
  orgUuid: Planted;
  channel: Planted;
  primaryApiKey: Planted;
  accessToken: Planted;
  refreshToken: Planted;
  npmToken: Planted;
  registryPassword: Planted;
  claudeVersion: Planted;
  authStatus: Planted;
  configValue: Planted;
}

export const secrets: fc.Arbitrary<Secrets> = fc.record({
  apiKey: shellSafe,
  authTokenHalves: fc.tuple(
    random(12, 20).map((b) => plant('', `H1${b}`)),
    random(12, 20).map((b) => plant('', `H2${b}`)),
  ),
  baseUrlSecret: shellSafe,
  baseUrlShape: fc.constantFrom('query', 'userinfo', 'fragment', 'not-a-url'),
  proxyPassword: shellSafe,
  switchValue: shellSafe,
  databasePassword: shellSafe,
  aliasPassword: shellSafe,
  header: shellSafe,
  comment: shellSafe,
  envName: fc.oneof(shellSafe, jsonSpecial),
  helper: shellSafe,
  helperShape: fc.constantFrom('echo', 'quote-split', 'curl-u', 'vault-token', 'bare'),
  settingsKey: jsonSpecial,
  otherPassword: jsonSpecial,
  forceLogin: fc.oneof(shellSafe, jsonSpecial),
  orgUuid: fc.oneof(shellSafe, jsonSpecial),
  channel: fc.oneof(shellSafe, jsonSpecial),
  primaryApiKey: fc.oneof(shellSafe, jsonSpecial),
  accessToken: fc.oneof(shellSafe, jsonSpecial),
  refreshToken: fc.oneof(shellSafe, jsonSpecial),
  npmToken: shellSafe,
  registryPassword: shellSafe,
  claudeVersion: shellSafe,
  authStatus: shellSafe,
  configValue: fc.oneof(shellSafe, jsonSpecial),
});

/** Every planted value, for the leak check. */
export function allPlanted(s: Secrets): Planted[] {
  return Object.values(s).flatMap((v) =>
    typeof v === 'string' ? [] : Array.isArray(v) ? v : [v as Planted],
  );
}

function helperCommand(s: Secrets): string {
  const v = s.helper.value;
  switch (s.helperShape) {
    case 'echo':
      return `echo ${v}`;
    case 'quote-split':
      return `printf %s '${v.slice(0, Math.ceil(v.length / 2))}''${v.slice(Math.ceil(v.length / 2))}'`;
    case 'curl-u':
      return `curl -s -u alice:${v} https://vault.example/anthropic`;
    case 'vault-token':
      return `VAULT_TOKEN=${v} vault read -field=key secret/anthropic`;
    case 'bare':
      return v;
  }
}

function baseUrl(s: Secrets): string {
  const v = s.baseUrlSecret.value;
  switch (s.baseUrlShape) {
    case 'query':
      return `https://gw.example/v1?api_key=${v}`;
    case 'userinfo':
      return `https://team:${v}@gw.example/v1`;
    case 'fragment':
      return `https://gw.example/v1#${v}`;
    case 'not-a-url':
      return `gw.example/v1?key=${v}`;
  }
}

/**
 * A home where every place holds a planted secret: the environment, a startup file (the key's
 * line among lines holding other secrets, so `fix` diffs show them as context), settings,
 * .claude.json, the stored login, .npmrc, a fake `claude` whose output carries secrets, and a
 * broken configuration file for the error path.
 */
export function plantedHome(s: Secrets): { fixture: Fixture; badConfig: string } {
  const [first, second] = s.authTokenHalves;
  const fixture = makeFixture({
    home: {
      '.claude/.credentials.json': {
        claudeAiOauth: {
          accessToken: s.accessToken.value,
          refreshToken: s.refreshToken.value,
          expiresAt: Date.parse('2099-01-01T00:00:00Z'),
          scopes: ['user:inference', 'user:profile'],
          subscriptionType: 'max',
        },
      },
      '.claude.json': {
        oauthAccount: SUBSCRIPTION_ACCOUNT,
        primaryApiKey: s.primaryApiKey.value,
        customApiKeyResponses: { approved: [s.apiKey.value.slice(-20)], rejected: [] },
        env: { [s.envName.value]: 'x' },
      },
      '.claude/settings.json': {
        env: { ANTHROPIC_API_KEY: s.settingsKey.value, OTHER_PASSWORD: s.otherPassword.value },
        apiKeyHelper: helperCommand(s),
        forceLoginMethod: s.forceLogin.value,
        forceLoginOrgUUID: s.orgUuid.value,
        autoUpdatesChannel: s.channel.value,
      },
      '.bashrc': [
        `export DATABASE_URL=postgres://app:${s.databasePassword.value}@db.example/app`,
        `alias vpn='openconnect -u me --passwd ${s.aliasPassword.value} vpn.example'`,
        `export ANTHROPIC_CUSTOM_HEADERS="Authorization: Bearer ${s.header.value}"`,
        `export ANTHROPIC_API_KEY=${s.apiKey.value}`,
        `# old key ${s.comment.value}`,
        `export ANTHROPIC_AUTH_TOKEN='${first.value}''${second.value}'`,
        `export ANTHROPIC_BASE_URL='${baseUrl(s)}'`,
        `export HTTPS_PROXY=http://alice:${s.proxyPassword.value}@proxy.example:3128`,
        '',
      ].join('\n'),
      '.npmrc': `registry=https://npm:${s.registryPassword.value}@registry.example/\n//registry.example/:_authToken=${s.npmToken.value}\n`,
    },
    claude: {
      script: [
        'case "$1" in',
        `  --version) echo '2.1.331 (Claude Code) ${s.claudeVersion.value}' ;;`,
        `  auth) echo '{"loggedIn":true,"authMethod":"${s.authStatus.value}","apiKeySource":"${s.authStatus.value}","apiProvider":"${s.authStatus.value}"}' ;;`,
        'esac',
      ].join('\n'),
    },
    env: {
      ANTHROPIC_API_KEY: s.apiKey.value,
      ANTHROPIC_AUTH_TOKEN: first.value + second.value,
      ANTHROPIC_BASE_URL: baseUrl(s),
      HTTPS_PROXY: `http://alice:${s.proxyPassword.value}@proxy.example:3128`,
      NO_PROXY: 'localhost,.corp.example',
      CLAUDE_CODE_USE_BEDROCK: s.switchValue.value,
      SHELL: '/bin/bash',
    },
  });
  const badConfig = path.join(fixture.root, 'bad-config.json');
  mkdirSync(path.dirname(badConfig), { recursive: true });
  writeFileSync(badConfig, JSON.stringify({ timeout: s.configValue.value }));
  return { fixture, badConfig };
}

/** The command lines of every output mode. */
export function modes(fixture: Fixture, badConfig: string): string[][] {
  const out = path.join(fixture.root, 'report.json');
  return [
    ['--offline'],
    ['--offline', '--verbose', '--ask-claude'],
    ['--offline', '--json', '--ask-claude'],
    ['report', '--offline'],
    ['report', '--offline', '--format', 'json'],
    ['report', '--offline', '--anonymize'],
    ['report', '--offline', '--format', 'json', '--anonymize', '--output', out],
    ['fix', '--offline', '--dry-run', '--verbose'],
    ['config'],
    ['--offline', '--config', badConfig],
    ['view', out, '--verbose'],
  ];
}

/** The first planted value whose random part shows in `text` (8 characters of it, raw or escaped). */
export function leaked(text: string, planted: Planted[]): string | null {
  for (const { value, random } of planted) {
    const width = Math.min(8, random.length);
    for (let i = 0; i + width <= random.length; i += 1) {
      const window = random.slice(i, i + width);
      const forms = [
        window,
        JSON.stringify(window).slice(1, -1),
        window.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      ];
      const at = forms.map((form) => text.indexOf(form)).find((index) => index >= 0);
      if (at !== undefined)
        return `${JSON.stringify(value)} shows as …${text.slice(Math.max(0, at - 60), at + 30)}…`;
    }
  }
  return null;
}

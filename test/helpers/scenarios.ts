import { chmodSync } from 'node:fs';
import path from 'node:path';
import {
  credentialsFile,
  makeFixture,
  subscriptionHome,
  SUBSCRIPTION_ACCOUNT,
  writeFakeClaude,
  type Fixture,
  type FixtureSpec,
} from './fixture.js';
import { link, nativeInstall, npmGlobalInstall } from './installs.js';
import { KEYS, suffix20 } from './secrets.js';

// Fixture homes several suites share: the same setups seen end to end and in report snapshots.

/** A Max login with ANTHROPIC_API_KEY exported in .zshrc: the most common support case. */
export const ENV_KEY_OVER_MAX: FixtureSpec = {
  home: subscriptionHome({ '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }),
  env: { ANTHROPIC_API_KEY: KEYS.apiKey },
};

/** Every kind of credential at once, each with a planted secret. */
export const EVERYTHING_AT_ONCE: FixtureSpec = {
  home: {
    '.claude/.credentials.json': credentialsFile(),
    '.claude.json': {
      oauthAccount: SUBSCRIPTION_ACCOUNT,
      primaryApiKey: KEYS.consoleKey,
      customApiKeyResponses: { approved: [], rejected: [suffix20(KEYS.apiKey)] },
    },
    '.claude/settings.json': {
      apiKeyHelper: `echo ${KEYS.apiKey2}`,
      env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken },
    },
    '.bashrc': `export ANTHROPIC_API_KEY="${KEYS.apiKey}"\nexport CLAUDE_CODE_OAUTH_TOKEN=${KEYS.oauthToken}\n`,
  },
  env: { ANTHROPIC_API_KEY: KEYS.apiKey, CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken },
};

// Fixture homes rebuilt from public reports (issue 19): each cites the report it comes from;
// the end-to-end suite test/e2e/diagnosis.test.ts asserts what that user needed to learn.

/**
 * The documented `claude setup-token` workflow: the token exported only in the shell that
 * starts Claude Code (valbaudo/dawn#36; anthropics/claude-code#84903 used it the same way), no
 * startup file sets it. It is the winning, intended credential.
 */
export function setupTokenInLaunchingShell(): Fixture {
  const fixture = makeFixture({
    home: {
      '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, installMethod: 'native' },
      '.bashrc': 'export PATH="$HOME/.local/bin:$PATH"\n',
    },
    env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.oauthToken, SHELL: '/bin/bash' },
    claude: null,
  });
  onPath(fixture, nativeInstall(fixture.home, '2.1.331'));
  return fixture;
}

/**
 * anthropics/claude-code#2561: an old bun copy first on PATH shadows an up-to-date npm one.
 * bun lives where BUN_INSTALL points, so its package path looks like an npm prefix.
 */
export function staleBunFirstOnPath(): Fixture {
  const fixture = makeFixture({ home: subscriptionHome(), claude: null });
  const bunHome = path.join(fixture.root, 'opt', 'bun');
  const pkg = path.join(
    bunHome,
    'install',
    'global',
    'node_modules',
    '@anthropic-ai',
    'claude-code',
  );
  const bun = link(
    writeFakeClaude(path.join(pkg, 'bin'), { version: '2.1.197' }, 'claude.exe'),
    path.join(bunHome, 'bin', 'claude'),
  );
  const npm = npmGlobalInstall(fixture.env.npm_config_prefix!, '2.1.331');
  fixture.env.BUN_INSTALL = bunHome;
  onPath(fixture, bun, npm);
  return fixture;
}

/**
 * anthropics/devcontainer-features#27 ("Automatic update failed"): the claude that runs is an
 * npm install under nvm's prefix, not npm's configured one, and its last update failed.
 */
export function npmOutsideItsPrefix(): Fixture {
  const fixture = makeFixture({
    home: subscriptionHome({
      '.claude/.last-update-result.json': {
        timestamp: '2026-11-24T08:00:00Z',
        path: 'npm-global',
        outcome: 'failed',
        version_from: '2.1.300',
        error_code: 'EACCES',
      },
    }),
    claude: null,
  });
  const nvm = path.join(fixture.root, 'nvm', 'versions', 'node', 'v22.20.0');
  onPath(fixture, npmGlobalInstall(nvm, '2.1.300'));
  return fixture;
}

/**
 * ANTHROPIC_API_KEY only in the `env` block of ~/.claude/settings.json over a Max login
 * (anthropics/claude-code#12352; the facts file, section 3): no shell has it, so `unset` and a
 * new terminal change nothing.
 */
export function keyOnlyInSettings(): Fixture {
  const fixture = makeFixture({
    home: subscriptionHome({
      '.claude/settings.json': { env: { ANTHROPIC_API_KEY: KEYS.apiKey } },
    }),
    claude: null,
  });
  onPath(fixture, nativeInstall(fixture.home, '2.1.331'));
  return fixture;
}

/**
 * textcortex/claude-code-sandbox#14, anthropics/claude-code#2842: after `sudo claude` the
 * settings file is root's and unreadable to its user. The fix is ownership, not JSON.
 */
export function unreadableSettings(): Fixture {
  const fixture = makeFixture({
    home: subscriptionHome({ '.claude/settings.json': '{}\n' }),
    claude: null,
  });
  onPath(fixture, nativeInstall(fixture.home, '2.1.331'));
  chmodSync(path.join(fixture.home, '.claude', 'settings.json'), 0o000);
  return fixture;
}

/** A Max login and no claude at all (a new machine, or a removed install). */
export function noClaudeInstalled(): Fixture {
  return makeFixture({ home: subscriptionHome(), claude: null });
}

/**
 * Alishahryar1/free-claude-code#741: a gateway's ANTHROPIC_AUTH_TOKEN (from a provider
 * switcher, in settings) beside the Console key an earlier `/login` stored.
 */
export function gatewayTokenBesideConsoleKey(): Fixture {
  const fixture = makeFixture({
    home: {
      '.claude.json': { primaryApiKey: KEYS.consoleKey, installMethod: 'native' },
      '.claude/settings.json': {
        env: { ANTHROPIC_AUTH_TOKEN: KEYS.authToken, ANTHROPIC_BASE_URL: 'http://127.0.0.1:8082' },
      },
    },
    claude: null,
  });
  onPath(fixture, nativeInstall(fixture.home, '2.1.331'));
  return fixture;
}

/**
 * nanocoai/nanoclaw#730: the access token copied out of .credentials.json into
 * CLAUDE_CODE_OAUTH_TOKEN for a container; it expires within hours and is never renewed.
 */
export function copiedAccessToken(expiresAt: number): Fixture {
  const fixture = makeFixture({
    home: {
      '.claude/.credentials.json': credentialsFile({ expiresAt }),
      '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, installMethod: 'native' },
      '.bashrc': `export CLAUDE_CODE_OAUTH_TOKEN=${KEYS.accessToken}\n`,
    },
    env: { CLAUDE_CODE_OAUTH_TOKEN: KEYS.accessToken, SHELL: '/bin/bash' },
    claude: null,
  });
  onPath(fixture, nativeInstall(fixture.home, '2.1.331'));
  return fixture;
}

/**
 * A Max user whose user settings force the Console login (facts file, section 9: it decides
 * what `/login` offers); the plan must remove it before logging in (anthropics/claude-code#928:
 * "the subscription option" missing).
 */
export function consoleForcedOverMax(): Fixture {
  const fixture = makeFixture({
    home: subscriptionHome({
      '.claude/settings.json': { forceLoginMethod: 'console' },
      '.claude.json': { oauthAccount: SUBSCRIPTION_ACCOUNT, primaryApiKey: KEYS.consoleKey },
    }),
    claude: null,
  });
  onPath(fixture, nativeInstall(fixture.home, '2.1.331'));
  return fixture;
}

/**
 * anthropics/claude-code#107, #1298: under WSL, Windows' npm shim comes first through the
 * imported Windows PATH, before the Linux install.
 */
export function windowsShimFirstUnderWsl(): Fixture {
  const fixture = makeFixture({
    home: subscriptionHome(),
    system: {
      'proc/version': 'Linux version 5.15.167.4-microsoft-standard-WSL2 (root@1) #1 SMP\n',
    },
    env: { WSL_DISTRO_NAME: 'Ubuntu' },
    claude: null,
  });
  const shim = writeFakeClaude(
    path.join(fixture.system, 'mnt', 'c', 'Users', 'ada', 'AppData', 'Roaming', 'npm'),
    { version: '2.1.197' },
  );
  onPath(fixture, shim, nativeInstall(fixture.home, '2.1.331'));
  return fixture;
}

/**
 * A healthy native install one patch behind `latest` (issue 19: a false alarm, "Update Claude
 * Code" and exit 1 under --strict).
 */
export function healthyOnePatchBehind(): Fixture {
  const fixture = makeFixture({ home: subscriptionHome(), claude: null });
  onPath(fixture, nativeInstall(fixture.home, '2.1.330'));
  return fixture;
}

/**
 * The seed article's central case: a Pro/Max holder who picked "Anthropic Console account" at
 * `/login`; only the Console key is stored (anthropics/claude-code#5300: "PRO account shows -
 * Credit balance is too low").
 */
export function consoleOnlyLogin(): Fixture {
  const fixture = makeFixture({
    home: { '.claude.json': { primaryApiKey: KEYS.consoleKey, installMethod: 'native' } },
    claude: null,
  });
  onPath(fixture, nativeInstall(fixture.home, '2.1.331'));
  return fixture;
}

/**
 * anthropics/claude-code#1740: the key removed from this shell (or never loaded), but ~/.zshrc
 * still exports it for every new terminal.
 */
export function keyPendingInZshrc(): Fixture {
  const fixture = makeFixture({
    home: subscriptionHome({ '.zshrc': `export ANTHROPIC_API_KEY=${KEYS.apiKey}\n` }),
    env: { SHELL: '/usr/bin/zsh' },
    claude: null,
  });
  onPath(fixture, nativeInstall(fixture.home, '2.1.331'));
  return fixture;
}

/** Puts these `claude` executables' directories first on PATH, in order. */
function onPath(fixture: Fixture, ...files: string[]): void {
  fixture.env.PATH = [...files.map((f) => path.dirname(f)), fixture.env.PATH].join(':');
}

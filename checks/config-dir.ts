// CLAUDE_CONFIG_DIR moves `.claude.json` and the credentials, and on macOS renames the Keychain
// entry (facts file, section 2; anthropics/claude-code#3278, #29816). Set but empty means the
// current directory on 2.1.331 (real-cli-findings 8): no fallback to ~/.claude.
import { defineCheck, type Context } from '../src/check.js';
import { claudePaths, defaultClaudePaths, keychainServices } from '../src/platform/paths.js';
import { readJsonFile } from '../src/sources/json-file.js';
import { globalConfig } from '../src/sources/claude-json.js';
import { keychainHas, storedLogins } from '../src/sources/stored-login.js';
import type { Evidence } from '../src/types.js';

const PROBLEMS = 'CLAUDE_CONFIG_DIR: {problems}.';
const BAD_DIR =
  'Set CLAUDE_CONFIG_DIR to an absolute directory, or unset it to use ~/.claude, then open a new terminal.';
const LEFT_BEHIND =
  'Log in again for this config directory (`claude auth login`), or unset CLAUDE_CONFIG_DIR to use the login in ~/.claude.';

export default defineCheck({
  id: 'config-dir',
  title: 'CLAUDE_CONFIG_DIR',
  description:
    'CLAUDE_CONFIG_DIR set: where .claude.json and credentials are read from, logins left behind in the default location, and the macOS Keychain entry name it implies.',
  explain: {
    why: 'CLAUDE_CONFIG_DIR moves `.claude.json` and the stored login (on macOS it also renames the Keychain entry). Set by mistake, empty or relative, Claude Code starts logged out or reads another login, while the one you made stays unread in ~/.claude.',
    docs: 'https://code.claude.com/docs/en/settings',
    messages: ['not-logged-in'],
  },
  outcomes: {
    'not-set': {
      status: 'pass',
      summary: 'CLAUDE_CONFIG_DIR is not set: Claude Code uses ~/.claude and ~/.claude.json.',
    },
    moved: {
      status: 'pass',
      summary: "CLAUDE_CONFIG_DIR moves Claude Code's files to {dir}{login}.",
    },
    'bad-dir': { status: 'warn', summary: PROBLEMS, fix: BAD_DIR },
    'login-left-behind': {
      status: 'warn',
      summary: PROBLEMS,
      fix: LEFT_BEHIND,
      plan: ['login', 'verify'],
    },
    'bad-dir-login-left-behind': {
      status: 'warn',
      summary: PROBLEMS,
      fix: [BAD_DIR, LEFT_BEHIND],
      plan: ['login', 'verify'],
    },
  },
  async run(ctx) {
    const raw = ctx.env.CLAUDE_CONFIG_DIR;
    if (raw === undefined) return { outcome: 'not-set' };

    const paths = claudePaths(ctx);
    const [logins, config, dirStat] = await Promise.all([
      storedLogins(ctx),
      globalConfig(ctx),
      ctx.stat(paths.configDir),
    ]);
    const evidence: Evidence[] = [
      {
        source: 'env:CLAUDE_CONFIG_DIR',
        detail: `config directory is ${ctx.display(paths.configDir)}${raw === '' ? ' (empty value: the current directory)' : ''}`,
      },
      {
        source: `file:${ctx.display(config.file.path)}`,
        detail: `.claude.json is read from here${config.file.state === 'missing' ? ' (it does not exist)' : ''}`,
      },
      {
        source: logins.subscription?.source ?? `file:${ctx.display(paths.credentials)}`,
        detail: logins.subscription
          ? 'the subscription login is read from here'
          : 'no subscription login is stored here',
      },
    ];
    if (ctx.platform === 'darwin') {
      const services = await keychainServices(ctx);
      evidence.push({
        source: `keychain:${services.subscription}`,
        detail:
          'with CLAUDE_CONFIG_DIR set, the Keychain entry gets this suffix (a trailing slash gives another entry)',
      });
    }

    const problems: string[] = [];
    if (raw.trim() === '')
      problems.push(
        'CLAUDE_CONFIG_DIR is set but empty, so Claude Code uses whatever directory it starts in',
      );
    else if (!/^([/\\]|[A-Za-z]:|~)/.test(raw))
      problems.push(
        `CLAUDE_CONFIG_DIR is relative ("${raw}"), so it depends on the directory Claude Code starts in`,
      );
    if (!dirStat?.isDirectory)
      problems.push(
        `${ctx.display(paths.configDir)} does not exist: Claude Code creates it and starts logged out`,
      );
    const badDir = problems.length > 0;

    const hasLogin = Boolean(logins.subscription || logins.consoleKey);
    const behind = await loginsLeftBehind(ctx);
    evidence.push(...behind);
    const leftBehind = behind.length > 0 && !hasLogin;
    if (leftBehind)
      problems.push(
        'a login is stored in the default location, which Claude Code does not read while CLAUDE_CONFIG_DIR is set',
      );
    if (problems.length === 0) {
      const values = {
        dir: ctx.display(paths.configDir),
        login: hasLogin ? ', where a login is stored' : '',
      };
      return { outcome: 'moved', values, evidence };
    }
    const outcome = badDir
      ? leftBehind
        ? 'bad-dir-login-left-behind'
        : 'bad-dir'
      : 'login-left-behind';
    return { outcome, values: { problems: problems.join('; ') }, evidence };
  },
});

/** Logins in ~/.claude, ~/.claude.json or the unsuffixed Keychain entry, which a moved config dir hides. */
async function loginsLeftBehind(ctx: Context): Promise<Evidence[]> {
  const defaults = defaultClaudePaths(ctx);
  const moved = claudePaths(ctx);
  const found: Evidence[] = [];
  if (defaults.credentials !== moved.credentials) {
    const credentials = await readJsonFile(ctx, defaults.credentials);
    if (credentials.state === 'ok' && credentials.data.claudeAiOauth) {
      found.push({
        source: `file:${ctx.display(defaults.credentials)}#claudeAiOauth`,
        detail: 'a subscription login left in the default location (not read now)',
      });
    }
  }
  if (!moved.globalConfigCandidates.includes(defaults.globalConfig)) {
    const config = await readJsonFile(ctx, defaults.globalConfig);
    if (config.state === 'ok' && typeof config.data.primaryApiKey === 'string') {
      found.push({
        source: `file:${ctx.display(defaults.globalConfig)}#primaryApiKey`,
        detail: 'a Console key left in the default location (not read now)',
      });
    }
  }
  if (ctx.platform === 'darwin' && (await keychainHas(ctx, 'Claude Code-credentials'))) {
    found.push({
      source: 'keychain:Claude Code-credentials',
      detail: 'a subscription login in the default Keychain entry (not read now)',
    });
  }
  return found;
}

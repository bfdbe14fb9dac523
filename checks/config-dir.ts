// CLAUDE_CONFIG_DIR moves `.claude.json` and the credentials, and on macOS renames the Keychain
// entry (facts file, section 2; anthropics/claude-code#3278, #29816). Set but empty means the
// current directory on 2.1.331 (real-cli-findings 8): no fallback to ~/.claude.
import { defineCheck, type Context } from '../src/check.js';
import { claudePaths, defaultClaudePaths, keychainServices } from '../src/platform/paths.js';
import { readJsonFile } from '../src/sources/json-file.js';
import { globalConfig } from '../src/sources/claude-json.js';
import { keychainHas, storedLogins } from '../src/sources/stored-login.js';
import type { Evidence, PlanRequest } from '../src/types.js';

export default defineCheck({
  id: 'config-dir',
  title: 'CLAUDE_CONFIG_DIR',
  description:
    'CLAUDE_CONFIG_DIR set: where .claude.json and credentials are read from, logins left behind in the default location, and the macOS Keychain entry name it implies.',
  explain: {
    why: 'CLAUDE_CONFIG_DIR moves `.claude.json` and the stored login (on macOS it also renames the Keychain entry). Set by mistake, empty or relative, Claude Code starts logged out or reads another login, while the one you made stays unread in ~/.claude.',
    docs: 'https://code.claude.com/docs/en/settings',
    outcomes: [
      {
        status: 'pass',
        when: 'CLAUDE_CONFIG_DIR is not set; or it names an existing absolute directory, and either a login is stored there or none is left behind in the default location.',
      },
      {
        status: 'warn',
        when: 'It is set but empty or relative, so the directory depends on where Claude Code starts.',
        fix: 'Set CLAUDE_CONFIG_DIR to an absolute directory (`export CLAUDE_CONFIG_DIR="$HOME/.claude-work"`) or unset it to use ~/.claude (`unset CLAUDE_CONFIG_DIR`, and remove it from your shell startup file), then open a new terminal.',
      },
      {
        status: 'warn',
        when: 'The directory it names does not exist, so Claude Code creates it and starts logged out.',
        fix: 'Correct the path or unset CLAUDE_CONFIG_DIR (`unset CLAUDE_CONFIG_DIR`, and remove it from your shell startup file), then open a new terminal.',
      },
      {
        status: 'warn',
        when: 'No login is stored in the directory it names, but one is in the default location (~/.claude, ~/.claude.json or the default Keychain entry), which Claude Code does not read while it is set.',
        fix: 'Log in for this directory with `claude auth login`, or unset CLAUDE_CONFIG_DIR to use the login in ~/.claude and open a new terminal.',
      },
    ],
    messages: ['not-logged-in'],
  },
  async run(ctx) {
    const raw = ctx.env.CLAUDE_CONFIG_DIR;
    if (raw === undefined)
      return {
        status: 'pass',
        summary: 'CLAUDE_CONFIG_DIR is not set: Claude Code uses ~/.claude and ~/.claude.json.',
      };

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
    const fix: string[] = [];
    const plan: PlanRequest[] = [];
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
    if (problems.length)
      fix.push(
        'Set CLAUDE_CONFIG_DIR to an absolute directory, or unset it to use ~/.claude, then open a new terminal.',
      );

    const hasLogin = Boolean(logins.subscription || logins.consoleKey);
    const behind = await loginsLeftBehind(ctx);
    evidence.push(...behind);
    if (behind.length && !hasLogin) {
      problems.push(
        'a login is stored in the default location, which Claude Code does not read while CLAUDE_CONFIG_DIR is set',
      );
      fix.push(
        'Log in again for this config directory (`claude auth login`), or unset CLAUDE_CONFIG_DIR to use the login in ~/.claude.',
      );
      plan.push({ step: 'login' }, { step: 'verify' });
    }
    if (problems.length === 0) {
      return {
        status: 'pass',
        summary: `CLAUDE_CONFIG_DIR moves Claude Code's files to ${ctx.display(paths.configDir)}${hasLogin ? ', where a login is stored' : ''}.`,
        evidence,
      };
    }
    return {
      status: 'warn',
      summary: `CLAUDE_CONFIG_DIR: ${problems.join('; ')}.`,
      evidence,
      fix,
      plan,
    };
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

// Claude Code's own view, only with --ask-claude: `claude auth status` is not read-only (it may
// rewrite .claude.json and copy it, keys included, into backups/; facts file section 1,
// real-cli-findings 12), so it runs after every read of the doctor's own.
import { defineCheck } from '../src/check.js';
import { showLabel } from '../src/display.js';
import { PROVIDER_SWITCHES } from '../src/env-vars.js';
import type { Context } from '../src/context.js';
import { authModel, METHOD_LABEL } from '../src/credentials.js';
import { runningClaude } from '../src/sources/claude-install.js';
import { globalConfig } from '../src/sources/claude-json.js';
import { credentialFiles } from '../src/sources/credential-files.js';
import { settingsFiles } from '../src/sources/settings.js';
import { shellAssignments } from '../src/sources/shell-files.js';
import { storedLogins } from '../src/sources/stored-login.js';
import type { Method } from '../src/types.js';

export interface ClaudeView {
  authMethod: string;
  apiKeySource?: string;
  apiProvider?: string;
}

export default defineCheck({
  id: 'claude-auth-status',
  optIn: "--ask-claude (it may rewrite Claude Code's own files)",
  title: "Claude Code's own view",
  description:
    "Only with --ask-claude: runs `claude auth status --json` after the doctor's own reads and compares its authMethod / apiKeySource with the doctor's view (project credential variables left out, as auth status ignores them).",
  explain: {
    why: "The doctor reads Claude Code's files and variables itself; `claude auth status` is Claude Code's own answer, and when the two disagree Claude Code is right. That command may rewrite `.claude.json` and copy it, keys included, into backups, so it runs only when you ask.",
    docs: 'https://code.claude.com/docs/en/authentication',
    outcomes: [
      {
        status: 'skip',
        when: 'Not asked: the doctor ran without `--ask-claude`.',
        fix: "To compare with Claude Code's own view, run `npx claude-auth-doctor --ask-claude`.",
      },
      {
        status: 'skip',
        when: 'No `claude` executable is on PATH to ask.',
        fix: 'Install Claude Code or add its directory to PATH (see stale-version and multiple-installs).',
      },
      {
        status: 'pass',
        when: "Claude Code's `authMethod` (and provider) matches the credential the doctor found in effect.",
      },
      {
        status: 'warn',
        when: '`claude auth status --json` gave no readable JSON: it failed to start, timed out, or printed something else.',
        fix: 'Run `claude auth status --json` yourself to see what it says; if it was only slow, run the doctor with a larger `--timeout`.',
      },
      {
        status: 'warn',
        when: 'Claude Code and the doctor disagree about the credential in use.',
        fix: "Trust Claude Code's answer, and report the disagreement to claude-auth-doctor with the output of `npx claude-auth-doctor --ask-claude --json` (it holds no secrets).",
      },
    ],
  },
  async run(ctx) {
    if (!ctx.options.askClaude) {
      return {
        status: 'skip',
        summary:
          "Not asked: `claude auth status` may rewrite Claude Code's files, so it runs only with --ask-claude.",
      };
    }
    const [auth, claude] = await Promise.all([
      authModel(ctx),
      runningClaude(ctx),
      doctorReads(ctx),
    ]);
    if (!claude) return { status: 'skip', summary: 'No `claude` executable is on PATH to ask.' };

    const command = `${ctx.display(claude.path)} auth status --json`;
    const result = await ctx.exec(claude.path, ['auth', 'status', '--json']);
    const view = parseAuthStatus(result.stdout);
    if (!view) {
      const why =
        result.failure ??
        (result.timedOut
          ? `no answer within ${ctx.options.timeoutMs} ms`
          : `no JSON status (exit code ${result.exitCode})`);
      return {
        status: 'warn',
        summary: `Could not read Claude Code's own view from \`${command}\`: ${why}.`,
      };
    }
    const ours = auth.authStatusView;
    const theirs = viewText(view);
    const evidence = [
      { source: `command:${command}`, detail: `Claude Code says: ${theirs}` },
      {
        source: ours.source ?? 'doctor',
        detail: `the doctor says: ${METHOD_LABEL[ours.method]} (${ours.method}${auth.provider ? `, ${auth.provider.name}` : ''})`,
      },
    ];
    const agrees =
      methodsFor(view).includes(ours.method) &&
      (ours.method !== 'third-party' || view.apiProvider === auth.provider?.name);
    if (agrees)
      return {
        status: 'pass',
        summary: `Claude Code agrees: ${METHOD_LABEL[ours.method]}.`,
        evidence,
      };
    return {
      status: 'warn',
      summary: `Claude Code and the doctor disagree: Claude Code says ${theirs}; the doctor says ${METHOD_LABEL[ours.method]}. Trust Claude Code, and please report this to claude-auth-doctor with the --json output.`,
      evidence,
    };
  },
});

/** Every source the doctor reads, so `claude auth status` cannot change them under it. */
async function doctorReads(ctx: Context): Promise<void> {
  await Promise.all([
    settingsFiles(ctx),
    globalConfig(ctx),
    storedLogins(ctx),
    shellAssignments(ctx),
    credentialFiles(ctx),
  ]);
}

const WORD = /^[\w ./:-]{1,64}$/;

/** Only the three fields compared; the rest (email, organization) never leaves this function. */
export function parseAuthStatus(stdout: string): ClaudeView | null {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const pick = (key: string) => {
    const value = (data as Record<string, unknown>)[key];
    return typeof value === 'string' && WORD.test(value) ? value : undefined;
  };
  const authMethod = pick('authMethod');
  if (!authMethod) return null;
  const view: ClaudeView = { authMethod };
  const apiKeySource = pick('apiKeySource');
  const apiProvider = pick('apiProvider');
  if (apiKeySource) view.apiKeySource = apiKeySource;
  if (apiProvider) view.apiProvider = apiProvider;
  return view;
}

/** The doctor's methods that match Claude Code's `authMethod` (2.1.331 names). */
export function methodsFor(view: ClaudeView): Method[] {
  switch (view.authMethod) {
    case 'claude.ai':
      return ['subscription'];
    case 'api_key':
      return [view.apiKeySource === '/login managed key' ? 'console-key' : 'api-key'];
    case 'oauth_token':
      return ['auth-token', 'oauth-token'];
    case 'api_key_helper':
      return ['api-key-helper'];
    case 'third_party':
      return ['third-party'];
    case 'none':
      return ['none'];
    default:
      return [];
  }
}

// Claude Code's output is data: a field is shown only as one of the labels known here.
const AUTH_METHODS = [
  'claude.ai',
  'api_key',
  'oauth_token',
  'api_key_helper',
  'third_party',
  'none',
];
const KEY_SOURCES = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'apiKeyHelper',
  '/login managed key',
  'none',
];
const PROVIDERS = ['firstParty', ...Object.values(PROVIDER_SWITCHES)];

function viewText(view: ClaudeView): string {
  return [
    `authMethod ${showLabel(view.authMethod, AUTH_METHODS)}`,
    view.apiKeySource ? `apiKeySource ${showLabel(view.apiKeySource, KEY_SOURCES)}` : '',
    view.authMethod === 'third_party' && view.apiProvider
      ? `apiProvider ${showLabel(view.apiProvider, PROVIDERS)}`
      : '',
  ]
    .filter(Boolean)
    .join(', ');
}

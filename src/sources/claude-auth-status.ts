// `claude auth status --json`, Claude Code's own answer (2.1.331 field names). Only the three
// fields compared are kept; the rest (email, organization) never leaves parseAuthStatus.
import { showLabel } from '../display.js';
import { PROVIDER_SWITCHES } from '../env-vars.js';
import type { Context } from '../context.js';
import type { Method } from '../types.js';
import { globalConfig } from './claude-json.js';
import { credentialFiles } from './credential-files.js';
import { settingsFiles } from './settings.js';
import { shellAssignments } from './shell-files.js';
import { storedLogins } from './stored-login.js';

export interface ClaudeView {
  authMethod: string;
  apiKeySource?: string;
  apiProvider?: string;
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

export function viewText(view: ClaudeView): string {
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

/** Every source the doctor reads, so `claude auth status` cannot change them under it. */
export async function readFirst(ctx: Context): Promise<void> {
  await Promise.all([
    settingsFiles(ctx),
    globalConfig(ctx),
    storedLogins(ctx),
    shellAssignments(ctx),
    credentialFiles(ctx),
  ]);
}

/** Runs `claude auth status --json` (bounded): Claude Code's view, or why there is none. */
export async function askClaude(
  ctx: Context,
  claude: string,
): Promise<{ view: ClaudeView; why?: undefined } | { view?: undefined; why: string }> {
  const result = await ctx.exec(claude, ['auth', 'status', '--json']);
  const view = parseAuthStatus(result.stdout);
  if (view) return { view };
  const why =
    result.failure ??
    (result.timedOut
      ? `no answer within ${ctx.options.timeoutMs} ms`
      : `no JSON status (exit code ${result.exitCode})`);
  return { why };
}

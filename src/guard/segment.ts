import { localeIsUtf8 } from '../render/style.js';
import type { SessionView } from './session.js';

// The guard's words: one short status-line segment, and the SessionStart warning. Only
// fingerprints (last 4 characters) of credentials ever appear here.

export interface Glyphs {
  ellipsis: string;
  dot: string;
}

export const UNICODE: Glyphs = { ellipsis: '…', dot: '·' };
/** As toAscii() in render/style.ts spells them. */
export const ASCII: Glyphs = { ellipsis: '...', dot: '-' };

/** The doctor's own rule (render/style.ts): UTF-8 when the locale says so. */
export function glyphsFor(env: Readonly<Record<string, string | undefined>>, platform: string) {
  return localeIsUtf8(env, platform) ? UNICODE : ASCII;
}

const PROVIDER_NAMES: Record<string, string> = {
  bedrock: 'Bedrock',
  vertex: 'Vertex AI',
  foundry: 'Foundry',
  anthropicAws: 'Anthropic on AWS',
  anthropicGoogleCloud: 'Anthropic on Google Cloud',
  mantle: 'Mantle',
};

/** The credential in use and who pays, e.g. `Max 20x · plan`, `! API key …7Qx2 · API credits`. */
export function segmentText(view: SessionView, g: Glyphs): string {
  const end = (fp?: string) => (fp ? ` ${g.ellipsis}${fp}` : '');
  const pays = (who: string) => ` ${g.dot} ${who}`;
  let text: string;
  switch (view.method) {
    case 'subscription':
      text = `${view.plan ?? 'Claude'}${pays('plan')}`;
      break;
    case 'oauth-token':
      text = `${view.problem === 'copied-token' ? 'copied login token' : 'OAuth token'}${end(view.fingerprint)}${pays('plan')}`;
      break;
    case 'api-key':
      text = `API key${end(view.fingerprint)}${pays('API credits')}`;
      break;
    case 'api-key-helper':
      text = `apiKeyHelper${pays('API credits')}`;
      break;
    case 'console-key':
      text = `Console key${end(view.fingerprint)}${pays('API credits')}`;
      break;
    case 'auth-token':
      text = `${view.problem === 'copied-token' ? 'copied login token' : 'Auth token'}${end(view.fingerprint)}${pays('gateway')}`;
      break;
    case 'third-party':
      text = PROVIDER_NAMES[view.provider?.name ?? ''] ?? view.provider?.name ?? 'Provider';
      break;
    default:
      text = 'not logged in';
  }
  return view.matches === false ? `! ${text}` : text;
}

const SGR = { green: 32, red: 31, yellow: 33 } as const;

export function colored(view: SessionView, text: string, color: boolean): string {
  if (!color) return text;
  const code = view.matches === true ? SGR.green : view.matches === false ? SGR.red : SGR.yellow;
  return `\u001b[${code}m${text}\u001b[39m`;
}

/** NO_COLOR (any non-empty value) turns colour off; Claude Code renders ANSI colours otherwise. */
export function wantsColor(env: Readonly<Record<string, string | undefined>>): boolean {
  return !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.FORCE_COLOR !== '0';
}

/** The segment printed when anything went wrong: says nothing, fails nothing. */
export const NEUTRAL = 'auth ?';

const FIX = 'Run `claude-auth-doctor fix` to';

/** One or two sentences for a session whose credential contradicts the expectation; else null. */
export function warningText(view: SessionView): string | null {
  const plan = view.plan ? `your ${view.plan} plan` : 'your Claude subscription';
  const ending = view.fingerprint ? ` (ending in ${view.fingerprint})` : '';
  const who = 'claude-auth-doctor:';
  switch (view.problem) {
    case 'api-key': {
      const why = view.interactive ? ', which you approved at the prompt,' : '';
      return `${who} this session bills API credits: ANTHROPIC_API_KEY${ending}${why} is used instead of ${plan}. ${FIX} remove it.`;
    }
    case 'api-key-helper':
      return `${who} this session bills API credits: the apiKeyHelper command in your settings is used instead of ${plan}. ${FIX} remove it.`;
    case 'console-key':
      return `${who} this session bills API credits: it uses the Console API key stored by /login${ending}, because no usable subscription login was found. ${FIX} get back to ${plan}.`;
    case 'auth-token':
      return `${who} this session sends ANTHROPIC_AUTH_TOKEN${ending} instead of ${plan}, so whoever issued that token bills it. ${FIX} remove it.`;
    case 'provider': {
      const name = PROVIDER_NAMES[view.provider?.name ?? ''] ?? 'a third-party provider';
      return `${who} this session uses ${name} (${view.provider?.variable} is on), billed by that cloud account, not ${plan}. ${FIX} turn the switch off.`;
    }
    case 'copied-token':
      return `${who} this session uses ${view.variable}${ending}, a copy of your login's short-lived access token: it stops working when it expires and is never refreshed. ${FIX} remove it (\`claude setup-token\` makes a long-lived one).`;
    case 'plan-not-api':
      return `${who} this session uses ${view.method === 'oauth-token' ? `CLAUDE_CODE_OAUTH_TOKEN${ending}` : plan}, not API credits as you configured. ${FIX} see why.`;
    default:
      return null;
  }
}

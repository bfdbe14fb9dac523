// Variable names Claude Code reads for authentication (facts file, sections 3 and 4).

export const API_KEY = 'ANTHROPIC_API_KEY';
export const AUTH_TOKEN = 'ANTHROPIC_AUTH_TOKEN';
export const OAUTH_TOKEN = 'CLAUDE_CODE_OAUTH_TOKEN';
export const BASE_URL = 'ANTHROPIC_BASE_URL';

/** Variables whose values are credentials: never shown, only fingerprinted. */
export const CREDENTIAL_VARS = [AUTH_TOKEN, API_KEY, OAUTH_TOKEN] as const;
export type CredentialVar = (typeof CREDENTIAL_VARS)[number];

/**
 * Provider switches in the order Claude Code 2.1.331 checks them (Bedrock and Foundry beat
 * Vertex when several are on), with the `apiProvider` name `claude auth status` reports.
 */
export const PROVIDER_SWITCHES: Readonly<Record<string, string>> = {
  CLAUDE_CODE_USE_BEDROCK: 'bedrock',
  CLAUDE_CODE_USE_FOUNDRY: 'foundry',
  CLAUDE_CODE_USE_VERTEX: 'vertex',
  CLAUDE_CODE_USE_ANTHROPIC_AWS: 'anthropicAws',
  CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD: 'anthropicGoogleCloud',
  CLAUDE_CODE_USE_MANTLE: 'mantle',
};

export const AUTO_UPDATE_SWITCHES = [
  'DISABLE_AUTOUPDATER',
  'DISABLE_UPDATES',
  'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC',
] as const;

/** Where Claude Code keeps its files (facts file, section 2). */
export const CONFIG_DIR_VARS = ['CLAUDE_CONFIG_DIR', 'CLAUDE_SECURESTORAGE_CONFIG_DIR'] as const;

/** Proxy and CA variables Claude Code (Node) honours for its requests. */
export const NETWORK_VARS = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
  'NODE_TLS_REJECT_UNAUTHORIZED',
] as const;

/** Every variable the doctor tracks through shells and settings `env` blocks. */
export const WATCHED_VARS: ReadonlySet<string> = new Set([
  ...CREDENTIAL_VARS,
  BASE_URL,
  ...Object.keys(PROVIDER_SWITCHES),
  ...AUTO_UPDATE_SWITCHES,
  ...CONFIG_DIR_VARS,
  ...NETWORK_VARS,
]);

export function isSecretName(name: string): boolean {
  return (
    (CREDENTIAL_VARS as readonly string[]).includes(name) || /KEY|TOKEN|SECRET|PASSWORD/i.test(name)
  );
}

/** Claude Code's reading of switches: only these words turn one on (`2` does not). */
export function isTruthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

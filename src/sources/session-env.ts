import { startupChain } from './shell-files.js';
// The session environment: the variables a Claude Code session started in the project directory
// gets (the shell's, then the settings `env` blocks in precedence order), with every place each
// one is set. A source: the credential model and the network probe both read it.
import type { Context } from '../context.js';
import { CREDENTIAL_VARS, isSecretName } from '../env-vars.js';
import { registerUrlSecrets, Secret } from '../redact.js';
import { globalConfig } from './claude-json.js';
import { settingsFiles, type SettingsScope } from './settings.js';

/** `wrapper`: set by the `claude` alias or function of the user's shell, only for Claude Code. */
export type EnvScope = 'process' | 'wrapper' | SettingsScope;

export interface EnvDefinition {
  name: string;
  scope: EnvScope;
  /** `env:NAME` or `file:PATH#env.NAME` */
  source: string;
  /** The settings file (absolute path) for definitions from an `env` block. */
  path?: string;
  value: Secret;
  /** The plain value, for variables that are not credentials (switches, URLs). */
  text?: string;
}

export interface EnvVariable {
  name: string;
  /** What a session started in the project directory sees: settings override the shell. */
  effective: EnvDefinition;
  /** Every definition, lowest precedence first. */
  definitions: EnvDefinition[];
}

const SCOPE_ORDER: EnvScope[] = [
  'process',
  'wrapper',
  'legacy',
  'user',
  'project',
  'local',
  'managed',
];

/** Every definition of every variable, empty ones included, lowest precedence first. */
function allDefinitions(ctx: Context): Promise<EnvDefinition[]> {
  return ctx.memo('env-definitions', async () => {
    const [settings, config] = await Promise.all([settingsFiles(ctx), globalConfig(ctx)]);
    const definitions: EnvDefinition[] = [];
    const define = (name: string, raw: string, scope: EnvScope, source: string, file?: string) => {
      // An empty value in the shell is no value; in a settings `env` block it unsets the
      // variable for everything below it (2.1.331: `"ANTHROPIC_API_KEY": ""` in user settings
      // hides the shell's key).
      if (raw === '' && scope === 'process') return;
      // A proxy's password or a gateway key in a query string: the sink must know them.
      registerUrlSecrets(raw, ctx.secrets);
      const secret = isSecretName(name);
      definitions.push({
        name,
        scope,
        source,
        ...(file ? { path: file } : {}),
        value: secret ? ctx.secret(raw) : new Secret(raw),
        ...(secret ? {} : { text: raw }),
      });
    };
    for (const [name, raw] of Object.entries(ctx.env))
      if (raw !== undefined) define(name, raw, 'process', `env:${name}`);
    // Typing `claude` runs the user's `claude` alias or function: what it sets wins over the
    // shell's value for Claude Code (settings `env` blocks still win over both).
    for (const wrapper of (await startupChain(ctx)).wrappers) {
      if (!wrapper.isClaude) continue;
      for (const inject of wrapper.injects)
        if (inject.value) define(inject.name, inject.value.reveal(), 'wrapper', wrapper.source);
    }
    for (const [name, raw] of Object.entries(config.env)) {
      define(
        name,
        raw,
        'legacy',
        `file:${ctx.display(config.file.path)}#env.${name}`,
        config.file.path,
      );
    }
    for (const file of settings) {
      for (const [name, raw] of Object.entries(file.env))
        define(
          name,
          raw,
          file.scope,
          `file:${ctx.display(file.file.path)}#env.${name}`,
          file.file.path,
        );
    }
    return definitions.sort((a, b) => SCOPE_ORDER.indexOf(a.scope) - SCOPE_ORDER.indexOf(b.scope));
  });
}

/** The variables a session started in the project directory gets, with every place they are set. */
export function envVariables(ctx: Context): Promise<Map<string, EnvVariable>> {
  return ctx.memo('env-variables', async () => {
    const vars = new Map<string, EnvVariable>();
    const last = new Map<string, EnvDefinition>();
    for (const definition of await allDefinitions(ctx)) {
      last.set(definition.name, definition);
      if (definition.value.reveal() === '') continue;
      const entry = vars.get(definition.name);
      if (entry) {
        entry.definitions.push(definition);
        entry.effective = definition;
      } else {
        vars.set(definition.name, {
          name: definition.name,
          effective: definition,
          definitions: [definition],
        });
      }
    }
    for (const [name, definition] of last) if (definition.value.reveal() === '') vars.delete(name);
    return vars;
  });
}

/**
 * What `claude auth status` sees: like a session, except that credential variables in project
 * settings are not applied (measured on 2.1.331; provider switches there are).
 */
export function authStatusEnv(ctx: Context): Promise<Map<string, EnvDefinition>> {
  return ctx.memo('auth-status-env', async () => {
    const seen = new Map<string, EnvDefinition>();
    for (const definition of await allDefinitions(ctx)) {
      const projectScope = definition.scope === 'project' || definition.scope === 'local';
      if (projectScope && (CREDENTIAL_VARS as readonly string[]).includes(definition.name))
        continue;
      seen.set(definition.name, definition);
    }
    for (const [name, definition] of seen) if (definition.value.reveal() === '') seen.delete(name);
    return seen;
  });
}

import type { ResolvedConfig } from '../config/resolve.js';
import type { Command, Io } from './command.js';
import { loadRunConfig } from './doctor.js';
import { CONFIGURABLE_OPTIONS } from './options.js';

/** A registry URL may carry a token in its user-info part; it never prints. */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

export function configDocument(config: ResolvedConfig) {
  const sources: Record<string, string> = { ...config.sources };
  for (const [id, { source }] of Object.entries(config.checks)) sources[`checks.${id}`] = source;
  for (const plugin of config.plugins) sources[`plugins.${plugin.name}`] = plugin.source;
  return {
    files: config.files.map((f) => ({ path: f.shown, scope: f.scope })),
    config: {
      expect: config.expect,
      timeout: config.timeoutMs,
      offline: config.offline,
      ...(config.registry ? { registry: safeUrl(config.registry.url) } : {}),
      ...config.policy,
      checks: Object.fromEntries(
        Object.entries(config.checks).map(([id, { setting }]) => [id, setting]),
      ),
      plugins: config.plugins.map((p) => ({
        name: p.name,
        spec: p.spec,
        file: p.file,
        loaded: p.loaded,
        ...(p.error ? { error: p.error } : {}),
        checks: p.checks,
      })),
    },
    sources,
  };
}

export function renderConfig(config: ResolvedConfig): string {
  const doc = configDocument(config);
  const lines: string[] = [];
  if (doc.files.length === 0) lines.push('No configuration file is in effect; defaults apply.');
  else {
    lines.push('Configuration files (later ones override earlier ones; flags override both):');
    for (const file of doc.files) lines.push(`  ${file.scope.padEnd(8)} ${file.path}`);
  }
  lines.push('');
  const rows: [string, string, string][] = [];
  const show = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));
  for (const key of [
    'expect',
    'timeout',
    'offline',
    'registry',
    'requireMethod',
    'allowBaseUrl',
    'allowedOrganizations',
  ] as const) {
    const value = doc.config[key];
    if (value !== undefined) rows.push([key, show(value), doc.sources[key] ?? 'default']);
  }
  for (const [id, setting] of Object.entries(doc.config.checks))
    rows.push([`checks.${id}`, setting, doc.sources[`checks.${id}`]!]);
  for (const plugin of doc.config.plugins) {
    const what = plugin.loaded ? plugin.checks.join(', ') : `not loaded: ${plugin.error}`;
    rows.push([
      `plugins.${plugin.name}`,
      `${plugin.spec} → ${what}`,
      doc.sources[`plugins.${plugin.name}`]!,
    ]);
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  const valueWidth = Math.min(40, Math.max(...rows.map((r) => r[1].length)));
  for (const [key, value, source] of rows)
    lines.push(`${key.padEnd(width)}  ${value.padEnd(valueWidth)}  ${source}`);
  return `${lines.join('\n')}\n`;
}

export const configCommand: Command = {
  name: 'config',
  describe: 'Print the configuration in effect and which file each value comes from',
  options: [
    ...CONFIGURABLE_OPTIONS,
    { name: 'json', type: 'boolean', default: false, describe: 'Print it as one JSON document' },
  ],
  examples: [['claude-auth-doctor config', 'Each setting and the file it comes from']],
  async run(args, io: Io) {
    const config = await loadRunConfig(args, io);
    io.stdout(
      args.json ? `${JSON.stringify(configDocument(config), null, 2)}\n` : renderConfig(config),
    );
    return 0;
  },
};

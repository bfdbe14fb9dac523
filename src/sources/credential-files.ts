import path from 'node:path';
import type { Context, FileStat } from '../context.js';
import { isSecretName } from '../env-vars.js';
import { claudePaths } from '../platform/paths.js';
import { globalConfig } from './claude-json.js';
import { storedLogins } from './stored-login.js';

export interface CredentialFile {
  file: string;
  stat: FileStat;
}

/**
 * Files on disk that hold a credential: the stored login, `.claude.json` when it holds a
 * Console key or a secret in its `env` block, and the backups of it `claude` writes.
 */
export function credentialFiles(ctx: Context): Promise<CredentialFile[]> {
  return ctx.memo('credential-files', async () => {
    const paths = claudePaths(ctx);
    const [logins, config] = await Promise.all([storedLogins(ctx), globalConfig(ctx)]);
    const files: string[] = [];
    if (logins.credentialsFile.state !== 'missing') files.push(logins.credentialsFile.path);
    if (config.primaryApiKey || Object.keys(config.env).some(isSecretName))
      files.push(config.file.path);
    const backups = path.join(paths.configDir, 'backups');
    for (const name of await ctx.listDir(backups)) {
      if (name.startsWith('.claude.json.backup')) files.push(path.join(backups, name));
    }
    const stats = await Promise.all(
      files.map(async (file) => ({ file, stat: await ctx.stat(file) })),
    );
    return stats.filter((s): s is CredentialFile => s.stat?.isFile === true);
  });
}

export interface Exposure {
  source: string;
  /** Who besides you can read it, or who owns it. */
  detail: string;
  /** The commands that make it private again. */
  commands: string[];
}

/** How a credential file is open to others than its user (mode, owner); null when it is not. */
export function exposureOf(ctx: Context, { file, stat }: CredentialFile): Exposure | null {
  const mode = stat.mode & 0o777;
  const shown = ctx.display(file);
  const others = (mode & 0o007) !== 0;
  const group = (mode & 0o070) !== 0;
  const foreign = ctx.uid !== null && stat.uid !== ctx.uid;
  if (!others && !group && !foreign) return null;
  const readable = others ? 'every user' : group ? 'its group' : '';
  const detail = [
    readable ? `readable by ${readable} (mode ${octal(mode)})` : '',
    foreign ? `owned by user id ${stat.uid}, not you (${ctx.uid})` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const commands = [
    ...(readable ? [`chmod 600 ${quote(shown)}`] : []),
    ...(foreign
      ? [`sudo chown "$(id -u)" ${quote(shown)}  # or remove it if another user's login is in it`]
      : []),
  ];
  return { source: `file:${shown}`, detail, commands };
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

function quote(file: string): string {
  return /^[\w~./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}

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

import path from 'node:path';
import type { Context } from '../context.js';
import { globalConfig } from './claude-json.js';

/** What identifies this user on this machine; patterns find the rest (emails, UUIDs, URLs). */
export interface Identity {
  userNames: string[];
  homes: string[];
  hostnames: string[];
  organizations: string[];
}

/** What `--anonymize` must hide that no pattern can find: names of this user, machine and organisation. */
export async function identityOf(ctx: Context): Promise<Identity> {
  const config = await globalConfig(ctx);
  const present = (values: (string | null | undefined)[]) =>
    values.filter((v): v is string => Boolean(v));
  const { env } = ctx;
  return {
    userNames: present([
      env.USER,
      env.LOGNAME,
      env.USERNAME,
      env.SUDO_USER,
      ctx.home && path.basename(ctx.home),
    ]),
    homes: present([ctx.home]),
    hostnames: present([ctx.hostname, env.HOSTNAME, env.COMPUTERNAME]),
    organizations: present([config.oauthAccount?.organizationName]),
  };
}

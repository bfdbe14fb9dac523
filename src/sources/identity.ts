import path from 'node:path';
import type { Identity } from '../anonymize.js';
import type { Context } from '../context.js';
import { globalConfig } from './claude-json.js';

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

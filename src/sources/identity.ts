import path from 'node:path';
import type { Context } from '../context.js';
import { urlHost } from '../display.js';
import { globalConfig } from './claude-json.js';
import { npmSetting } from './npm-config.js';
import { settingsFiles } from './settings.js';

/** What identifies this user on this machine; patterns find the rest (emails, UUIDs, URLs). */
export interface Identity {
  userNames: string[];
  homes: string[];
  hostnames: string[];
  organizations: string[];
  /** Hosts of gateways, proxies and NO_PROXY entries, also where they stand without a URL. */
  hosts?: string[];
  /** Base names of files that tell about the company or user (CA bundles). */
  files?: string[];
}

// Variables whose values name hosts (gateways, proxies, hosts that bypass the proxy) or files
// whose names tell about the company (CA bundles).
const HOST_VARS = [
  'ANTHROPIC_BASE_URL',
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'ALL_PROXY',
  'all_proxy',
];
const NO_PROXY_VARS = ['NO_PROXY', 'no_proxy'];
const FILE_VARS = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE'];

/**
 * What `--anonymize` must hide that no pattern can find: names of this user, machine and
 * organisation, the hosts of gateways, proxies and NO_PROXY, and CA file names.
 */
export async function identityOf(ctx: Context): Promise<Identity> {
  const [config, settings] = await Promise.all([globalConfig(ctx), settingsFiles(ctx)]);
  const present = (values: (string | null | undefined)[]) =>
    values.filter((v): v is string => Boolean(v));
  const { env } = ctx;
  // A variable may be set in the shell, in .claude.json's env block or in any settings file.
  const blocks = [env, config.env, ...settings.map((s) => s.env)];
  const valuesOf = (names: string[]) =>
    blocks.flatMap((block) => names.map((name) => block[name])).filter(Boolean) as string[];
  const npm = await Promise.all(
    ['registry', '@anthropic-ai:registry', 'proxy', 'https-proxy', 'noproxy', 'cafile'].map(
      async (key) => (await npmSetting(ctx, key))?.value,
    ),
  );
  const [registry, scoped, proxy, httpsProxy, npmNoProxy, cafile] = npm;
  const hostOf = (value: string) =>
    urlHost(/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? value : `http://${value.trim()}`);
  const hosts = [
    ...[...valuesOf(HOST_VARS), ...present([registry, scoped, proxy, httpsProxy])].map(hostOf),
    ...[...valuesOf(NO_PROXY_VARS), ...present([npmNoProxy])].flatMap((list) =>
      list.split(/[\s,]+/).map((entry) => entry.replace(/^\*?\./, '').replace(/:\d+$/, '')),
    ),
  ];
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
    hosts: present(hosts.map((host) => host?.replace(/:\d+$/, ''))),
    files: [...valuesOf(FILE_VARS), ...present([cafile])].map((file) => path.basename(file.trim())),
  };
}

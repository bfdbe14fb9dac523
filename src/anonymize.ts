import { mapStrings } from './display.js';
import type { Identity } from './sources/identity.js';
import type { Report } from './types.js';

export type { Identity } from './sources/identity.js';

// `report --anonymize`, for public trackers: the same report with the user's names, home,
// addresses, organisations, ids and hosts replaced by placeholders. Each distinct value gets
// its own numbered placeholder, so "<email-1>" means the same address wherever it appears.

// Names shared by millions, or words the placeholders themselves use: replacing them would
// only garble the report.
const GENERIC_NAMES = new Set([
  'root',
  'user',
  'users',
  'home',
  'admin',
  'administrator',
  'runner',
  'ubuntu',
  'debian',
  'node',
  'vscode',
  'codespace',
  'claude',
  'guest',
  'pi',
  'localhost',
  'host',
  'org',
  'email',
  'uuid',
  'userinfo',
]);

// Public services: naming them tells nothing about the user and helps support.
const PUBLIC_DOMAINS = [
  'anthropic.com',
  'claude.ai',
  'claude.com',
  'npmjs.org',
  'npmjs.com',
  'github.com',
  'githubusercontent.com',
  'nodejs.org',
  'yarnpkg.com',
];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const URL_HOST = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@]*@)?(\[[^\]\s]*\]|[^\s/:?#'"`<>)\]]+)/gi;

export function anonymize(report: Report, identity: Identity): Report {
  return { ...mapStrings(report, rewriter(identity)), anonymized: true };
}

export { mapStrings };

function rewriter(identity: Identity): (text: string) => string {
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  const placeholder = (kind: string, value: string) => {
    const key = `${kind}:${value.toLowerCase()}`;
    let name = seen.get(key);
    if (!name) {
      const n = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, n);
      name = `<${kind}-${n}>`;
      seen.set(key, name);
    }
    return name;
  };
  const specific = (values: string[]) =>
    [...new Set(values.map((v) => v.trim()))]
      .filter((v) => v.length >= 2 && !GENERIC_NAMES.has(v.toLowerCase()))
      .sort((a, b) => b.length - a.length);

  const homes = [...new Set(identity.homes)]
    .filter((h) => h.length > 1 && !/^[A-Za-z]:\\?$/.test(h))
    .sort((a, b) => b.length - a.length)
    .map(
      (home) => new RegExp(`${escape(home.replace(/[\\/]+$/, ''))}(?=$|[\\\\/\\s"'),;:])`, 'gi'),
    );
  const orgs = specific(identity.organizations).map((org) => ({
    org,
    pattern: new RegExp(escape(org), 'gi'),
  }));
  const hosts = specific(identity.hostnames.flatMap((h) => [h, h.split('.')[0] ?? ''])).map(token);
  const users = specific(identity.userNames).map(token);

  return (text) => {
    let out = text;
    for (const home of homes) out = out.replace(home, '~');
    for (const { org, pattern } of orgs) out = out.replace(pattern, () => placeholder('org', org));
    out = out.replace(
      URL_HOST,
      (_, scheme: string, userinfo: string | undefined, host: string) =>
        `${scheme}${userinfo ? '<userinfo>@' : ''}${isPublic(host) ? host : placeholder('host', host)}`,
    );
    out = out.replace(EMAIL, (email) => placeholder('email', email));
    out = out.replace(UUID, (uuid) => placeholder('uuid', uuid));
    for (const host of hosts) out = out.replace(host, '<host>');
    for (const user of users) out = out.replace(user, '<user>');
    return out;
  };
}

function isPublic(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name)) return true;
  return PUBLIC_DOMAINS.some((domain) => name === domain || name.endsWith(`.${domain}`));
}

/** A whole word or path segment, never part of a longer name. */
function token(value: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${escape(value)}(?![\\p{L}\\p{N}_-])`, 'giu');
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

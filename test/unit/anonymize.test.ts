import { describe, expect, it } from 'vitest';
import { anonymize, type Identity } from '../../src/anonymize.js';
import type { Report } from '../../src/types.js';

const IDENTITY: Identity = {
  userNames: ['zquirk', 'root'],
  homes: ['/home/zquirk'],
  hostnames: ['zq-laptop.corp.example'],
  organizations: ["zq@acme.io's Organization", 'Acme Widgets'],
  hosts: ['llm-gw.acme.internal', 'proxy.acme.internal', 'acme.internal', '10.20.0.5', 'localhost'],
  files: ['acme-root-ca.pem'],
};

/** A report whose strings carry every kind of identifying value; only the strings matter here. */
function reportWith(details: string[]): Report {
  return {
    schemaVersion: 3,
    tool: { name: 'claude-auth-doctor', version: '1.0.0' },
    generatedAt: '2026-11-25T09:12:44.120Z',
    environment: {
      platform: 'linux',
      arch: 'x64',
      node: '20.20.2',
      shell: 'zsh',
      configDir: '~/.claude',
      cwd: '/home/zquirk/src/app',
      claude: null,
    },
    expect: 'subscription',
    auth: {
      effective: { method: 'none', source: null, billing: 'none' },
      interactive: { method: 'none', source: null, billing: 'none' },
      authStatus: { method: 'none', source: null, billing: 'none' },
      candidates: [],
    },
    checks: [
      {
        id: 'x',
        title: 'X',
        status: 'pass',
        outcome: 'o',
        summary: 's',
        evidence: details.map((detail) => ({ source: 'file:~/.claude.json', detail })),
        fix: [],
        durationMs: 1,
      },
    ],
    fixPlan: [],
    summary: { pass: 1, warn: 0, fail: 0, skip: 0, error: 0 },
  };
}

function details(report: Report): string[] {
  return report.checks[0]!.evidence.map((e) => e.detail);
}

describe('anonymize', () => {
  it.each([
    ['the home path', 'reads /home/zquirk/.zshrc and /home/zquirk', 'reads ~/.zshrc and ~'],
    [
      'a home-like path that is not the home',
      'reads /home/zquirkling/x',
      'reads /home/zquirkling/x',
    ],
    [
      'the user name as a word or path segment',
      'account of zquirk on /srv/zquirk/bin (ZQUIRK)',
      'account of <user> on /srv/<user>/bin (<user>)',
    ],
    ['the user name inside a longer word', 'zquirkling', 'zquirkling'],
    [
      'the user name as part of a path segment or file name',
      '/srv/zquirk-data/x and /opt/certs/zquirk_ca.pem and zquirk.local',
      '/srv/<user>-data/x and /opt/certs/<user>_ca.pem and <user>.local',
    ],
    [
      'gateway, proxy and NO_PROXY hosts without a URL around them',
      'Every request goes to llm-gw.acme.internal; NO_PROXY = localhost,.acme.internal,10.20.0.5; git.acme.internal direct',
      'Every request goes to <host-1>; NO_PROXY = localhost,.<host-2>,<host-4>; <host-3> direct',
    ],
    [
      'a proxy URL and the same host bare, with one placeholder',
      'HTTPS_PROXY = http://proxy.acme.internal:3128 (proxy.acme.internal)',
      'HTTPS_PROXY = http://<host-1>:3128 (<host-1>)',
    ],
    [
      'CA file names',
      'NODE_EXTRA_CA_CERTS adds 2 certificates from /etc/ssl/acme-root-ca.pem',
      'NODE_EXTRA_CA_CERTS adds 2 certificates from /etc/ssl/<file-1>',
    ],
    ['generic user names', 'runs as root in /root', 'runs as root in /root'],
    [
      'email addresses, numbered by first appearance',
      'b@x.io, a@y.org, b@x.io',
      '<email-1>, <email-2>, <email-1>',
    ],
    [
      'organisation names, case-insensitively, before emails inside them',
      "zq@acme.io's Organization and ACME WIDGETS",
      '<org-1> and <org-2>',
    ],
    [
      'UUIDs',
      'org 11111111-2222-3333-4444-555555555555 and 11111111-2222-3333-4444-555555555555',
      'org <uuid-1> and <uuid-1>',
    ],
    [
      'private hosts in URLs, with any user info',
      'https://llm-gw.acme.internal/v1 and http://tok:en@npm.acme.internal:8080/',
      'https://<host-1>/v1 and http://<userinfo>@<host-2>:8080/',
    ],
    [
      'public and loopback hosts',
      'https://registry.npmjs.org/ https://api.anthropic.com http://127.0.0.1:4873/',
      'https://registry.npmjs.org/ https://api.anthropic.com http://127.0.0.1:4873/',
    ],
    [
      'the machine name, long and short',
      'on zq-laptop.corp.example (zq-laptop)',
      'on <host> (<host>)',
    ],
    [
      'the machine name inside a file name',
      'backup-zq-laptop-2026.tar and zq-laptop_ca.pem',
      'backup-<host>-2026.tar and <host>_ca.pem',
    ],
  ])('replaces %s', (_, input, output) => {
    expect(details(anonymize(reportWith([input]), IDENTITY))).toEqual([output]);
  });

  it('marks the report, keeps its shape and leaves the input alone', () => {
    const original = reportWith(['zquirk']);
    const copy = structuredClone(original);
    const result = anonymize(original, IDENTITY);
    expect(result.anonymized).toBe(true);
    expect(result.environment.cwd).toBe('~/src/app');
    expect(result.checks[0]!.durationMs).toBe(1);
    expect(original).toEqual(copy);
  });

  it('gives one value the same placeholder across fields', () => {
    const result = anonymize(reportWith(['first a@b.io', 'then c@d.io and a@b.io']), IDENTITY);
    expect(details(result)).toEqual(['first <email-1>', 'then <email-2> and <email-1>']);
  });
});

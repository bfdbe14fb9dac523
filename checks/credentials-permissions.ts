// Claude Code writes its credential files with mode 0600 (facts file, section 2); `auth status`
// copies .claude.json, primaryApiKey included, into backups/ (real-cli-findings 12).
import { defineCheck } from '../src/check.js';
import { credentialFiles, exposureOf } from '../src/sources/credential-files.js';
import type { Evidence } from '../src/types.js';

export default defineCheck({
  id: 'credentials-permissions',
  title: 'Credential file permissions',
  description:
    'Files holding credentials (.credentials.json, .claude.json with a Console key, its backups) readable by group or others, or owned by another user.',
  explain: {
    why: 'Anyone who can read `.credentials.json`, or a `.claude.json` (or one of its backups) holding a Console key, can use your login or key and bill your account. Claude Code writes them private (mode 0600), but copies, restores and sync tools often do not keep that.',
    docs: 'https://code.claude.com/docs/en/authentication',
  },
  outcomes: {
    windows: {
      status: 'skip',
      summary: 'File modes do not apply on Windows (access is governed by ACLs).',
    },
    'none-stored': { status: 'pass', summary: 'No credential file is stored.' },
    private: {
      status: 'pass',
      summary: '{count} credential {files} private (mode 0600 or stricter, owned by you).',
    },
    exposed: {
      status: 'warn',
      summary:
        '{count} credential {files} can be read by others than you; anyone who reads {them} can use your login or key.',
      fix: 'Make them private: {commands}.',
    },
  },
  async run(ctx) {
    if (ctx.platform === 'win32') return { outcome: 'windows' };
    const files = await credentialFiles(ctx);
    if (files.length === 0) return { outcome: 'none-stored' };

    const exposed = files.flatMap((file) => exposureOf(ctx, file) ?? []);
    const evidence: Evidence[] = exposed.map((e) => ({ source: e.source, detail: e.detail }));
    if (exposed.length === 0) {
      const values = { count: files.length, files: files.length === 1 ? 'file is' : 'files are' };
      return { outcome: 'private', values };
    }
    const one = evidence.length === 1;
    return {
      outcome: 'exposed',
      values: {
        count: evidence.length,
        files: one ? 'file' : 'files',
        them: one ? 'it' : 'them',
        commands: exposed.flatMap((e) => e.commands).join('; '),
      },
      evidence,
    };
  },
});

// Claude Code skips a settings file it cannot parse, so a typo silently undoes a fix.
import { defineCheck } from '../src/check.js';
import { globalConfig } from '../src/sources/claude-json.js';
import { settingsFiles } from '../src/sources/settings.js';
import { storedLogins } from '../src/sources/stored-login.js';
import { permissionFixes } from '../src/sources/permissions.js';
import type { Evidence } from '../src/types.js';

const PROBLEMS =
  "{count} {problems} in Claude Code's files; Claude Code ignores what it cannot read.";
const FIX =
  'Correct or remove the entries named in the evidence (a JSON validator such as `node -e "JSON.parse(require(\'fs\').readFileSync(process.argv[1]))" FILE` points at the error).';

export default defineCheck({
  id: 'config-files',
  title: 'Claude Code files',
  description:
    'Every Claude Code file the doctor read (settings, .claude.json, .credentials.json) that is malformed: invalid JSON, wrong types, unreadable.',
  explain: {
    why: 'Claude Code skips a settings or config file it cannot parse, and ignores values of the wrong type, so a fix written there silently has no effect.',
    docs: 'https://code.claude.com/docs/en/settings',
  },
  outcomes: {
    'all-valid': { status: 'pass', summary: '{count} Claude Code {files} read, none malformed.' },
    'wrong-types': {
      status: 'warn',
      summary: PROBLEMS,
      fix: FIX,
      when: 'A key the doctor reads has the wrong type (e.g. `env` is not an object of strings).',
    },
    'no-permission': {
      status: 'fail',
      summary:
        'You cannot read {unreadable}; Claude Code cannot either, and ignores what is in it.',
      fix: 'Give the file back to yourself and make it readable: {commands}.',
      plan: ['fix-permissions', 'verify'],
      when: 'A Claude Code file exists but your user may not read it (permission denied), typically after `sudo claude`.',
    },
    broken: {
      status: 'fail',
      summary: PROBLEMS,
      fix: FIX,
      when: 'A file is not valid JSON, holds no JSON object, or cannot be read.',
    },
  },
  async run(ctx) {
    // Each source returns its files with their problems: the answer is the same whatever
    // other checks run, and in whatever order.
    const [settings, config, logins] = await Promise.all([
      settingsFiles(ctx),
      globalConfig(ctx),
      storedLogins(ctx),
    ]);
    const records = [
      ...settings,
      config,
      { file: logins.credentialsFile, problems: logins.credentialsProblems },
    ];
    const files = records.map((record) => record.file);
    const read = files.filter((file) => file.state !== 'missing');
    const evidence: Evidence[] = records.flatMap(({ file, problems }) =>
      problems.map((problem) => ({ source: `file:${ctx.display(file.path)}`, detail: problem })),
    );
    if (evidence.length === 0)
      return {
        outcome: 'all-valid',
        values: { count: read.length, files: read.length === 1 ? 'file' : 'files' },
      };
    const denied = files.filter((f) => f.state === 'unreadable' && /^EACCES|EPERM$/.test(f.code!));
    const otherwise = files.some(
      (file) => file.state === 'invalid' || (file.state === 'unreadable' && !denied.includes(file)),
    );
    if (denied.length && !otherwise)
      return { outcome: 'no-permission', ...(await permissionFixes(ctx, denied)), evidence };
    const broken = files.some((file) => file.state === 'invalid' || file.state === 'unreadable');
    const values = {
      count: evidence.length,
      problems: evidence.length === 1 ? 'problem' : 'problems',
    };
    return { outcome: broken ? 'broken' : 'wrong-types', values, evidence };
  },
});

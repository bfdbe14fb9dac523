import { METHOD_LABEL } from '../labels.js';
import type { CheckReport, Method, Report, Status } from '../types.js';
import { effectiveSentence } from './human.js';

// A report to paste into a ticket: a short summary that reads on its own, then everything
// else folded into <details>. Text from the user's files is escaped so it cannot open HTML.

const BADGE: Record<Status, string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ fail',
  skip: '⏭️ skip',
  error: '💥 error',
};

export function renderMarkdown(report: Report): string {
  const { summary } = report;
  const lines = [
    '### Claude Code sign-in report',
    '',
    `claude-auth-doctor ${text(report.tool.version)} · ${text(report.generatedAt)} · ${text(osLine(report))}${report.anonymized ? ' · anonymized' : ''}`,
    '',
    `**${text(effectiveSentence(report))}**`,
    '',
    `${summary.pass} passed, ${summary.warn} warnings, ${summary.fail} failed, ${summary.error} errors, ${summary.skip} skipped`,
    '',
    '| status | check | summary |',
    '|---|---|---|',
    ...report.checks.map(
      (c) => `| ${BADGE[c.status]} | ${code(c.id)} | ${cell(text(c.summary))} |`,
    ),
    '',
    ...fixPlan(report),
    '<details>',
    '<summary>Environment, credentials and evidence</summary>',
    '',
    ...environment(report),
    ...installs(report),
    ...credentials(report),
    '#### Checks',
    '',
    ...report.checks.flatMap(checkSection),
    '</details>',
  ];
  return `${lines.join('\n')}\n`;
}

function fixPlan(report: Report): string[] {
  if (!report.fixPlan.length) return [];
  return [
    '**Fix plan**',
    '',
    ...report.fixPlan.flatMap((step, index) => [
      `${index + 1}. ${text(step.title)}`,
      ...(step.details ?? []).map((detail) => `   - ${text(detail)}`),
      ...(step.command ? [`   - run ${code(step.command)}`] : []),
    ]),
    '',
  ];
}

function environment(report: Report): string[] {
  const env = report.environment;
  const detected = env.detected
    ? [
        env.detected.wsl && 'WSL',
        env.detected.container && 'container',
        env.detected.ci && `CI (${env.detected.ci})`,
        env.detected.ssh && 'SSH',
      ]
        .filter(Boolean)
        .join(', ') || 'none'
    : 'unknown';
  const rows: [string, string][] = [
    ['OS', text(osLine(report))],
    ['Shell', text(env.shell ?? 'unknown')],
    ['Terminal or IDE', text(env.terminal ?? 'unknown')],
    ['Node', text(env.node)],
    ['npm', text(env.npm ?? 'unknown')],
    ['WSL, container, CI, SSH', detected],
    ['Config directory', code(env.configDir)],
    ['Project directory', code(env.cwd)],
    ['Expected billing', text(report.expect)],
  ];
  return [
    '#### Environment',
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`),
    '',
  ];
}

function installs(report: Report): string[] {
  const env = report.environment;
  const list = env.claudeInstalls ?? (env.claude ? [{ ...env.claude, runs: true }] : []);
  if (!list.length) return ['#### Claude Code on PATH', '', 'No `claude` executable on PATH.', ''];
  return [
    '#### Claude Code on PATH',
    '',
    '| path | version | install method | runs |',
    '|---|---|---|---|',
    ...list.map((c) => {
      const target = 'realPath' in c && c.realPath ? ` → ${code(c.realPath)}` : '';
      return `| ${cell(code(c.path) + target)} | ${cell(text(c.version ?? 'unknown'))} | ${cell(text(c.installMethod))} | ${c.runs ? 'yes' : 'no'} |`;
    }),
    '',
  ];
}

function credentials(report: Report): string[] {
  const { effective, interactive, candidates } = report.auth;
  const resolution = (label: string, r: typeof effective) =>
    `- ${label}: ${text(METHOD_LABEL[r.method as Method] ?? r.method)}${r.source ? ` from ${code(r.source)}` : ''}, billing ${text(r.billing)}`;
  const lines = [
    '#### Credentials',
    '',
    resolution('Scripts, `claude -p` and the SDK use', effective),
    resolution('Interactive sessions use', interactive),
    '',
  ];
  if (!candidates.length) return [...lines, 'No credential is present.', ''];
  return [
    ...lines,
    '| method | source | in use | fingerprint | set in | plan | note |',
    '|---|---|---|---|---|---|---|',
    ...candidates.map(
      (c) =>
        `| ${[
          text(c.method),
          code(c.source),
          c.active ? 'yes' : 'no',
          c.fingerprint ? code(c.fingerprint) : '',
          (c.origins ?? []).map(code).join(', '),
          text(c.plan ?? ''),
          text(c.note ?? ''),
        ]
          .map(cell)
          .join(' | ')} |`,
    ),
    '',
  ];
}

function checkSection(check: CheckReport): string[] {
  return [
    `##### ${BADGE[check.status]} · ${text(check.title)} (${code(check.id)})`,
    '',
    text(check.summary),
    '',
    ...check.evidence.map((e) => `- ${code(e.source)}: ${text(e.detail)}`),
    ...check.fix.map((fix) => `- Fix: ${text(fix)}`),
    ...(check.evidence.length || check.fix.length ? [''] : []),
  ];
}

function osLine(report: Report): string {
  const { os, platform, arch } = report.environment;
  if (!os) return `${platform} ${arch}`;
  const kernel = os.kernel ? ` (kernel ${os.kernel})` : '';
  return `${os.name}${os.version ? ` ${os.version}` : ''}${kernel} ${arch}`;
}

/** Plain text: no raw HTML, one line. Backticks stay, since summaries quote commands with them. */
function text(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ');
}

/** An inline code span that holds any text, backticks included. */
function code(value: string): string {
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value.replace(/\n/g, ' ')}${pad}${fence}`;
}

/** A table cell: pipes would end the cell, even inside code spans on GitHub. */
function cell(value: string): string {
  return value.replace(/\|/g, '\\|');
}

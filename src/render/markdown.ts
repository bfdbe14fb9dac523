import { METHOD_LABEL } from '../labels.js';
import type { CheckReport, Method, Report, Status } from '../types.js';
import { withArgs } from '../invocation.js';
import { assumedShellLine, rerunOf, traceLine, verdictLines } from './human.js';

// A report to paste into a ticket: a short summary that reads on its own, then everything
// else folded into <details>. Text from the user's files is escaped so it cannot open HTML.

const BADGE: Record<Status, string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ fail',
  skip: '⏭️ skip',
  error: '💥 error',
};

const PROBLEM = new Set<Status>(['warn', 'fail', 'error']);

export function renderMarkdown(report: Report): string {
  const { summary } = report;
  const problems = report.checks.filter((c) => PROBLEM.has(c.status));
  const others = `${summary.pass} ${problems.length ? 'other ' : ''}check${summary.pass === 1 ? '' : 's'} passed${summary.skip ? `, ${summary.skip} skipped` : ''}`;
  const lines = [
    '### Claude Code sign-in report',
    '',
    `claude-auth-doctor ${text(report.tool.version)} · ${text(report.generatedAt)} · ${text(osLine(report))}${report.anonymized ? ' · anonymized' : ''}`,
    '',
    ...verdictLines(report).map((line) => `**${text(line)}**  `),
    '',
    // Support staff need it whatever the result: every startup-file line rests on it.
    ...shellLine(report),
    ...(problems.length
      ? ['**Problems**', '', ...problems.flatMap(problemItem), '']
      : [`All clear: ${others}.`, '']),
    ...fixPlan(report),
    ...precedenceChart(report),
    ...(problems.length ? [`${others} (every check is listed below).`, ''] : []),
    '<details>',
    '<summary>Every check, environment, credentials and evidence</summary>',
    '',
    '| status | check | summary |',
    '|---|---|---|',
    ...report.checks.map(
      (c) => `| ${BADGE[c.status]} | ${code(c.id)} | ${cell(text(c.summary))} |`,
    ),
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

/** A problem as a list item: status, title, id and summary, then its evidence and fix. */
function problemItem(check: CheckReport): string[] {
  return [
    `- ${BADGE[check.status]} **${text(check.title)}** (${code(check.id)}): ${text(check.summary)}`,
    ...check.evidence.map((e) => `  - ${code(e.source)}: ${text(e.detail)}`),
    ...check.fix.map((fix) => `  - Fix: ${text(fix)}`),
  ];
}

function fixPlan(report: Report): string[] {
  if (!report.fixPlan.length) return [];
  const auto = report.fixPlan.flatMap((step, index) => (step.automatic ? [index + 1] : []));
  return [
    '**Fix plan**',
    '',
    ...(auto.length
      ? [
          `${code(withArgs(rerunOf(report), 'fix'))} does ${auto.length === 1 ? 'step' : 'steps'} ${auto.join(', ')} for you, asking first.`,
          '',
        ]
      : []),
    ...report.fixPlan.flatMap((step, index) => [
      `${index + 1}. ${text(step.title)}`,
      ...(step.details ?? []).map((detail) => `   - ${text(detail)}`),
      ...(step.command
        ? [
            step.id === 'remove-env-credential'
              ? `   - this terminal keeps it until you close it; to drop it there: ${code(step.command)}`
              : `   - run ${code(step.command)}`,
          ]
        : []),
    ]),
    '',
  ];
}

/**
 * The precedence chain as a Mermaid flowchart (GitHub and most ticket systems draw it): every
 * credential present, in Claude Code's order, the one in use highlighted, the ones it shadows
 * greyed, each labelled with where it comes from (secrets only by their last characters).
 */
export function precedenceChart(report: Report): string[] {
  const { effective, candidates } = report.auth;
  const nodes: { label: string; winner: boolean }[] = [];
  if (effective.method === 'third-party')
    nodes.push({
      label: `third-party provider<br/>${mermaidText(effective.source ?? '')}`,
      winner: true,
    });
  for (const c of candidates) {
    const name =
      c.method === 'subscription' && c.plan
        ? `claude.ai ${c.plan} login`
        : (SHORT[c.method] ?? c.method);
    const where = (c.origins?.length ? c.origins : [c.source])
      .map((source) => source.replace(/^file:/, ''))
      .join(', ');
    const masked = c.fingerprint ? ` (ending in ${c.fingerprint})` : '';
    nodes.push({
      label: `${mermaidText(name)}${mermaidText(masked)}<br/>${mermaidText(where)}`,
      winner: c.active && effective.method !== 'third-party',
    });
  }
  // One credential needs no picture: the verdict says it all.
  if (nodes.length < 2) return [];
  const lines = [
    '**Which credential wins** (first present wins, left to right)',
    '',
    '```mermaid',
    'flowchart LR',
  ];
  nodes.forEach((node, index) => {
    const shape = `c${index}["${node.label}"]:::${node.winner ? 'winner' : 'shadowed'}`;
    lines.push(index === 0 ? `  ${shape}` : `  c${index - 1} --> ${shape}`);
  });
  lines.push(
    '  classDef winner fill:#d1f0d8,stroke:#1a7f37,stroke-width:3px,color:#000',
    '  classDef shadowed fill:#eeeeee,stroke:#999999,color:#777777,stroke-dasharray:4 3',
    '```',
    '',
  );
  return lines;
}

const SHORT: Partial<Record<Method, string>> = {
  'api-key': 'ANTHROPIC_API_KEY',
  'auth-token': 'ANTHROPIC_AUTH_TOKEN',
  'oauth-token': 'CLAUDE_CODE_OAUTH_TOKEN',
  'api-key-helper': 'apiKeyHelper',
  'console-key': 'Console key (/login)',
  subscription: 'claude.ai login',
};

/** Text inside a quoted Mermaid label: quotes, angle brackets and pipes as entity codes. */
function mermaidText(value: string): string {
  return value
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;')
    .replace(/\s*\n\s*/g, ' ');
}

function shellLine(report: Report): string[] {
  const lines = [assumedShellLine(report), traceLine(report)].filter((l) => l !== null);
  return lines.length ? [lines.map(text).join(' '), ''] : [];
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
  // The anonymizer's placeholders read as code (`<email-1>`), not as escaped HTML.
  return value
    .split(PLACEHOLDER)
    .map((part, index) =>
      index % 2
        ? code(part)
        : part
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/\s*\n\s*/g, ' '),
    )
    .join('');
}

/** `<email-1>`, `<org-2>`, `<uuid-1>`, `<host-1>`, `<host>`, `<user>` (src/anonymize.ts). */
const PLACEHOLDER = /(<(?:email|org|uuid|host|user|userinfo)(?:-\d+)?>)/;

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

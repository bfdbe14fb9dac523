import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// One real `claude -p` session (the pinned CLI) in a fixture HOME, against a local fake API,
// with no way out to the network: every proxy variable points at a closed local port, and
// updates and non-essential traffic are off (hooks facts, "How it was observed").

export interface SessionRun {
  code: number | null;
  events: Record<string, unknown>[];
  /** SessionStart `hook_response` events, in order. */
  hookResponses: Record<string, unknown>[];
  init?: Record<string, unknown>;
  result?: Record<string, unknown>;
  stderr: string;
  /** The session transcript's lines (`~/.claude/projects/<cwd>/<session_id>.jsonl`). */
  transcript: Record<string, unknown>[];
}

export function offlineEnv(home: string, apiUrl: string): Record<string, string> {
  return {
    HOME: home,
    PATH: '/usr/bin:/bin',
    ANTHROPIC_BASE_URL: apiUrl,
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
  };
}

function lines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** Claude Code's transcript folder name: the cwd with `/` and `.` as `-`. */
export function transcriptFile(home: string, cwd: string, sessionId: string): string {
  return path.join(home, '.claude', 'projects', cwd.replace(/[/.]/g, '-'), `${sessionId}.jsonl`);
}

export function runSession(
  claude: string,
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 60_000,
): Promise<SessionRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(claude, ['-p', 'hi', '--output-format', 'stream-json', '--verbose'], {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`claude -p did not finish within ${timeoutMs} ms: ${stderr.slice(0, 300)}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const events = lines(stdout);
      const init = events.find((e) => e.type === 'system' && e.subtype === 'init');
      const result = events.find((e) => e.type === 'result');
      const sessionId = (init?.session_id ?? result?.session_id) as string | undefined;
      const file = sessionId ? transcriptFile(env.HOME!, cwd, sessionId) : '';
      resolve({
        code,
        events,
        hookResponses: events.filter(
          (e) =>
            e.type === 'system' && e.subtype === 'hook_response' && e.hook_event === 'SessionStart',
        ),
        ...(init ? { init } : {}),
        ...(result ? { result } : {}),
        stderr,
        transcript: file && existsSync(file) ? lines(readFileSync(file, 'utf8')) : [],
      });
    });
  });
}

/** The `systemMessage`s Claude Code recorded from SessionStart hooks (hooks facts 9). */
export function recordedSystemMessages(run: SessionRun): string[] {
  return run.transcript.flatMap((entry) => {
    const attachment = entry.attachment as Record<string, unknown> | undefined;
    return entry.type === 'attachment' && attachment?.type === 'hook_system_message'
      ? [String(attachment.content)]
      : [];
  });
}

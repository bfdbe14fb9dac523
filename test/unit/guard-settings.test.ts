import { describe, expect, it } from 'vitest';
import { parseGuardArgs } from '../../src/guard/main.js';
import {
  guardCommands,
  installEdit,
  installedIn,
  parseOurs,
  uninstallEdit,
  wrapCommand,
} from '../../src/guard/settings-edit.js';

const commands = guardCommands(
  "'/opt/node 20/bin/node' /usr/lib/claude-auth-doctor/bin/claude-auth-doctor.cjs",
);
const installed = (text: string) => {
  const edit = installEdit(text, commands).edit;
  if (!edit.ok) throw new Error(edit.reason);
  return edit.text;
};
const uninstalled = (text: string) => {
  const edit = uninstallEdit(text);
  if (!edit.ok) throw new Error(edit.reason);
  return edit.text;
};

const CLAUDE_STYLE = `${JSON.stringify(
  {
    env: { DISABLE_TELEMETRY: '1' },
    statusLine: { type: 'command', command: `~/bin/line.sh --sep ' | ' "$HOME"`, padding: 0 },
    hooks: {
      SessionStart: [{ matcher: 'startup', hooks: [{ type: 'command', command: 'echo mine' }] }],
      Stop: [{ hooks: [{ type: 'command', command: 'notify-send done' }] }],
    },
    model: 'opus',
  },
  null,
  2,
)}\n`;

describe('guard install / uninstall edits', () => {
  it('adds both to an empty or missing file, and takes them away again', () => {
    const text = installed('');
    const data = JSON.parse(text) as Record<string, unknown>;
    expect(data).toEqual({
      statusLine: { type: 'command', command: commands.statusline },
      hooks: { SessionStart: [{ hooks: [{ type: 'command', command: commands.hook }] }] },
    });
    expect(JSON.parse(uninstalled(text))).toEqual({});
    expect(uninstalled(installed('{}\n'))).toBe('{}\n');
  });

  it('wraps an existing status line, keeps other hooks, and restores every byte', () => {
    const text = installed(CLAUDE_STYLE);
    const data = JSON.parse(text) as {
      statusLine: Record<string, unknown>;
      hooks: Record<string, unknown[]>;
    };
    expect(data.statusLine.padding).toBe(0);
    const ours = parseOurs(data.statusLine.command);
    expect(ours).toEqual({
      kind: 'statusline',
      invoke: expect.any(String) as string,
      wrapped: `~/bin/line.sh --sep ' | ' "$HOME"`,
    });
    expect(data.hooks.SessionStart).toHaveLength(2);
    expect(data.hooks.Stop).toEqual(JSON.parse(CLAUDE_STYLE).hooks.Stop);
    expect(installedIn(data)).toEqual({ statusLine: ours, otherStatusLine: false, hook: true });
    expect(uninstalled(text)).toBe(CLAUDE_STYLE);
  });

  it('is idempotent', () => {
    const once = installed(CLAUDE_STYLE);
    expect(installed(once)).toBe(once);
    expect(uninstalled(uninstalled(once))).toBe(CLAUDE_STYLE);
  });

  it('keeps hand formatting outside what it owns', () => {
    const hand =
      '{\n    "model": "opus",   "theme": "dark" ,\n    "statusLine": {"type":"command","command":"date"}\n}';
    const text = installed(hand);
    expect(
      text.startsWith(
        '{\n    "model": "opus",   "theme": "dark" ,\n    "statusLine": {"type":"command","command":',
      ),
    ).toBe(true);
    expect(uninstalled(text)).toBe(hand);
  });

  it('updates its own commands in place (a new path, --expect) without wrapping itself', () => {
    const first = installed(CLAUDE_STYLE);
    const moved = guardCommands('claude-auth-doctor', 'api');
    const edit = installEdit(first, moved).edit;
    if (!edit.ok) throw new Error(edit.reason);
    const data = JSON.parse(edit.text) as { statusLine: { command: string } };
    expect(data.statusLine.command).toBe(
      wrapCommand(moved.statusline, `~/bin/line.sh --sep ' | ' "$HOME"`),
    );
    expect(uninstalled(edit.text)).toBe(CLAUDE_STYLE);
  });

  it('refuses what it cannot edit safely, and leaves a status line that is not a command', () => {
    expect(installEdit('{ not json', commands).edit.ok).toBe(false);
    expect(installEdit('[]', commands).edit.ok).toBe(false);
    expect(installEdit('{"hooks": []}', commands).edit.ok).toBe(false);
    expect(installEdit('{"hooks": {"SessionStart": {}}}', commands).edit.ok).toBe(false);
    const odd = installEdit('{"statusLine": {"type": "static", "text": "hi"}}', commands);
    expect(odd.statusLineSkipped).toBeDefined();
    expect(odd.edit.ok).toBe(true);
  });

  it('recognises only its own commands', () => {
    expect(parseOurs('claude-auth-doctor statusline')).toEqual({
      kind: 'statusline',
      invoke: 'claude-auth-doctor',
    });
    expect(parseOurs('npx claude-auth-doctor hook session-start --expect api')).toEqual({
      kind: 'hook',
      invoke: 'npx claude-auth-doctor',
    });
    expect(parseOurs('my-statusline')).toBeNull();
    expect(parseOurs('claude-auth-doctor')).toBeNull();
    const tricky = `printf '%s' "it's" && echo 'a'\\''b'`;
    expect(parseOurs(wrapCommand('claude-auth-doctor statusline', tricky))).toEqual({
      kind: 'statusline',
      invoke: 'claude-auth-doctor',
      wrapped: tricky,
    });
  });
});

describe('guard argument forms', () => {
  it('takes exactly what install writes; the rest goes to the full CLI', () => {
    expect(parseGuardArgs(['statusline'])).toEqual({ kind: 'statusline' });
    expect(parseGuardArgs(['statusline', '--expect', 'api', '--wrap', 'date'])).toEqual({
      kind: 'statusline',
      expect: 'api',
      wrap: 'date',
    });
    expect(parseGuardArgs(['hook', 'session-start'])).toEqual({ kind: 'session-start' });
    expect(parseGuardArgs(['hook', 'session-start', '--wrap', 'x'])).toBeNull();
    expect(parseGuardArgs(['statusline', '--help'])).toBeNull();
    expect(parseGuardArgs(['statusline', '--expect', 'maybe'])).toBeNull();
    expect(parseGuardArgs(['hook'])).toBeNull();
    expect(parseGuardArgs(['guard', 'install'])).toBeNull();
  });
});

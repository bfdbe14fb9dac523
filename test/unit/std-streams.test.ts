import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

// src/world/std-streams.ts writes to fd 1 directly until something makes process.stdout. These
// run it in a child process on a real pipe, with the built sink (src/output/sink.ts) on the
// stream, the way src/cli.ts wires them.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function bundle(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cad-std-'));
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(
    entry,
    [
      `import { installSink } from ${JSON.stringify(path.join(root, 'src/output/sink.ts'))};`,
      `import { lazyStdStreams, stdStreamMade, writeStd } from ${JSON.stringify(path.join(root, 'src/world/std-streams.ts'))};`,
      'const mode = process.argv[2];',
      'const text = process.argv[3].repeat(Number(process.argv[4]));',
      // A pipe another process made non-blocking (libuv does so for a pipe it opens): the
      // same open file description, so fd 1 here answers EAGAIN once the pipe is full.
      "if (mode === 'nonblocking') { const { Pipe, constants } = (process as any).binding('pipe_wrap'); new Pipe(constants.SOCKET).open(1); }",
      'const made: number[] = [];',
      'lazyStdStreams((stream) => { installSink(stream); made.push(stream.fd); });',
      "writeStd('stdout', text);",
      "if (mode === 'made-first') { void process.stdout; writeStd('stdout', 'after\\n'); }",
      "writeStd('stderr', JSON.stringify({ made, stdout: stdStreamMade('stdout') }));",
    ].join('\n'),
  );
  const out = path.join(dir, 'child.cjs');
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out });
  return out;
}

const child = bundle();

/** Runs the child; its stdout is read only after `delayMs`, so a small pipe fills up. */
function run(
  mode: string,
  unit: string,
  times: number,
  delayMs = 0,
): Promise<{ stdout: Buffer; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--no-deprecation', child, mode, unit, String(times)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.pause();
    setTimeout(() => {
      proc.stdout.on('data', (d: Buffer) => chunks.push(d));
      proc.stdout.resume();
    }, delayMs);
    proc.on('close', (code) => resolve({ stdout: Buffer.concat(chunks), stderr, code }));
  });
}

describe('standard streams made only when needed', () => {
  it('writes to the descriptor and never makes process.stdout on a plain pipe', async () => {
    const result = await run('plain', 'ok €\n', 1000);
    expect(result.code).toBe(0);
    expect(result.stdout.toString('utf8')).toBe('ok €\n'.repeat(1000));
    expect(JSON.parse(result.stderr)).toEqual({ made: [], stdout: false });
  });

  it('hands the rest to the stream, byte for byte, when a non-blocking pipe is full', async () => {
    // 3-byte characters, so the pipe's limit falls inside one sooner or later.
    const unit = 'a€b\u{1F511}\n';
    const result = await run('nonblocking', unit, 200_000, 300);
    expect(result.code).toBe(0);
    // The stream was made for the rest, and the sink passed the scrubbed bytes on untouched.
    expect(JSON.parse(result.stderr)).toEqual({ made: [1], stdout: true });
    expect(result.stdout.equals(Buffer.from(unit.repeat(200_000), 'utf8'))).toBe(true);
  });

  it('goes through the stream once something made it, so nothing overtakes it', async () => {
    const result = await run('made-first', 'x', 10);
    expect(result.stdout.toString('utf8')).toBe('xxxxxxxxxxafter\n');
    expect(JSON.parse(result.stderr)).toEqual({ made: [1], stdout: true });
  });
});

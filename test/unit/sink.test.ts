import { describe, expect, it } from 'vitest';
import { installSink, scrubOutput } from '../../src/output/sink.js';
import { SecretRegistry } from '../../src/redact.js';
import { KEYS } from '../helpers/secrets.js';

describe('output sink', () => {
  const secrets = new SecretRegistry();
  secrets.add(KEYS.apiKey);

  it('keeps the doctor’s own colours and live-list cursor moves', () => {
    const ours =
      '\u001b[32m✔\u001b[39m \u001b[1mbold\u001b[22m\u001b[2K\u001b[1A\u001b[G\u001b[?25l\u001b[?25h\n';
    expect(scrubOutput(ours, secrets)).toBe(ours);
  });

  it('drops every other sequence and control', () => {
    const foreign =
      'a\u001b]0;title\u0007b\u001b]8;;https://x\u001b\\c\u001b]52;c;eA==\u0007d\u001b[2Je\u001bcf\u009b1mg\u202eh\u0007i\rj\r\n';
    expect(scrubOutput(foreign, secrets)).toBe('abcdefghij\r\n');
  });

  it('hides the run’s secrets, raw or JSON-escaped', () => {
    expect(scrubOutput(`x ${KEYS.apiKey} ${JSON.stringify(KEYS.apiKey)}`, secrets)).toBe(
      'x [redacted] "[redacted]"',
    );
  });

  it('wraps a stream so every write passes through it, strings and buffers alike', () => {
    const written: unknown[] = [];
    const stream: { write(chunk: unknown, ...rest: unknown[]): boolean } = {
      write: (chunk: unknown) => {
        written.push(chunk);
        return true;
      },
    };
    installSink(stream, secrets);
    stream.write(`key ${KEYS.apiKey}\n`);
    stream.write(Buffer.from(`buf ${KEYS.apiKey}\u001b]0;t\u0007\n`));
    stream.write(`enc ${KEYS.apiKey}`, 'utf8', () => undefined);
    expect(written).toEqual(['key [redacted]\n', 'buf [redacted]\n', 'enc [redacted]']);
  });
});

import { writeSync } from 'node:fs';

// process.stdout and process.stderr, made only when something needs them. Node builds each
// stream on first access, and for a pipe that costs its network and stream machinery (about
// 4 ms, a tenth of a plain `--json` run, which needs none of it). The doctor's own output goes
// to the file descriptor directly while nobody has made the stream; Node writes to pipes and
// files synchronously anyway, so the bytes and their order are the same.

type StreamName = 'stdout' | 'stderr';
const FDS: Record<StreamName, number> = { stdout: 1, stderr: 2 };
const made = new Set<StreamName>();
/** Bytes scrubbed already that writeStd hands to a stream: the sink passes them on as they are. */
const scrubbed = new WeakSet<object>();

/** Calls `onMade` with each standard stream the moment anything first asks for it. */
export function lazyStdStreams(onMade: (stream: NodeJS.WriteStream) => void): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const own = Object.getOwnPropertyDescriptor(process, name);
    if (!own?.get || !own.configurable) {
      made.add(name);
      onMade(process[name]);
      continue;
    }
    let stream: NodeJS.WriteStream | undefined;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: own.enumerable ?? true,
      get() {
        if (!stream) {
          stream = own.get!.call(process) as NodeJS.WriteStream;
          made.add(name);
          onMade(stream);
        }
        return stream;
      },
    });
  }
}

/**
 * Writes text, already made fit to leave the process, to fd 1 or 2: through the stream once it
 * exists, so nothing overtakes what it buffered, and through the stream for whatever a
 * non-blocking pipe (another process's choice) will not take now.
 */
export function writeStd(name: StreamName, text: string): void {
  let bytes = Buffer.from(text, 'utf8');
  if (made.has(name)) {
    // Already scrubbed: the sink on the stream passes it on as it is.
    scrubbed.add(bytes);
    process[name].write(bytes);
    return;
  }
  try {
    while (bytes.length > 0) bytes = bytes.subarray(writeSync(FDS[name], bytes));
  } catch (error) {
    // EAGAIN: the pipe is full and non-blocking; the stream waits for it. The rest may begin
    // inside a character, so it goes on as bytes. Anything else (EPIPE: the reader is gone)
    // a stream would meet too, with nobody left to tell.
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
      scrubbed.add(bytes);
      process[name].write(bytes);
    }
  }
}

export function scrubbedAlready(chunk: unknown): boolean {
  return typeof chunk === 'object' && chunk !== null && scrubbed.has(chunk);
}

/** Whether the stream was made, so that exiting must wait for what it buffered. */
export function stdStreamMade(name: StreamName): boolean {
  return made.has(name);
}

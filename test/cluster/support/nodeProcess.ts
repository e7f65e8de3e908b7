// One Switchboard node as a real process (`switchboard serve` from the sources), started with
// its own environment on an ephemeral port. Every process started here is killed when the test
// process exits, even after a failure.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Output kept per node for the failure report. */
const LOG_TAIL_LINES = 200;
const START_TIMEOUT_MS = 30_000;

const alive = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

export interface NodeProcess {
  /** The NODE_ID, also used in test output. */
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** The last lines the process printed. */
  logTail(): string;
  /** kill -9: no goodbye, no cleanup, as in a crash. */
  crash(): Promise<void>;
  /** SIGTERM and wait for the graceful stop (SIGKILL if it hangs). */
  stop(): Promise<void>;
}

export async function startNodeProcess(
  name: string,
  env: Record<string, string>,
): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ID: name,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  alive.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      alive.delete(child);
      resolve(code);
    }),
  );
  const lines: string[] = [];
  let resolveUrl: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => (resolveUrl = resolve));
  const collect = (stream: NodeJS.ReadableStream) => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > LOG_TAIL_LINES) lines.shift();
        if (line.includes('"msg":"Switchboard is up'))
          resolveUrl((JSON.parse(line) as { url: string }).url);
      }
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const logTail = () => lines.map((line) => `[${name}] ${line}`).join('\n');

  let timer: NodeJS.Timeout | undefined;
  const started = await Promise.race([
    url,
    exited.then((code) => new Error(`${name} exited with ${code} during start-up`)),
    new Promise<Error>((resolve) => {
      timer = setTimeout(
        () => resolve(new Error(`${name} not up within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
    }),
  ]);
  clearTimeout(timer);
  if (started instanceof Error) {
    child.kill('SIGKILL');
    throw new Error(`${started.message}\n${logTail()}`);
  }

  return {
    name,
    url: started,
    pid: child.pid!,
    exited,
    logTail,
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    },
  };
}

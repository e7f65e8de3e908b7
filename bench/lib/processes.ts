// Child processes for benchmarks: the Switchboard server under test, and load generators that
// run apart from it (so the generator never competes with the server inside one event loop).
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');

const checkedBuilds = new Set<string>();

/**
 * Rebuilds dist/ when it is missing or older than src/, through the same check `npm start` runs
 * (bin/switchboard.js, here with the harmless `help` command), so a benchmark never measures
 * stale server code. Once per process: servers of one run all run the same build, even if the
 * sources change meanwhile.
 */
export function ensureCurrentBuild(projectRoot = root): void {
  if (checkedBuilds.has(projectRoot)) return;
  const check = spawnSync(
    process.execPath,
    [path.join(projectRoot, 'bin', 'switchboard.js'), 'help'],
    { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (check.status !== 0) {
    // The build's own errors went to stdout (tsc prints there).
    process.stderr.write(check.stdout);
    throw new Error(`building Switchboard failed (exit ${check.status})`);
  }
  checkedBuilds.add(projectRoot);
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

export async function waitUntilReady(url: string, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > timeoutMs)
      throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawning the process to /readyz answering 200. */
  readyAfterMs: number;
  rssBytes(): number;
  /**
   * With `memoryProbe`: the server's own heap figures (process.memoryUsage()), posted every
   * MEMORY_PROBE_MS by bench/lib/memoryProbe.mjs, to `listener`; returns the unsubscribe.
   */
  onMemory(listener: (usage: NodeJS.MemoryUsage) => void): () => void;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Load bench/lib/memoryProbe.mjs into the server, which then reports its heap (onMemory). */
  memoryProbe?: boolean;
}

/**
 * The abuse limits out of the way (socket limit excepted: every benchmark socket has a sign-in
 * of its own). A load generator is one script per chat sending at whatever rate the scenario
 * asks (throughput reaches 20 messages a second per chat), and fixtures start ten chats per
 * customer. What the limits cost is measured all the same: their checks run on every message
 * and every start whatever the numbers.
 */
export const BENCH_LIMITS = {
  MESSAGE_LIMIT_PER_SECOND: '1000',
  MESSAGE_LIMIT_BURST: '1000',
  CHAT_LIMIT_PER_HOUR: '1000000',
  OPEN_CHAT_LIMIT_PER_CUSTOMER: '1000000',
};

/** Starts `switchboard serve` from the build (what a deployment runs) and waits until it is ready. */
export async function startServer(
  env: Record<string, string>,
  options: ServerOptions = {},
): Promise<ServerProcess> {
  ensureCurrentBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // --profile (BENCH_PROFILE_DIR): every server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const probe = options.memoryProbe
    ? ['--import', path.join(root, 'bench', 'lib', 'memoryProbe.mjs')]
    : [];
  const child = spawn(process.execPath, [...profile, ...probe, cli, 'serve'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SIGNIN_LIMIT_PER_ADDRESS: '1000000',
      ...BENCH_LIMITS,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', ...(options.memoryProbe ? (['ipc'] as const) : [])],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const readyAfterMs = await Promise.race([
    waitUntilReady(url),
    exited.then(() => {
      throw new Error('server exited during start-up');
    }),
  ]);
  return {
    url,
    pid: child.pid!,
    readyAfterMs,
    rssBytes: () => rssOf(child.pid!),
    onMemory(listener) {
      const receive = (message: unknown) => listener(message as NodeJS.MemoryUsage);
      child.on('message', receive);
      return () => child.off('message', receive);
    },
    async stop() {
      // A graceful stop ends in process.exit, which also writes the CPU profile if asked for.
      child.kill('SIGTERM');
      await exited;
      children.delete(child);
    },
  };
}

export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

/**
 * Runs a load generator (a TypeScript module in bench/load) in its own process, sends it `input`
 * and resolves with the result it posts back.
 */
export function runGenerator<I, O>(name: string, input: I): Promise<O> {
  const child = fork(path.join(root, 'bench', 'load', `${name}.ts`), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  return new Promise<O>((resolve, reject) => {
    child.once('message', (message) => {
      const reply = message as { ok: true; result: O } | { ok: false; error: string };
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`${name}: ${reply.error}`));
      child.kill();
      children.delete(child);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before answering`)));
    child.send(input as object);
  });
}

/** The generator side of runGenerator: receive the input, compute, post the result back. */
export function serveGenerator<I, O>(work: (input: I) => Promise<O>): void {
  process.once('message', (input) => {
    work(input as I).then(
      (result) => process.send!({ ok: true, result }),
      (error: unknown) =>
        process.send!({ ok: false, error: error instanceof Error ? error.stack : String(error) }),
    );
  });
}

/**
 * A load generator that answers several requests in turn (open sockets, later check them), so
 * several of them can act in step: each request gets the next reply.
 */
export interface SteppedGenerator<I, O> {
  ask(input: I): Promise<O>;
  stop(): Promise<void>;
}

export function startSteppedGenerator<I, O>(name: string): SteppedGenerator<I, O> {
  const child = fork(path.join(root, 'bench', 'load', `${name}.ts`), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ask(input) {
      return new Promise<O>((resolve, reject) => {
        const onExit = (code: number | null) =>
          reject(new Error(`${name} exited with ${code} before answering`));
        child.once('exit', onExit);
        child.once('message', (message) => {
          child.off('exit', onExit);
          const reply = message as { ok: true; result: O } | { ok: false; error: string };
          if (reply.ok) resolve(reply.result);
          else reject(new Error(`${name}: ${reply.error}`));
        });
        child.send(input as object);
      });
    },
    async stop() {
      child.kill();
      await exited;
      children.delete(child);
    },
  };
}

/** The generator side of startSteppedGenerator: every request is answered, one at a time. */
export function serveSteppedGenerator<I, O>(step: (input: I) => Promise<O>): void {
  let queue = Promise.resolve();
  process.on('message', (input) => {
    queue = queue.then(() =>
      step(input as I).then(
        (result) => void process.send!({ ok: true, result }),
        (error: unknown) =>
          void process.send!({
            ok: false,
            error: error instanceof Error ? error.stack : String(error),
          }),
      ),
    );
  });
}

/**
 * This process's limit on open files (the soft RLIMIT_NOFILE, as /proc says on Linux): a server
 * holds one per socket and a generator one per client, so it bounds the sockets a run can open.
 * Null where it cannot be read (the count is then not capped).
 */
export function openFileLimit(): number | null {
  try {
    const limits = fs.readFileSync('/proc/self/limits', 'utf8');
    const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1];
    return soft === undefined || soft === 'unlimited' ? null : Number(soft);
  } catch {
    return null;
  }
}

/** A long-lived helper process (the raw relay baseline) started from bench/load. */
export async function startHelper(
  name: string,
  env: Record<string, string>,
): Promise<{ stop(): Promise<void> }> {
  const child = fork(path.join(root, 'bench', 'load', `${name}.ts`), [], {
    execArgv: ['--import', 'tsx'],
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return {
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
      children.delete(child);
    },
  };
}

// A throw-away server process a test starts (nginx, Dovecot): its files in a temporary directory,
// awaited until its loopback ports accept connections, stopped with a signal (then killed), never
// left running after the test run.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const alive = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

/** A new temporary directory named `sb-<name>-…` for a server's configuration, state and logs. */
export function serverDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sb-${name}-`));
  // A server's own unprivileged processes (nginx's workers, Dovecot's login and auth) must reach it.
  fs.chmodSync(dir, 0o755);
  return dir;
}

export interface ServerProcessOptions {
  /** The server's name in the error when it does not start. */
  name: string;
  command: string;
  args: string[];
  /** Its directory (from serverDir), removed when it stops. */
  dir: string;
  /** The loopback ports it must accept connections on before it counts as started. */
  ports: number[];
  timeoutMs: number;
  /** The signal that asks it to stop; SIGKILL follows after five seconds. */
  stopSignal: NodeJS.Signals;
  /** The log file (in dir) added to the error when it does not start. */
  logFile: string;
}

export class ServerProcess {
  private constructor(
    readonly dir: string,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    private readonly stopSignal: NodeJS.Signals,
  ) {}

  /** Spawns the server; resolves once every one of its ports accepts a connection. */
  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    const child = spawn(options.command, options.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    alive.add(child);
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        alive.delete(child);
        resolve();
      }),
    );
    const server = new ServerProcess(options.dir, child, exited, options.stopSignal);
    const deadline = Date.now() + options.timeoutMs;
    while (!(await acceptsAll(options.ports))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        const log = server.readFile(options.logFile);
        await server.stop();
        throw new Error(`${options.name} did not start:\n${output}${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return server;
  }

  /** A file the server wrote in its directory, or '' while there is none. */
  readFile(name: string): string {
    const file = path.join(this.dir, name);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(this.stopSignal);
      const force = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(force);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

async function acceptsAll(ports: number[]): Promise<boolean> {
  for (const port of ports) if (!(await accepts(port))) return false;
  return true;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

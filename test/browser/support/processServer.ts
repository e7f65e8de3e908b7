// A Switchboard server in its own process (`switchboard serve` through tsx), for tests that need
// to stop and restart it on the same port and data directory. Accounts are made through its API
// with the first super admin's bearer token, as an operator would.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../../src/shared/vocabulary.js';
import { PASSWORD, type Person } from './server.js';

const root = path.resolve(import.meta.dirname, '../../..');
const ADMIN = { email: 'admin@example.com', password: 'admin-password-123' };
const READY_TIMEOUT_MS = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ProcessServer {
  url: string;
  start(): Promise<void>;
  /** SIGTERM: the server says bye to every socket and shuts down gracefully. */
  stop(): Promise<void>;
  /** Calls the API as `person` with a bearer token. */
  api<T>(
    method: string,
    apiPath: string,
    body?: unknown,
    as?: { email: string; password: string },
  ): Promise<T>;
  person(name: string, role?: Role): Promise<Person>;
  dispose(): Promise<void>;
}

export async function spawnServer(): Promise<ProcessServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-browser-process-'));
  const tokens = new Map<string, string>();
  let child: ChildProcess | null = null;
  let output = '';
  let counter = 0;

  async function waitUntilReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child?.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      const ready = await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`server not ready after ${READY_TIMEOUT_MS} ms:\n${output}`);
  }

  async function tokenFor(who: { email: string; password: string }): Promise<string> {
    const known = tokens.get(who.email);
    if (known) return known;
    const response = await fetch(`${url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(who),
    });
    const { token } = (await response.json()) as { token: string };
    tokens.set(who.email, token);
    return token;
  }

  const server: ProcessServer = {
    url,
    async start() {
      output = '';
      child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          ADMIN_EMAIL: ADMIN.email,
          ADMIN_PASSWORD: ADMIN.password,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk) => (output += chunk));
      child.stderr?.on('data', (chunk) => (output += chunk));
      await waitUntilReady();
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    },
    async api<T>(method: string, apiPath: string, body?: unknown, as = ADMIN): Promise<T> {
      const response = await fetch(`${url}/api/v1${apiPath}`, {
        method,
        headers: {
          authorization: `Bearer ${await tokenFor(as)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`${method} ${apiPath}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async person(name, role = 'user') {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${++counter}@example.com`;
      const account = await server.api<{ id: string }>('POST', '/accounts', {
        email,
        name,
        password: PASSWORD,
        role,
      });
      return { id: account.id, role, name, email };
    },
    async dispose() {
      child?.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

// The switchboard command as a user runs it: a real process, its exit codes and output, and a
// graceful stop on SIGTERM that tells connected clients to reconnect.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, SocketClient } from '../support/testNode.js';

const running: ChildProcess[] = [];
const dataDirs: string[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
  for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cli-'));
  dataDirs.push(dir);
  return dir;
}

function cli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('switchboard command', () => {
  it('creates a user, and explains bad arguments with exit code 2', async () => {
    const DATA_DIR = tempDataDir();
    const ok = cli(
      [
        'create-user',
        '--email',
        'Ama@Example.com',
        '--name',
        'Ama',
        '--password',
        'long enough pw',
        '--role',
        'admin',
      ],
      { DATA_DIR },
    );
    expect(await ok.exited).toBe(0);
    expect(ok.output()).toMatch(/Created admin Ama <ama@example.com>/);
    const bad = cli(
      ['create-user', '--email', 'not-an-email', '--name', 'X', '--password', 'short'],
      { DATA_DIR },
    );
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/--email: must be an email address/);
    expect(bad.output()).toMatch(/--password/);
  });

  it('refuses an invalid configuration with a message naming the variable', async () => {
    const run = cli(['migrate'], { DATA_DIR: tempDataDir(), PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/PORT/);
  });

  it('seeds demo data once', { timeout: 180_000 }, async () => {
    const DATA_DIR = tempDataDir();
    const first = cli(['seed-demo'], { DATA_DIR });
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/Demo data created/);
    const second = cli(['seed-demo'], { DATA_DIR });
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/already present/);
  });

  // A loaded machine may take its time to start a node: waits are generous, never speed checks.
  it(
    'serves, then on SIGTERM tells sockets to reconnect and exits cleanly',
    { timeout: 120_000 },
    async () => {
      const server = cli(['serve'], {
        DATA_DIR: tempDataDir(),
        PORT: '0',
        HOST: '127.0.0.1',
        ADMIN_EMAIL: 'root@example.com',
        ADMIN_PASSWORD: 'root password 1',
      });
      let url = '';
      await expect
        .poll(
          () => {
            const line = server
              .output()
              .split('\n')
              .find((l) => l.includes('Switchboard is up'));
            url = line ? (JSON.parse(line) as { url: string }).url : '';
            return url;
          },
          { timeout: 60_000 },
        )
        .not.toBe('');
      const admin = new Client(url);
      expect((await admin.signIn('root@example.com', 'root password 1')).status).toBe(200);
      expect((await admin.get('/readyz')).status).toBe(200);
      const socket = await SocketClient.connect(url, admin.cookie);
      await socket.waitFor((f) => f.type === 'hello');

      server.child.kill('SIGTERM');
      expect(await socket.waitForClose()).toBe(1012);
      expect(socket.frames.at(-1)).toMatchObject({ type: 'bye', retryMs: expect.any(Number) });
      expect(await server.exited).toBe(0);
      expect(server.output()).toMatch(/shutting down/);
    },
  );

  it(
    'says once that it created the first super admin, and where to open it, in readable lines on request',
    { timeout: 180_000 },
    async () => {
      const DATA_DIR = tempDataDir();
      const env = {
        DATA_DIR,
        PORT: '0',
        HOST: '127.0.0.1',
        ADMIN_EMAIL: 'first@example.com',
        ADMIN_PASSWORD: 'first password 1',
        LOG_FORMAT: 'pretty',
      };
      const upLine = (output: string) =>
        output.split('\n').find((l) => l.includes('Switchboard is up'));
      for (const run of [1, 2]) {
        const server = cli(['serve'], env);
        await expect.poll(() => upLine(server.output()), { timeout: 60_000 }).toBeDefined();
        const line = upLine(server.output())!;
        // A readable line, not JSON, saying where to go.
        expect(line).toMatch(/INFO.*Switchboard is up: open http:\/\/localhost:\d+/);
        expect(() => JSON.parse(line)).toThrow();
        const created = /Created the first super admin from ADMIN_EMAIL/.test(server.output());
        expect(created, `run ${run}`).toBe(run === 1);
        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
      }
    },
  );
});

// Runs nginx in the foreground with deploy/nginx.conf, the documented configuration, on a
// loopback port in a temporary prefix directory. Only the upstream's server addresses, the
// listen line and the access log's file are replaced; the test fails if those lines ever stop
// matching.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const template = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../deploy/nginx.conf',
);

const alive = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

/**
 * The documented configuration with these upstream nodes, listening on `port`, logging requests
 * to `accessLog`.
 */
export function renderSiteConfig(nodes: string[], port: number, accessLog: string): string {
  const source = fs.readFileSync(template, 'utf8');
  const servers = [...source.matchAll(/^( +)server \S+:\d+( [^;\n]*)?;$/gm)];
  const listens = [...source.matchAll(/^( +)listen 80;$/gm)];
  const logs = [...source.matchAll(/^( +)access_log \S+ (\w+);$/gm)];
  if (servers.length === 0 || listens.length !== 1 || logs.length !== 1)
    throw new Error(
      `${template}: expected upstream "server host:port" lines, one "listen 80;" and one "access_log file format;"`,
    );
  const [first] = servers;
  const options = first![2] ?? '';
  const upstream = nodes.map((node) => `${first![1]}server ${node}${options};`).join('\n');
  return source
    .replace(servers.map((m) => m[0]).join('\n'), upstream)
    .replace(listens[0]![0], `${listens[0]![1]}listen 127.0.0.1:${port};`)
    .replace(logs[0]![0], `${logs[0]![1]}access_log ${accessLog} ${logs[0]![2]};`);
}

export class Nginx {
  private constructor(
    private readonly child: ChildProcess,
    private readonly prefix: string,
    readonly url: string,
    private readonly exited: Promise<void>,
  ) {}

  /** Starts nginx proxying to `nodes` (host:port), listening on `port`. */
  static async start(nodes: string[], port: number): Promise<Nginx> {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-nginx-'));
    // When run as root, nginx's workers drop to an unprivileged user that must reach the
    // prefix (temporary files for buffered bodies).
    fs.chmodSync(prefix, 0o755);
    fs.writeFileSync(
      path.join(prefix, 'switchboard.conf'),
      renderSiteConfig(nodes, port, path.join(prefix, 'switchboard.access.log')),
    );
    fs.writeFileSync(
      path.join(prefix, 'nginx.conf'),
      [
        'daemon off;',
        'worker_processes 1;',
        `pid ${prefix}/nginx.pid;`,
        `error_log ${prefix}/error.log warn;`,
        'events { worker_connections 1024; }',
        'http {',
        `  access_log ${prefix}/access.log;`,
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
          (kind) => `  ${kind}_temp_path ${prefix}/${kind}_temp;`,
        ),
        `  include ${prefix}/switchboard.conf;`,
        '}',
        '',
      ].join('\n'),
    );
    const child = spawn(
      'nginx',
      ['-p', prefix, '-c', `${prefix}/nginx.conf`, '-e', `${prefix}/error.log`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
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
    const nginx = new Nginx(child, prefix, `http://127.0.0.1:${port}`, exited);
    const deadline = Date.now() + 10_000;
    while (!(await accepts(port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await nginx.stop();
        throw new Error(`nginx did not start:\n${output}${nginx.errorLog()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return nginx;
  }

  /** What nginx wrote to the site's access log so far. */
  accessLog(): string {
    const file = path.join(this.prefix, 'switchboard.access.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  errorLog(): string {
    const file = path.join(this.prefix, 'error.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGQUIT');
      const force = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(force);
    }
    fs.rmSync(this.prefix, { recursive: true, force: true });
  }
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

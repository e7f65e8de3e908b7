// Runs nginx in the foreground with deploy/nginx.conf, the documented configuration, on a
// loopback port in a temporary prefix directory. Only the upstream's server addresses, the
// listen line and the access log's file are replaced; the test fails if those lines ever stop
// matching.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerProcess, serverDir } from '../../support/serverProcess.js';

const template = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../deploy/nginx.conf',
);

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
    private readonly server: ServerProcess,
    readonly url: string,
  ) {}

  /** Starts nginx proxying to `nodes` (host:port), listening on `port`. */
  static async start(nodes: string[], port: number): Promise<Nginx> {
    // When run as root, nginx's workers drop to an unprivileged user that must reach the
    // prefix (temporary files for buffered bodies): serverDir lets them.
    const prefix = serverDir('nginx');
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
    const server = await ServerProcess.start({
      name: 'nginx',
      command: 'nginx',
      args: ['-p', prefix, '-c', `${prefix}/nginx.conf`, '-e', `${prefix}/error.log`],
      dir: prefix,
      ports: [port],
      timeoutMs: 10_000,
      stopSignal: 'SIGQUIT',
      logFile: 'error.log',
    });
    return new Nginx(server, `http://127.0.0.1:${port}`);
  }

  /** What nginx wrote to the site's access log so far. */
  accessLog(): string {
    return this.server.readFile('switchboard.access.log');
  }

  errorLog(): string {
    return this.server.readFile('error.log');
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}

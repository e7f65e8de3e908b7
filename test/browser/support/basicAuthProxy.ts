// An authenticating proxy in front of the server, as some companies put before their internal
// sites: it asks the browser for Basic credentials (401) and forwards requests and WebSocket
// upgrades with their headers as they came, Authorization included, as nginx's auth_basic does.
// Once the browser has the credentials it attaches them on its own to every request to the
// proxy, handshakes opened by pages of other sites among them; the proxy records the handshakes
// it forwards, so a test sees what the browser sent.
import http, { type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';

export interface BasicAuthProxy {
  url: string;
  /** The headers of every WebSocket handshake forwarded so far. */
  handshakes: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

const CHALLENGE =
  'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="intranet"\r\n' +
  'Content-Length: 0\r\nConnection: close\r\n\r\n';

export async function startBasicAuthProxy(
  targetUrl: string,
  credentials: { username: string; password: string },
): Promise<BasicAuthProxy> {
  const target = new URL(targetUrl);
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const handshakes: IncomingHttpHeaders[] = [];
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const server = http.createServer((request, response) => {
    if (request.headers.authorization !== expected) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="intranet"' }).end();
      return;
    }
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.once('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connection', track);
  server.on('upgrade', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    if (request.headers.authorization !== expected) {
      client.end(CHALLENGE);
      return;
    }
    handshakes.push(request.headers);
    const upstream = net.connect(Number(target.port), target.hostname, () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2)
        lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    track(upstream);
    upstream.once('error', () => client.destroy());
    client.once('error', () => upstream.destroy());
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    handshakes,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

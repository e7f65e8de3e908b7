// A TCP proxy on a loopback port in front of a real server (PostgreSQL here), which a test can
// cut (connections reset and refused, as when the database host goes down), stall (nothing gets
// through and nothing is refused, as in a network partition), and restore on the same port.
import net from 'node:net';

export class TcpProxy {
  private server: net.Server | null = null;
  private readonly open = new Set<net.Socket>();
  private stalled = false;

  private constructor(
    private readonly target: { host: string; port: number },
    private listenPort: number,
  ) {}

  get port(): number {
    return this.listenPort;
  }

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target, 0);
    await proxy.restore();
    return proxy;
  }

  /** Resets every connection and refuses new ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.open) socket.resetAndDestroy();
    this.open.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  /** Lets nothing through either way, on open connections and new ones, and refuses nothing. */
  stall(): void {
    this.stalled = true;
    for (const socket of this.open) socket.pause();
  }

  /** Accepts and forwards connections again (on the same port). */
  async restore(): Promise<void> {
    if (this.stalled) {
      this.stalled = false;
      for (const socket of this.open) socket.resume();
    }
    if (this.server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      this.track(client, upstream);
      this.track(upstream, client);
      client.pipe(upstream);
      upstream.pipe(client);
      if (this.stalled) {
        client.pause();
        upstream.pause();
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    this.listenPort = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  private track(socket: net.Socket, peer: net.Socket): void {
    this.open.add(socket);
    socket.on('error', () => peer.destroy());
    socket.on('close', () => {
      this.open.delete(socket);
      peer.destroy();
    });
  }
}

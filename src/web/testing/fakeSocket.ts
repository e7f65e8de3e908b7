// Test helper: a RealtimeClient wired to sockets the test drives, recording what the client sent
// and delivering server frames, so socket behaviour is tested without a server or a DOM.
import { PROTOCOL_VERSION, type ClientFrame, type ServerFrame } from '../../shared/protocol.js';
import { RealtimeClient, type SocketHandlers } from '../realtime/realtimeClient.js';

export class FakeSocket {
  sent: ClientFrame[] = [];
  closedWith: number | null = null;

  constructor(readonly handlers: SocketHandlers) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }

  close(code?: number): void {
    this.closedWith = code ?? 1000;
  }

  deliver(frame: ServerFrame): void {
    this.handlers.message(JSON.stringify(frame));
  }

  greet(heartbeatMs = 25_000): void {
    this.deliver({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      connectionId: 'c1',
      heartbeatMs,
      user: { id: 'u1', name: 'Test', email: null, role: 'user' },
    });
  }

  drop(code = 1006): void {
    this.handlers.close(code, '');
  }

  all<T extends ClientFrame['type']>(type: T): Array<Extract<ClientFrame, { type: T }>> {
    return this.sent.filter((f): f is Extract<ClientFrame, { type: T }> => f.type === type);
  }

  last<T extends ClientFrame['type']>(type: T): Extract<ClientFrame, { type: T }> | undefined {
    return this.all(type).at(-1);
  }
}

export function fakeRealtime() {
  const sockets: FakeSocket[] = [];
  const client = new RealtimeClient({
    url: 'ws://test/api/v1/ws',
    random: () => 1,
    createSocket: (_url, handlers) => {
      const socket = new FakeSocket(handlers);
      sockets.push(socket);
      return socket;
    },
  });
  return { client, sockets, current: () => sockets.at(-1)! };
}

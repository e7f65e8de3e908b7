// One side of a conversation as a well-behaved client runs it (docs/protocol.md): it remembers
// the highest seq it applied, and after its connection drops it reconnects (to any node),
// resubscribes from that seq and resends every message not yet acknowledged, with the same
// client id. It keeps every socket it used, so a test can check what was delivered overall.
import type { ServerFrame } from '../../../src/shared/protocol.js';
import type { SocketClient } from '../../support/testNode.js';
import type { Person } from './cluster.js';
import { isEvent, type EventFrame, type Message } from './frames.js';

export class ResumingChat {
  readonly sockets: SocketClient[] = [];
  /** Messages sent, by client id, in sending order. */
  readonly sent = new Map<string, string>();

  constructor(
    readonly person: Person,
    readonly sessionId: string,
  ) {}

  get socket(): SocketClient {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('not connected');
    return socket;
  }

  /** Every session event received, over every connection, in arrival order. */
  events(): EventFrame[] {
    return this.sockets.flatMap((s) => s.frames.filter(isEvent(this.sessionId)));
  }

  /** The highest seq applied with nothing missing before it. */
  lastSeq(): number {
    const seen = new Set(this.events().map((e) => e.seq));
    let seq = 0;
    while (seen.has(seq + 1)) seq += 1;
    return seq;
  }

  /** Acknowledged messages by client id (an ack on any connection counts). */
  acks(): Map<string, Message> {
    const acks = new Map<string, Message>();
    for (const socket of this.sockets) {
      for (const frame of socket.frames) {
        if (frame.type === 'ack' && frame.clientId && frame.message)
          acks.set(frame.clientId, frame.message);
      }
    }
    return acks;
  }

  /** Connects to `url` and resumes: resubscribes after the last seq, resends what was not acked. */
  async connect(url: string): Promise<Extract<ServerFrame, { type: 'subscribed' }>> {
    const socket = await this.person.socket(url);
    this.sockets.push(socket);
    await socket.waitFor((f) => f.type === 'hello');
    const subscribed = await socket.call({
      type: 'subscribe',
      sessionId: this.sessionId,
      afterSeq: this.lastSeq(),
    });
    if (subscribed.type !== 'subscribed')
      throw new Error(`subscribe failed: ${JSON.stringify(subscribed)}`);
    const acked = this.acks();
    for (const [clientId, text] of this.sent) {
      if (!acked.has(clientId)) this.transmit(clientId, text);
    }
    return subscribed;
  }

  /** Sends a message without waiting for its acknowledgement. */
  send(clientId: string, text: string): void {
    this.sent.set(clientId, text);
    this.transmit(clientId, text);
  }

  async allAcknowledged(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.acks().size < this.sent.size) {
      if (Date.now() > deadline)
        throw new Error(`${this.sent.size - this.acks().size} messages never acknowledged`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }

  private transmit(clientId: string, text: string): void {
    const socket = this.socket;
    if (socket.ws.readyState !== socket.ws.OPEN) return;
    socket.send({ type: 'message.send', sessionId: this.sessionId, clientId, text });
  }
}

// One person's console in the help desk scenario: an authenticated socket speaking the real
// protocol (docs/protocol.md) plus bearer-token REST calls, with what the scenario needs to watch
// a chat from one side: a subscription that checks its events arrive once each, in seq order, and
// waits for a given message, and replies matched to requests by `clientId` or `ref`.
import type WebSocket from 'ws';
import { openAuthenticated } from './authenticatedSocket.js';

/** A session.event as the scenario reads it. */
interface SessionEventFrame {
  type: 'session.event';
  sessionId: string;
  seq: number;
  event: {
    kind: string;
    change?: string;
    message?: { clientId: string | null; type: string; seq: number };
    session?: { status: string; agent: { id: string } | null };
    upToSeq?: number;
  };
}

type Frame = { type: string; [key: string]: unknown };

/**
 * A subscription to one session from one side. `onEvent` sees every event; the subscription
 * itself records seq gaps, repeats and reversals (an invariant of the protocol) and the messages
 * it received by clientId.
 */
export class Subscription {
  lastSeq: number;
  /**
   * Events whose seq was not above the last one's (repeated or out of order). Gaps are allowed:
   * a customer never gets the internal notes (a transfer's handover note), whose seqs they skip;
   * that no message is lost is checked message by message.
   */
  seqViolations = 0;
  /** The first few of them, described, for the report's details. */
  readonly seqProblems: string[] = [];
  readonly received = new Map<string, number>();
  /** ClientIds in the order received. */
  readonly order: string[] = [];
  private readonly waiting = new Map<string, () => void>();
  onEvent: (frame: SessionEventFrame) => void = () => {};

  constructor(afterSeq: number) {
    this.lastSeq = afterSeq;
  }

  handle(frame: SessionEventFrame): void {
    if (frame.seq <= this.lastSeq) {
      this.seqViolations += 1;
      if (this.seqProblems.length < 3)
        this.seqProblems.push(
          `${frame.sessionId}: ${frame.event.kind} ${frame.event.change ?? ''} seq ${frame.seq} after ${this.lastSeq}`,
        );
    }
    this.lastSeq = Math.max(this.lastSeq, frame.seq);
    const clientId = frame.event.kind === 'message.created' ? frame.event.message?.clientId : null;
    if (clientId) {
      this.received.set(clientId, (this.received.get(clientId) ?? 0) + 1);
      this.order.push(clientId);
      this.waiting.get(clientId)?.();
      this.waiting.delete(clientId);
    }
    this.onEvent(frame);
  }

  /** Resolves when the message with this clientId has arrived (at once if it already has). */
  message(clientId: string): Promise<void> {
    if (this.received.has(clientId)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(clientId, resolve));
  }
}

export class DeskClient {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly replies = new Map<string, (frame: Frame) => void>();
  /** Frames not about a subscribed session nor a reply (invalidations, snapshots). */
  onOther: (frame: Frame) => void = () => {};
  errors = 0;
  private refs = 0;

  private constructor(
    readonly ws: WebSocket,
    readonly api: string,
    readonly token: string,
  ) {
    ws.on('message', (data) => this.receive(JSON.parse(data.toString()) as Frame));
  }

  static async open(url: string, token: string, localAddress?: string): Promise<DeskClient> {
    const ws = await openAuthenticated(
      `${url.replace(/^http/, 'ws')}/api/v1/ws`,
      token,
      localAddress,
    );
    if (!ws) throw new Error('a desk socket was refused');
    return new DeskClient(ws, `${url}/api/v1`, token);
  }

  private receive(frame: Frame): void {
    if (frame.type === 'session.event') {
      this.subscriptions
        .get(frame.sessionId as string)
        ?.handle(frame as unknown as SessionEventFrame);
      return;
    }
    const key = (frame.ref as string | undefined) ?? (frame.clientId as string | undefined);
    const reply = key === undefined ? undefined : this.replies.get(key);
    if (reply) {
      this.replies.delete(key!);
      reply(frame);
      return;
    }
    if (frame.type === 'error') this.errors += 1;
    this.onOther(frame);
  }

  /** Sends a frame and resolves with the reply carrying `key` (its ref or clientId). */
  request(frame: Record<string, unknown>, key?: string): Promise<Frame> {
    const ref = key ?? `r${++this.refs}`;
    return new Promise((resolve) => {
      this.replies.set(ref, resolve);
      this.ws.send(JSON.stringify(key ? frame : { ...frame, ref }));
    });
  }

  send(frame: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Subscribes after `afterSeq`; resolves once the server said `subscribed` (replay done). */
  async subscribe(sessionId: string, afterSeq: number): Promise<Subscription> {
    const subscription = new Subscription(afterSeq);
    this.subscriptions.set(sessionId, subscription);
    const reply = await this.request({ type: 'subscribe', sessionId, afterSeq });
    if (reply.type !== 'subscribed') throw new Error(`subscribe: ${JSON.stringify(reply)}`);
    return subscription;
  }

  /**
   * Stops following the session and resolves once the server said `unsubscribed`: frames of the
   * old subscription still in flight until then are ignored, so a later subscription to the same
   * session (a chat that a transfer to the team brings back to the same agent) never sees them.
   */
  async unsubscribe(sessionId: string): Promise<void> {
    if (!this.subscriptions.delete(sessionId)) return;
    await this.request({ type: 'unsubscribe', sessionId });
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new HttpError(method, path, response.status, text);
    return (text ? JSON.parse(text) : null) as T;
  }

  close(): void {
    this.ws.terminate();
  }
}

export class HttpError extends Error {
  constructor(
    method: string,
    path: string,
    readonly status: number,
    body: string,
  ) {
    super(`${method} ${path}: HTTP ${status} ${body.slice(0, 200)}`);
  }
}

// One client's WebSocket: authenticates once, then answers its frames (subscribe, send, typing,
// read, ping) and forwards the bus frames of everything it is subscribed to.
import type { WebSocket } from 'ws';
import { type z } from 'zod';
import { topics, type EventBus } from '../bus/bus.js';
import { AppError } from '../domain/errors.js';
import {
  sessionPolicy,
  isAgent,
  isSuperAdmin,
  type SessionFacts,
  type Viewer,
} from '../domain/policies.js';
import { text } from '../shared/api.js';
import { ClientFrame } from '../shared/clientFrames.js';
import { CLOSE_CODES, PROTOCOL_VERSION, type ServerFrame } from '../shared/protocol.js';
import { LIMITS } from '../shared/vocabulary.js';
import type { ServiceContext } from '../services/context.js';
import { replayEvents } from '../services/messages/messageReader.js';
import { sendMessage } from '../services/messages/messageSender.js';
import { markRead } from '../services/messages/readMarker.js';
import { presentMessage, presentPerson } from '../services/presenters.js';
import { loadSessionFor } from '../services/sessions/sessionAccess.js';
import type { PersonRecord } from '../storage/repositories/people.js';
import { toAppError } from '../http/errorHandler.js';
import { FrameBudget } from './frameBudget.js';
import { SessionFeed } from './sessionFeed.js';

const MAX_SUBSCRIPTIONS = 200;
/** A client that lets this much pile up unread is closed; it resumes from its last seq. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const MessageText = text(LIMITS.message);

interface Subscription {
  feed: SessionFeed;
  facts: SessionFacts;
  stop: () => void;
}

export interface ConnectionDeps {
  ctx: ServiceContext;
  bus: EventBus;
  heartbeatMs: number;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Called once a session feed is live (the queue watcher uses it for waiting customers). */
  onSubscribed?: (connection: ClientConnection, sessionId: string, facts: SessionFacts) => void;
  onClosed?: (connection: ClientConnection) => void;
}

export class ClientConnection {
  readonly id: string;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly personal: Array<() => void> = [];
  private readonly budget: FrameBudget;
  private alive = true;
  private closed = false;
  /** Frames are handled one at a time, in arrival order, so a client's sends keep their order. */
  private inbox: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: WebSocket,
    readonly viewer: Viewer,
    readonly person: PersonRecord,
    private readonly deps: ConnectionDeps,
  ) {
    this.id = deps.ctx.ids.next();
    this.budget = new FrameBudget(30, 120, () => deps.ctx.clock.now());
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return this.fail(new AppError('VALIDATION_FAILED', 'Frames are JSON text'));
      const raw = data.toString();
      this.inbox = this.inbox.then(() => this.handle(raw));
    });
  }

  /** Subscribes the personal topics and greets the client. */
  async open(): Promise<void> {
    const listen = async (topic: string) => {
      this.personal.push(
        await this.deps.bus.subscribe(topic, (frame) => this.onPersonalFrame(frame)),
      );
    };
    await listen(topics.user(this.viewer.id));
    if (isAgent(this.viewer)) {
      await listen(topics.queue);
      await listen(topics.agents);
    }
    if (isSuperAdmin(this.viewer)) await listen(topics.monitor);
    this.send({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      connectionId: this.id,
      heartbeatMs: this.deps.heartbeatMs,
      user: presentPerson(this.person),
    });
  }

  /** Called by the heartbeat timer: false when the last ping went unanswered. */
  checkAlive(): boolean {
    if (!this.alive) return false;
    this.alive = false;
    this.socket.ping();
    return true;
  }

  send(frame: ServerFrame): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CLOSE_CODES.POLICY, 'too slow: reconnect and resume');
      return;
    }
    this.socket.send(JSON.stringify(frame));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.socket.close(code, reason);
    this.dispose();
  }

  terminate(): void {
    this.socket.terminate();
    this.dispose();
  }

  /** Releases every bus subscription; safe to call twice. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.personal) stop();
    for (const { feed, stop } of this.subscriptions.values()) {
      feed.close();
      stop();
    }
    this.subscriptions.clear();
    this.deps.onClosed?.(this);
  }

  /** The bus lost frames: session feeds catch up from the database, lists are refetched. */
  resync(): void {
    for (const { feed } of this.subscriptions.values()) feed.resync();
    this.send({ type: 'refresh', reason: 'link restored' });
  }

  subscribedSessions(): string[] {
    return [...this.subscriptions.keys()];
  }

  private onPersonalFrame(frame: ServerFrame): void {
    if (frame.type === 'bye') {
      this.send(frame);
      this.close(CLOSE_CODES.AUTH_FAILED, frame.reason);
      return;
    }
    this.send(frame);
  }

  private async handle(raw: string): Promise<void> {
    // Frames still queued when the socket closed are dropped: nobody is left to hear the answer,
    // and an unacknowledged send is retried by the client after it reconnects.
    if (this.closed) return;
    if (!this.budget.take()) {
      this.send({
        type: 'error',
        error: { code: 'RATE_LIMITED', message: 'Too many frames; slow down' },
      });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return this.fail(new AppError('INVALID_JSON', 'Frame is not valid JSON'));
    }
    const parsed = ClientFrame.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message = `${issue?.path.join('.') || 'frame'}: ${issue?.message ?? 'invalid'}`;
      // Echo the ref of a frame we could not understand, so the client can match the error.
      const ref = (json as { ref?: unknown } | null)?.ref;
      const echo = typeof ref === 'string' ? ref.slice(0, 64) : undefined;
      return this.fail(new AppError('VALIDATION_FAILED', message), echo);
    }
    const frame = parsed.data;
    const ref = 'ref' in frame ? frame.ref : undefined;
    try {
      await this.dispatch(frame);
    } catch (error) {
      const clientId = frame.type === 'message.send' ? frame.clientId : undefined;
      this.fail(error, ref, clientId);
    }
  }

  private async dispatch(frame: z.output<typeof ClientFrame>): Promise<void> {
    switch (frame.type) {
      case 'ping':
        return this.send({ type: 'pong', ...(frame.ref ? { ref: frame.ref } : {}) });
      case 'subscribe':
        return this.subscribe(frame.sessionId, frame.afterSeq, frame.ref);
      case 'unsubscribe':
        this.unsubscribe(frame.sessionId);
        return this.send({
          type: 'unsubscribed',
          sessionId: frame.sessionId,
          ...(frame.ref ? { ref: frame.ref } : {}),
        });
      case 'message.send': {
        const body = MessageText.safeParse(frame.text);
        if (!body.success)
          throw new AppError('VALIDATION_FAILED', `text: ${body.error.issues[0]?.message}`, 'text');
        const { message } = await sendMessage(this.deps.ctx, {
          viewer: this.viewer,
          sessionId: frame.sessionId,
          text: body.data,
          clientId: frame.clientId,
        });
        return this.send({
          type: 'ack',
          clientId: frame.clientId,
          message: presentMessage(message),
          ...(frame.ref ? { ref: frame.ref } : {}),
        });
      }
      case 'typing':
        return this.typing(frame.sessionId, frame.typing);
      case 'read': {
        const lastReadSeq = await markRead(this.deps.ctx, {
          viewer: this.viewer,
          sessionId: frame.sessionId,
          upToSeq: frame.upToSeq,
        });
        return this.send({ type: 'ack', lastReadSeq, ...(frame.ref ? { ref: frame.ref } : {}) });
      }
    }
  }

  private async subscribe(
    sessionId: string,
    afterSeq: number,
    ref: string | undefined,
  ): Promise<void> {
    const existing = this.subscriptions.get(sessionId);
    if (existing) this.unsubscribe(sessionId);
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      throw new AppError(
        'VALIDATION_FAILED',
        `At most ${MAX_SUBSCRIPTIONS} sessions per connection`,
      );
    }
    const { ctx, bus } = this.deps;
    const { facts } = await loadSessionFor(ctx.store.db, this.viewer, sessionId);
    const feed = new SessionFeed(sessionId, afterSeq, {
      readEvents: (after, limit) => replayEvents(ctx, sessionId, after, limit),
      send: (frame) => this.send(frame),
      onError: (error) => this.deps.log.error({ err: error, sessionId }, 'session feed failed'),
    });
    const subscription: Subscription = { feed, facts, stop: () => {} };
    this.subscriptions.set(sessionId, subscription);
    // Listen before reading the database, so nothing committed in between is missed.
    const stop = await bus.subscribe(topics.session(sessionId), (frame) => {
      // Your own typing is not news to you (protocol: others get `typing`).
      if (frame.type === 'typing' && frame.user.id === this.viewer.id) return;
      if (frame.type === 'session.event' && frame.event.kind === 'session.updated') {
        const session = frame.event.session;
        subscription.facts = {
          ...subscription.facts,
          status: session.status,
          agentId: session.agent?.id ?? null,
        };
      }
      feed.receive(frame);
    });
    if (this.closed || this.subscriptions.get(sessionId) !== subscription) {
      stop();
      return;
    }
    subscription.stop = stop;
    await feed.start();
    this.send({ type: 'subscribed', sessionId, seq: feed.seq, ...(ref ? { ref } : {}) });
    this.deps.onSubscribed?.(this, sessionId, subscription.facts);
  }

  private unsubscribe(sessionId: string): void {
    const subscription = this.subscriptions.get(sessionId);
    if (!subscription) return;
    subscription.feed.close();
    subscription.stop();
    this.subscriptions.delete(sessionId);
  }

  private typing(sessionId: string, typing: boolean): void {
    const subscription = this.subscriptions.get(sessionId);
    if (!subscription)
      throw new AppError('VALIDATION_FAILED', 'Subscribe to the session before typing in it');
    if (
      !sessionPolicy.sendMessage(this.viewer, subscription.facts) ||
      subscription.facts.status === 'ended'
    )
      return;
    this.deps.bus.publish(topics.session(sessionId), {
      type: 'typing',
      sessionId,
      user: presentPerson(this.person),
      typing,
    });
  }

  private fail(error: unknown, ref?: string, clientId?: string): void {
    const known = toAppError(error);
    if (!known) this.deps.log.error({ err: error }, 'websocket frame failed');
    const reported = known ?? new AppError('INTERNAL', 'Something went wrong on our side');
    this.send({
      type: 'error',
      ...(ref ? { ref } : {}),
      ...(clientId ? { clientId } : {}),
      error: { code: reported.code, message: reported.message },
    });
  }
}

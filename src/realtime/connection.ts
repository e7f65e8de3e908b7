// One client's WebSocket: authenticated at connect and for as long as its sign-in lasts, it
// answers its frames (subscribe, send, typing, read, ticket watches and feeds, dashboard watches,
// ping) and forwards the bus frames of every
// session it follows, for as long as the policy lets its viewer see that session.
import type { WebSocket } from 'ws';
import { type z } from 'zod';
import { topics, type EventBus } from '../bus/bus.js';
import { AppError } from '../domain/errors.js';
import { isAgent, isSuperAdmin, type SessionFacts, type Viewer } from '../domain/policies.js';
import { text } from '../shared/api.js';
import { ClientFrame } from '../shared/clientFrames.js';
import { CLOSE_CODES, PROTOCOL_VERSION, type ServerFrame } from '../shared/protocol.js';
import { LIMITS } from '../shared/vocabulary.js';
import type { ServiceContext } from '../services/context.js';
import { expectedFailure } from '../services/failures.js';
import { sendMessage } from '../services/messages/messageSender.js';
import { markRead } from '../services/messages/readMarker.js';
import {
  audienceOf,
  presentMessage,
  presentSelf,
  seesEveryEmail,
  type Audience,
} from '../services/presenters.js';
import { presentFrame } from '../services/framePresenter.js';
import type { PersonRecord } from '../storage/repositories/people.js';
import type { ConsoleFanOut } from './consoleFanOut.js';
import type { DashboardWatchers } from './dashboardWatchers.js';
import { FrameBudget } from './frameBudget.js';
import { SessionSubscriptions } from './sessionSubscriptions.js';
import type { SignIn, SignInState } from './signIn.js';
import { TicketFeeds } from './ticketFeeds.js';
import { TicketWatches } from './ticketWatches.js';

/** A client that lets this much pile up unread is closed; it resumes from its last seq. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const MessageText = text(LIMITS.message);

/** The request ids of a frame that was refused before validation, when it got that far. */
function echoOf(json: unknown): { ref?: string; clientId?: string } {
  if (typeof json !== 'object' || json === null) return {};
  const { ref, clientId } = json as { ref?: unknown; clientId?: unknown };
  return {
    ...(typeof ref === 'string' ? { ref: ref.slice(0, 64) } : {}),
    ...(typeof clientId === 'string' ? { clientId: clientId.slice(0, LIMITS.clientId) } : {}),
  };
}

export interface ConnectionDeps {
  ctx: ServiceContext;
  bus: EventBus;
  heartbeatMs: number;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** The sign-in the socket was opened with; the socket closes when it ends. */
  signIn: SignIn;
  /**
   * A followed session is live, or its facts changed (the queue watcher uses it for waiting
   * customers).
   */
  onSessionFacts?: (connection: ClientConnection, sessionId: string, facts: SessionFacts) => void;
  /** The connection stopped following a session. */
  onUnsubscribed?: (connection: ClientConnection, sessionId: string) => void;
  onClosed?: (connection: ClientConnection) => void;
  /** The node's live dashboard watchers (`dashboard.watch`); without them the frame is refused. */
  dashboard?: DashboardWatchers;
  /**
   * The node's console fan-out: an agent's socket hears the queue and agents' states through it
   * (coalesced, serialized once per node), or straight from the bus without it.
   */
  console?: ConsoleFanOut;
  /** The client asked for `console.changes` batches (CONSOLE_BATCH_PARAM). */
  consoleBatch?: boolean;
}

export class ClientConnection {
  readonly id: string;
  /** The chats this socket follows. */
  private readonly sessions: SessionSubscriptions;
  private readonly personal: Array<() => void> = [];
  private readonly budget: FrameBudget;
  /** The tickets this socket has open, for collision detection. */
  private readonly ticketWatches: TicketWatches;
  /** The tickets whose pages this socket has open, for their feeds. */
  private readonly ticketFeeds: TicketFeeds;
  /** Every frame is presented for the socket's person before it is sent. */
  private readonly audience: Audience;
  private alive = true;
  private closed = false;
  /**
   * Personal frames heard while open() is still subscribing: held until `hello` has gone out, so
   * the first frame a client sees is always `hello`.
   */
  private beforeHello: ServerFrame[] | null = [];
  /**
   * Frames are handled one at a time, in arrival order, so a client's sends keep their order;
   * none before open(), so a socket the gateway turns away (refuse()) has handled nothing.
   */
  private inbox: Promise<void>;
  private startHandling!: () => void;

  constructor(
    private readonly socket: WebSocket,
    readonly viewer: Viewer,
    readonly person: PersonRecord,
    private readonly deps: ConnectionDeps,
  ) {
    this.id = deps.ctx.ids.next();
    this.inbox = new Promise((resolve) => {
      this.startHandling = resolve;
    });
    this.budget = new FrameBudget(30, 120, deps.ctx.clock);
    this.audience = audienceOf(deps.ctx.settings, viewer);
    this.sessions = new SessionSubscriptions({
      ctx: deps.ctx,
      bus: deps.bus,
      viewer,
      person,
      send: (frame) => this.send(frame),
      isClosed: () => this.closed,
      log: deps.log,
      onSessionFacts: (sessionId, facts) => deps.onSessionFacts?.(this, sessionId, facts),
      onUnsubscribed: (sessionId) => deps.onUnsubscribed?.(this, sessionId),
    });
    this.ticketWatches = new TicketWatches({
      ctx: deps.ctx,
      bus: deps.bus,
      viewer,
      person,
      send: (frame) => this.send(frame),
    });
    this.ticketFeeds = new TicketFeeds({
      ctx: deps.ctx,
      bus: deps.bus,
      viewer,
      send: (frame) => this.send(frame),
      log: deps.log,
    });
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return this.fail(new AppError('VALIDATION_FAILED', 'Frames are JSON text'));
      const raw = data.toString();
      this.inbox = this.inbox.then(() => this.handle(raw));
    });
  }

  /** Starts handling the client's frames, subscribes the personal topics and greets the client. */
  async open(): Promise<void> {
    this.startHandling();
    const personalTopics = [topics.user(this.viewer.id), this.deps.signIn.topic];
    // Ticket invalidations carry no content (services/tickets/ticketChanges.ts): every agent
    // hears of every ticket's change and refetches through the API, which applies visibility.
    const fanOut = isAgent(this.viewer) ? this.deps.console : undefined;
    if (isAgent(this.viewer)) {
      personalTopics.push(topics.tickets);
      if (!fanOut) personalTopics.push(topics.queue, topics.agents);
    }
    if (isSuperAdmin(this.viewer)) personalTopics.push(topics.monitor);
    for (const topic of personalTopics) {
      const stop = await this.deps.bus.subscribe(topic, (frame) => this.onPersonalFrame(frame));
      // Closed while we waited: dispose() has run and will never see this one.
      if (this.closed) return stop();
      this.personal.push(stop);
    }
    if (fanOut) {
      await fanOut.listen();
      if (this.closed) return;
    }
    this.send({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      connectionId: this.id,
      heartbeatMs: this.deps.heartbeatMs,
      user: presentSelf(this.person),
    });
    const held = this.beforeHello ?? [];
    this.beforeHello = null;
    for (const frame of held) this.onPersonalFrame(frame);
    fanOut?.add(this, this.deps.consoleBatch ?? false);
  }

  /** Turns the socket away instead of opening it: an `error` frame says why, then `code` closes it. */
  refuse(error: AppError, code: number): void {
    this.fail(error);
    this.close(code, error.code);
  }

  /** Called by the heartbeat timer: false when the last ping went unanswered. */
  checkAlive(): boolean {
    if (!this.alive) return false;
    this.alive = false;
    this.socket.ping();
    return true;
  }

  /**
   * Says `bye` and closes the socket once its sign-in has expired or was revoked (4001) or its
   * role changed (1012). Called on every heartbeat, where it costs nothing before the known
   * expiry, and with `recheck` when a `bye` may have been lost on the bus.
   */
  async checkSignIn(recheck = false): Promise<void> {
    if (this.closed) return;
    let state: SignInState;
    try {
      state = await this.deps.signIn.check(recheck);
    } catch (error) {
      // The database is unreachable: keep the socket; the next heartbeat asks again.
      this.deps.log.warn({ err: error }, 'could not check the sign-in of a socket');
      return;
    }
    if (state !== 'valid') this.sayBye({ type: 'bye', reason: state, retryMs: 0 });
  }

  /**
   * Sends a frame as this socket's person may see it: frames on the bus are shared by everyone
   * who follows a session, the customer as much as the agents (services/framePresenter.ts).
   */
  send(frame: ServerFrame): void {
    if (!this.writable()) return;
    this.socket.send(JSON.stringify(presentFrame(frame, this.audience)));
  }

  /**
   * Sends a frame many sockets get at once: `json` serializes it once for every socket whose
   * person sees it as published (agents: console frames carry nothing else to withhold).
   */
  sendShared(frame: ServerFrame, json: () => string): void {
    if (!seesEveryEmail(this.audience)) return this.send(frame);
    if (!this.writable()) return;
    this.socket.send(json());
  }

  /** Open and reading: false once closed, or after closing a socket that let too much pile up. */
  private writable(): boolean {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return false;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CLOSE_CODES.POLICY, 'too slow: reconnect and resume');
      return false;
    }
    return true;
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
    this.sessions.dispose();
    this.ticketWatches.dispose();
    this.deps.dashboard?.unwatch(this);
    this.deps.console?.remove(this);
    this.ticketFeeds.dispose();
    this.deps.onClosed?.(this);
  }

  /**
   * The bus lost frames: session feeds catch up from the database, lists are refetched, and the
   * sign-in is checked again in case its `bye` was among the lost frames.
   */
  resync(): void {
    this.sessions.resync();
    this.send({ type: 'refresh', reason: 'link restored' });
    void this.checkSignIn(true);
  }

  subscribedSessions(): string[] {
    return this.sessions.sessionIds();
  }

  private onPersonalFrame(frame: ServerFrame): void {
    if (this.beforeHello) {
      this.beforeHello.push(frame);
      return;
    }
    if (frame.type === 'bye') return this.sayBye(frame);
    // A mention lets the viewer go on reading a chat they follow (a waiting one, say) after
    // someone else takes it.
    if (frame.type === 'note.mentioned') this.sessions.mentioned(frame.sessionId);
    this.send(frame);
  }

  /** The socket's identity no longer holds: signed out (4001), or its role changed (1012). */
  private sayBye(bye: Extract<ServerFrame, { type: 'bye' }>): void {
    this.send(bye);
    // After a role change the sign-in is still good: the client reconnects for the new rights.
    const code = bye.reason === 'role_changed' ? CLOSE_CODES.RESTARTING : CLOSE_CODES.AUTH_FAILED;
    this.close(code, bye.reason);
  }

  private async handle(raw: string): Promise<void> {
    // Frames still queued when the socket closed are dropped: nobody is left to hear the answer,
    // and an unacknowledged send is retried by the client after it reconnects.
    if (this.closed) return;
    const withinBudget = this.budget.take();
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return this.fail(
        withinBudget
          ? new AppError('INVALID_JSON', 'Frame is not valid JSON')
          : new AppError('RATE_LIMITED', 'Too many frames; slow down'),
      );
    }
    // A refused frame's ref and clientId are echoed, so the client knows which send was dropped.
    if (!withinBudget) {
      const { ref, clientId } = echoOf(json);
      return this.fail(new AppError('RATE_LIMITED', 'Too many frames; slow down'), ref, clientId);
    }
    const parsed = ClientFrame.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message = `${issue?.path.join('.') || 'frame'}: ${issue?.message ?? 'invalid'}`;
      const { ref, clientId } = echoOf(json);
      return this.fail(new AppError('VALIDATION_FAILED', message), ref, clientId);
    }
    const frame = parsed.data;
    const { ref } = frame;
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
        return this.sessions.subscribe(frame.sessionId, frame.afterSeq, frame.ref);
      case 'unsubscribe':
        this.sessions.unsubscribe(frame.sessionId);
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
          type: frame.messageType,
        });
        return this.send({
          type: 'ack',
          clientId: frame.clientId,
          message: presentMessage(message, this.audience),
          ...(frame.ref ? { ref: frame.ref } : {}),
        });
      }
      case 'typing':
        // No reply: the others get `typing`. Only a misuse is answered, with an error.
        return this.sessions.typing(frame.sessionId, frame.typing, frame.note);
      case 'ticket.watch':
        // No reply: colleagues on the ticket hear of it. Only a refusal is answered.
        return this.ticketWatches.watch(frame.ticketId, frame.replying);
      case 'ticket.unwatch':
        return this.ticketWatches.unwatch(frame.ticketId);
      case 'dashboard.watch':
        if (!this.deps.dashboard) throw new AppError('VALIDATION_FAILED', 'No live dashboard here');
        // Answered by the first snapshot, or by a refusal.
        return this.deps.dashboard.watch(this, frame.ref);
      case 'dashboard.unwatch':
        this.deps.dashboard?.unwatch(this);
        return this.send({ type: 'ack', ...(frame.ref ? { ref: frame.ref } : {}) });
      case 'ticket.subscribe':
        return this.ticketFeeds.subscribe(frame.ticketId, frame.ref);
      case 'ticket.unsubscribe':
        this.ticketFeeds.unsubscribe(frame.ticketId);
        return this.send({
          type: 'ticket.unsubscribed',
          ticketId: frame.ticketId,
          ...(frame.ref ? { ref: frame.ref } : {}),
        });
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

  private fail(error: unknown, ref?: string, clientId?: string): void {
    const known = expectedFailure(error);
    if (!known) this.deps.log.error({ err: error }, 'websocket frame failed');
    const reported = known ?? new AppError('INTERNAL', 'Something went wrong on our side');
    this.send({
      type: 'error',
      ...(ref ? { ref } : {}),
      ...(clientId ? { clientId } : {}),
      error: {
        code: reported.code,
        message: reported.message,
        ...(reported.retryAfterSeconds !== undefined
          ? { retryAfterSeconds: reported.retryAfterSeconds }
          : {}),
      },
    });
  }
}

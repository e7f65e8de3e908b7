// The tab's one WebSocket, kept alive: connects, notices dead links, reconnects with backoff
// (a long one when the server turned it away for the sign-in's other sockets), resubscribes
// every followed session from the last seq it applied (and, with backoff, one whose subscription
// was refused for a passing reason; never one the server revoked), and matches replies to
// requests by `ref`. It knows nothing of the DOM: the socket factory is passed in.
import { CLOSE_CODES, type ClientFrame, type ServerFrame } from '../../shared/protocol.js';
import { isPermanentFailure } from '../api/permanentFailure.js';
import { reconnectDelay } from './backoff.js';
import { FrameError, LinkLostError, PendingRequests } from './pendingRequests.js';

/** How the link is doing, as the header shows it. */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'signedOut';

export type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;
export type SessionEventFrame = FrameOf<'session.event'>;

/** What one followed session is told by the socket. */
export interface SessionFeed {
  /** The last seq this feed has applied: where to resume after a reconnect. */
  lastSeq(): number;
  onEvent(frame: SessionEventFrame): void;
  /** Everything missed has been replayed; live events follow. */
  onLive(): void;
  onTyping(frame: FrameOf<'typing'>): void;
  onQueuePosition(frame: FrameOf<'queue.position'>): void;
  /**
   * The server refused the subscription. `retrying` is false for a refusal retrying cannot fix
   * (NOT_FOUND: no longer visible); otherwise the client subscribes again after a backoff.
   */
  onRefused(error: { code: string; message: string }, retrying: boolean): void;
  /**
   * The server ended the subscription because the viewer may no longer see the session (a
   * colleague took the waiting chat they were watching). The feed is dropped for good: nothing
   * more arrives, and it is not subscribed again after a reconnect.
   */
  onRevoked(): void;
}

export interface SocketHandlers {
  open(): void;
  message(data: string): void;
  close(code: number, reason: string): void;
}

export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

export interface RealtimeOptions {
  url: string;
  createSocket: SocketFactory;
  random?: () => number;
}

/** A connection attempt that has not been greeted by then is abandoned and retried. */
const CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_HEARTBEAT_MS = 25_000;
/**
 * A link quiet for this long is probed with a ping, and one that stays silent for PONG_TIMEOUT_MS
 * after it is dead: a dead network shows in the header within seconds, not a heartbeat later.
 */
const PROBE_QUIET_MS = 5_000;
const PONG_TIMEOUT_MS = 3_000;
/** How often the heartbeat looks at the link. */
const HEARTBEAT_TICK_MS = 1_000;
/** The code this client closes a link with when it gives up on it (silent or never greeted). */
const GAVE_UP = 4000;
/** Turned away for too many sockets without a hint from the server: wait at least this long. */
const TOO_MANY_SOCKETS_RETRY_MS = 30_000;

type FrameListener = (frame: ServerFrame) => void;
type RequestFrame = Exclude<ClientFrame, { type: 'typing' }>;

export class RealtimeClient {
  private socket: SocketLike | null = null;
  /** Bumped for every socket, so callbacks of an abandoned socket are ignored. */
  private generation = 0;
  private linkState: LinkState = 'connecting';
  private attempts = 0;
  private greeted = false;
  private stopped = true;
  private online = true;
  /** False from a missed heartbeat until the server greets a new socket. */
  private reachable = true;
  private heartbeatMs = DEFAULT_HEARTBEAT_MS;
  private lastFrameAt = 0;
  /** When the unanswered probe on this socket went out, or null when none is out. */
  private probeSentAt: number | null = null;
  private retryAfterBye: number | null = null;
  /** What the `error` frame before a TOO_MANY_SOCKETS close said to wait. */
  private retryAfterRefusal: number | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private readonly feeds = new Map<string, SessionFeed>();
  private readonly live = new Set<string>();
  /** Refused subscriptions waiting to be retried on this socket, and how often each failed. */
  private readonly resubscribeTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly refusals = new Map<string, number>();
  private readonly requests = new PendingRequests();
  private readonly frameListeners = new Map<string, Set<FrameListener>>();
  private readonly stateListeners = new Set<(state: LinkState) => void>();
  private readonly resumeListeners = new Set<() => void>();

  constructor(private readonly options: RealtimeOptions) {}

  get state(): LinkState {
    return this.linkState;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.setState('connecting');
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.abandonSocket(1000);
    this.requests.failAll();
  }

  /**
   * The browser says it went offline or came back. Offline drops the link at once rather than
   * waiting for it to fail: what is sent meanwhile waits in the outbox, and nothing shows
   * "connected" while nothing can arrive.
   */
  setOnline(online: boolean): void {
    this.online = online;
    if (online) return this.reconnectNow();
    if (this.stopped || this.linkState === 'signedOut') return;
    if (this.socket) this.dropDeadLink();
    else this.setState('offline');
  }

  /** Skip the backoff wait (the network came back, the tab became visible). */
  reconnectNow(): void {
    if (this.stopped || this.socket || this.linkState === 'signedOut') return;
    this.attempts = 0;
    this.connect();
  }

  /** Follows a session: subscribes now if connected, and again after every reconnect. */
  follow(sessionId: string, feed: SessionFeed): () => void {
    this.feeds.set(sessionId, feed);
    if (this.linkState === 'connected') this.subscribe(sessionId, feed);
    return () => {
      if (this.feeds.get(sessionId) !== feed) return;
      this.forget(sessionId);
      this.transmit({ type: 'unsubscribe', sessionId });
    };
  }

  /** True once the session's replay is done on the current socket. */
  isLive(sessionId: string): boolean {
    return this.live.has(sessionId);
  }

  on<T extends ServerFrame['type']>(type: T, listener: (frame: FrameOf<T>) => void): () => void {
    let set = this.frameListeners.get(type);
    if (!set) this.frameListeners.set(type, (set = new Set()));
    const wrapped = listener as FrameListener;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  onState(listener: (state: LinkState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Called after each reconnect: frames were missed meanwhile, so lists should be refetched. */
  onResume(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  /** Sends a frame and resolves with the reply carrying its ref (rejects on an error frame). */
  request(frame: RequestFrame): Promise<ServerFrame> {
    if (this.linkState !== 'connected') return Promise.reject(new LinkLostError());
    const { ref, reply } = this.requests.open();
    this.transmit({ ...frame, ref });
    return reply;
  }

  /** Fire and forget (typing); false when there is no link to send it on. */
  notify(frame: ClientFrame): boolean {
    if (this.linkState !== 'connected') return false;
    return this.transmit(frame);
  }

  private connect(): void {
    this.clearTimers();
    const generation = ++this.generation;
    const current = (fn: () => void) => () => {
      if (generation === this.generation) fn();
    };
    this.socket = this.options.createSocket(this.options.url, {
      open: () => {},
      message: (data) => current(() => this.receive(data))(),
      close: (code) => current(() => this.closed(code))(),
    });
    this.connectTimer = setTimeout(
      current(() => this.dropDeadLink()),
      CONNECT_TIMEOUT_MS,
    );
  }

  private receive(data: string): void {
    this.lastFrameAt = Date.now();
    this.probeSentAt = null;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    // A window of console changes (the socket asked for them batched): heard as the frames it
    // stands for, so listeners of `queue.changed` and `agent.status` need not know of batches.
    if (frame.type === 'console.changes') {
      for (const { sessionId, status } of frame.queue)
        this.dispatch({ type: 'queue.changed', sessionId, status });
      for (const state of frame.agents) this.dispatch({ type: 'agent.status', state });
      return;
    }
    this.dispatch(frame);
  }

  private dispatch(frame: ServerFrame): void {
    this.handle(frame);
    for (const listener of this.frameListeners.get(frame.type) ?? []) listener(frame);
  }

  private handle(frame: ServerFrame): void {
    switch (frame.type) {
      case 'hello':
        return this.greet(frame.heartbeatMs);
      case 'session.event':
        return this.feeds.get(frame.sessionId)?.onEvent(frame);
      case 'subscribed':
        this.requests.settle(frame);
        if (!this.feeds.has(frame.sessionId)) return;
        this.refusals.delete(frame.sessionId);
        this.live.add(frame.sessionId);
        return this.feeds.get(frame.sessionId)?.onLive();
      case 'typing':
        return this.feeds.get(frame.sessionId)?.onTyping(frame);
      case 'queue.position':
        return this.feeds.get(frame.sessionId)?.onQueuePosition(frame);
      case 'bye':
        this.retryAfterBye = frame.retryMs;
        return;
      case 'unsubscribed':
        // A reason means the server ended the subscription on its own; otherwise it is the
        // reply to an unsubscribe.
        if (frame.reason) return this.revoked(frame.sessionId);
        return this.requests.settle(frame);
      case 'error':
        // Without a ref it answers no request: the handshake was refused (a close follows).
        if (!frame.ref && frame.error.retryAfterSeconds !== undefined)
          this.retryAfterRefusal = frame.error.retryAfterSeconds * 1000;
        return this.requests.settle(frame);
      case 'ack':
      case 'pong':
      case 'dashboard.snapshot':
        return this.requests.settle(frame);
    }
  }

  private greet(heartbeatMs: number): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.heartbeatMs = heartbeatMs > 0 ? heartbeatMs : DEFAULT_HEARTBEAT_MS;
    this.attempts = 0;
    this.reachable = true;
    const resumed = this.greeted;
    this.greeted = true;
    this.setState('connected');
    this.startHeartbeat();
    for (const [sessionId, feed] of this.feeds) this.subscribe(sessionId, feed);
    if (resumed) for (const listener of this.resumeListeners) listener();
  }

  private subscribe(sessionId: string, feed: SessionFeed): void {
    this.cancelResubscribe(sessionId);
    const generation = this.generation;
    this.request({ type: 'subscribe', sessionId, afterSeq: feed.lastSeq() }).catch(
      (error: unknown) => {
        // A lost link is not a refusal: the reconnect subscribes again.
        if (!(error instanceof FrameError) || this.feeds.get(sessionId) !== feed) return;
        const retrying = !isPermanentFailure(error.code);
        feed.onRefused({ code: error.code, message: error.message }, retrying);
        if (retrying && generation === this.generation) this.resubscribeLater(sessionId, feed);
      },
    );
  }

  private revoked(sessionId: string): void {
    const feed = this.feeds.get(sessionId);
    if (!feed) return;
    this.forget(sessionId);
    feed.onRevoked();
  }

  private forget(sessionId: string): void {
    this.feeds.delete(sessionId);
    this.live.delete(sessionId);
    this.cancelResubscribe(sessionId);
    this.refusals.delete(sessionId);
  }

  private resubscribeLater(sessionId: string, feed: SessionFeed): void {
    const attempt = this.refusals.get(sessionId) ?? 0;
    this.refusals.set(sessionId, attempt + 1);
    const delay = reconnectDelay(attempt, this.options.random);
    this.resubscribeTimers.set(
      sessionId,
      setTimeout(() => {
        this.resubscribeTimers.delete(sessionId);
        if (this.linkState === 'connected' && this.feeds.get(sessionId) === feed) {
          this.subscribe(sessionId, feed);
        }
      }, delay),
    );
  }

  private cancelResubscribe(sessionId: string): void {
    const timer = this.resubscribeTimers.get(sessionId);
    if (timer) clearTimeout(timer);
    this.resubscribeTimers.delete(sessionId);
  }

  /**
   * The server pings at the WebSocket level, which pages cannot see, so the client pings too:
   * a link quiet for PROBE_QUIET_MS (or half a heartbeat, if the server's is shorter) is
   * probed, and one that answers nothing within PONG_TIMEOUT_MS is dead (any frame will do as
   * an answer).
   */
  private startHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    const generation = this.generation;
    const probeAfterMs = Math.min(PROBE_QUIET_MS, this.heartbeatMs / 2);
    this.probeSentAt = null;
    this.heartbeatTimer = setInterval(() => {
      if (generation !== this.generation) return;
      const now = Date.now();
      if (this.probeSentAt !== null) {
        if (now - this.probeSentAt >= PONG_TIMEOUT_MS) this.missedHeartbeat();
      } else if (now - this.lastFrameAt >= probeAfterMs) {
        this.probeSentAt = now;
        this.transmit({ type: 'ping' });
      }
    }, HEARTBEAT_TICK_MS);
  }

  private missedHeartbeat(): void {
    this.reachable = false;
    this.dropDeadLink();
  }

  private dropDeadLink(): void {
    this.abandonSocket(GAVE_UP);
    this.closed(GAVE_UP);
  }

  private closed(code: number): void {
    this.generation++;
    this.socket = null;
    this.clearTimers();
    this.live.clear();
    this.requests.failAll();
    if (this.stopped) return;
    if (code === CLOSE_CODES.AUTH_FAILED) {
      this.setState('signedOut');
      return;
    }
    const delay =
      code === CLOSE_CODES.TOO_MANY_SOCKETS
        ? this.afterRefusal()
        : (this.retryAfterBye ?? reconnectDelay(this.attempts++, this.options.random));
    this.retryAfterBye = this.retryAfterRefusal = null;
    this.setState(this.online && this.reachable ? 'reconnecting' : 'offline');
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /**
   * The sign-in's other sockets (tabs) hold every place: reconnecting sooner than the server said
   * would only be turned away again, and the attempts go on doubling from there, with jitter so
   * that tabs refused together do not come back together.
   */
  private afterRefusal(): number {
    const hint = this.retryAfterRefusal ?? TOO_MANY_SOCKETS_RETRY_MS;
    return hint + reconnectDelay(this.attempts++, this.options.random);
  }

  /** Closes the current socket without waiting for its close event (a dead link may never send one). */
  private abandonSocket(code: number): void {
    const socket = this.socket;
    this.socket = null;
    this.generation++;
    try {
      socket?.close(code);
    } catch {
      // Already closing.
    }
  }

  private transmit(frame: ClientFrame): boolean {
    if (!this.socket) return false;
    try {
      this.socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.connectTimer) clearTimeout(this.connectTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.retryTimer = this.connectTimer = this.heartbeatTimer = null;
    for (const sessionId of [...this.resubscribeTimers.keys()]) this.cancelResubscribe(sessionId);
  }

  private setState(state: LinkState): void {
    if (state === this.linkState) return;
    this.linkState = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

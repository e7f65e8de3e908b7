// A live conversation: loads the session and its latest messages (retrying with backoff and on
// reconnect until it works or cannot), follows the session's feed (resuming from the last seq
// after every reconnect), sends through the outbox, sends read receipts and typing signals, and
// tracks the other side's typing and the customer's place in the queue. Screens watch it as a
// Readable.
import type { Person, QueuePosition, Session } from '../../shared/api.js';
import type { Api } from '../api/endpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { ApiError } from '../api/http.js';
import { isPermanentFailure } from '../api/permanentFailure.js';
import { reconnectDelay } from '../realtime/backoff.js';
import { FrameError } from '../realtime/pendingRequests.js';
import type { RealtimeClient, SessionFeed } from '../realtime/realtimeClient.js';
import { Observable, type Readable } from '../state/observable.js';
import { newClientId } from './clientIds.js';
import {
  conversationReducer,
  initialConversation,
  readReceiptSeq,
  type ConversationAction,
  type ConversationState,
} from './conversation.js';
import { toSend, type PendingMessage } from './outbox.js';
import { loadOutbox, saveOutbox, type OutboxStorage } from './savedOutbox.js';
import { transferredAwayFrom } from './transferredAway.js';
import { TypingSignal } from './typingSignal.js';

/** Messages per page when opening a conversation or scrolling back. */
const PAGE_SIZE = 100;
/** An indicator not refreshed for this long is dropped (the typing:false may have been lost). */
const TYPING_EXPIRES_MS = 6000;
/** Waits between attempts to load a conversation that failed to load. */
const LOAD_BACKOFF = { baseMs: 1000, maxMs: 30_000 };
/** A send refused for going too fast, without a hint from the server, goes again after this. */
const RATE_LIMITED_RETRY_MS = 1000;

export interface ConversationView {
  conversation: ConversationState;
  /** 'failed' only when retrying cannot help (the chat is gone or not the viewer's to see). */
  status: 'loading' | 'ready' | 'failed';
  /**
   * Why loading or following does not work right now: shown instead of the conversation until
   * it is loaded, above it once it is; cleared when the feed is live again.
   */
  problem: string | null;
  /** The problem is being retried (with backoff, and at once after a reconnect). */
  retrying: boolean;
  /** The other side's person typing right now. */
  typing: Person | null;
  /** For the customer of a waiting session. */
  queue: QueuePosition | null;
  /** The feed has replayed what was missed and is receiving live events. */
  live: boolean;
  /**
   * The server stopped the feed because the viewer may no longer see the chat (a colleague took
   * the waiting chat they were watching): what is shown is the last they were allowed to see.
   */
  lostAccess: boolean;
  /**
   * The viewer's chat was transferred to another agent while it was open here: it stays on
   * screen (they keep read access), read-only and marked so, as a lost chat does.
   */
  transferredAway: boolean;
}

export interface ConversationDeps {
  api: Api;
  realtime: RealtimeClient;
  viewer: Person;
  storage: OutboxStorage | null;
  /** Whether the viewer monitors this chat as the lead of its team (none when absent). */
  monitors?: ((session: Session) => boolean) | undefined;
}

export class ConversationStore implements Readable<ConversationView> {
  private readonly view: Observable<ConversationView>;
  private readonly inFlight = new Set<string>();
  private readonly typingSignal: TypingSignal;
  private readonly stops: Array<() => void> = [];
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private readReceiptInFlight = 0;
  private loadAttempts = 0;
  private loadTimer: ReturnType<typeof setTimeout> | null = null;
  /** Sends refused for going too fast go again when this fires. */
  private resendTimer: ReturnType<typeof setTimeout> | null = null;
  private resendAt = 0;
  private opened = false;
  private closed = false;
  /** The typing signal going out is for a note. */
  private typingNote = false;

  constructor(
    readonly sessionId: string,
    private readonly deps: ConversationDeps,
  ) {
    const outbox = loadOutbox(deps.storage, deps.viewer.id, sessionId);
    this.view = new Observable<ConversationView>({
      conversation: initialConversation(deps.viewer.id, outbox),
      status: 'loading',
      problem: null,
      retrying: false,
      typing: null,
      queue: null,
      live: false,
      lostAccess: false,
      transferredAway: false,
    });
    this.typingSignal = new TypingSignal((typing) =>
      deps.realtime.notify({
        type: 'typing',
        sessionId,
        typing,
        // The server keeps a note's typing from the customer.
        ...(this.typingNote ? { note: true } : {}),
      }),
    );
  }

  get(): ConversationView {
    return this.view.get();
  }

  subscribe(listener: () => void): () => void {
    return this.view.subscribe(listener);
  }

  /** Loads the conversation and starts following it; safe to call more than once. */
  open(): void {
    if (this.opened) return;
    this.opened = true;
    this.stops.push(
      this.deps.realtime.onState(() =>
        this.patch({ live: this.deps.realtime.isLive(this.sessionId) }),
      ),
      // The link is back, so whatever kept the load from working may be too.
      this.deps.realtime.onResume(() => {
        if (this.loadTimer) this.retryLoadNow();
      }),
    );
    void this.load();
  }

  close(): void {
    this.closed = true;
    this.typingSignal.stop();
    if (this.typingTimer) clearTimeout(this.typingTimer);
    if (this.loadTimer) clearTimeout(this.loadTimer);
    if (this.resendTimer) clearTimeout(this.resendTimer);
    for (const stop of this.stops.splice(0)) stop();
  }

  /**
   * Queues a message (or, with `note`, an internal note for the desk) and sends it now if the
   * feed is live (else once it is).
   */
  send(text: string, note = false): void {
    const pending: PendingMessage = {
      clientId: newClientId(),
      text,
      queuedAt: new Date().toISOString(),
      failure: null,
      ...(note ? { note: true } : {}),
    };
    this.typingSignal.stop();
    this.dispatch({ type: 'queued', message: pending });
    if (this.deps.realtime.isLive(this.sessionId)) this.transmit(pending);
  }

  /**
   * Sends a message carrying `fileIds` (uploads of the viewer's, chat/uploads.ts) over HTTP, and
   * shows it once stored; the socket then brings it to everyone else. Throws the server's error.
   */
  async sendWithFiles(text: string, fileIds: readonly string[], note = false): Promise<void> {
    this.typingSignal.stop();
    const message = await this.deps.api.messages.send(this.sessionId, {
      text,
      fileIds: [...fileIds],
      clientId: newClientId(),
      ...(note ? { type: 'note' as const } : {}),
    });
    this.dispatch({ type: 'acknowledged', message });
  }

  retry(clientId: string): void {
    this.dispatch({ type: 'retried', clientId });
    this.flushOutbox();
  }

  discard(clientId: string): void {
    this.dispatch({ type: 'discarded', clientId });
  }

  /** A keystroke in the composer, writing a message or (`note`) an internal note. */
  typing(note = false): void {
    if (note !== this.typingNote) {
      this.typingSignal.stop();
      this.typingNote = note;
    }
    if (note ? this.canAddNote() : this.canWrite()) this.typingSignal.input();
  }

  stopTyping(): void {
    this.typingSignal.stop();
  }

  /** The conversation is on screen: tell the other side what has been read. */
  markRead(): void {
    const upToSeq = readReceiptSeq(this.get().conversation);
    if (upToSeq === null || upToSeq <= this.readReceiptInFlight) return;
    if (!this.isParticipant() || !this.deps.realtime.isLive(this.sessionId)) return;
    this.readReceiptInFlight = upToSeq;
    this.deps.realtime.request({ type: 'read', sessionId: this.sessionId, upToSeq }).then(
      () => this.dispatch({ type: 'readSent', upToSeq }),
      () => {
        this.readReceiptInFlight = 0;
      },
    );
  }

  async loadEarlier(): Promise<void> {
    const oldest = this.get().conversation.messages[0];
    if (!oldest) return;
    const page = await this.deps.api.messages.list(this.sessionId, {
      beforeSeq: oldest.seq,
      limit: PAGE_SIZE,
    });
    this.dispatch({ type: 'earlierLoaded', messages: page.items, hasEarlier: page.hasMore });
  }

  /** True when the viewer is one of the two people in the conversation. */
  isParticipant(): boolean {
    const session = this.get().conversation.session;
    const me = this.deps.viewer.id;
    return session !== null && (session.customer.id === me || session.agent?.id === me);
  }

  /** True when the viewer may write in it now. */
  /**
   * Whether the viewer may add an internal note: anyone on the desk side who sees the chat (the
   * server holds them to sessionPolicy.addNote).
   */
  canAddNote(): boolean {
    const session = this.get().conversation.session;
    const { role, id } = this.deps.viewer;
    if (!session || this.get().lostAccess || role === 'user') return false;
    return session.customer.id !== id;
  }

  canWrite(): boolean {
    const session = this.get().conversation.session;
    if (!session || session.status === 'ended' || this.get().lostAccess) return false;
    if (session.customer.id === this.deps.viewer.id) return true;
    return session.status === 'active' && session.agent?.id === this.deps.viewer.id;
  }

  private async load(): Promise<void> {
    const { api, realtime } = this.deps;
    try {
      // The session first: every message up to its lastSeq is then in the page that follows,
      // and the feed resumes right after it.
      const session = await api.sessions.get(this.sessionId);
      const page = await api.messages.list(this.sessionId, { limit: PAGE_SIZE });
      if (this.closed) return;
      this.dispatch({
        type: 'loaded',
        session,
        unreadCount: session.unreadCount,
        messages: page.items,
        hasEarlier: page.hasMore,
      });
      this.loadAttempts = 0;
      this.patch({
        status: 'ready',
        problem: null,
        retrying: false,
        transferredAway:
          this.get().transferredAway ||
          transferredAwayFrom(session, page.items, this.deps.viewer, this.deps.monitors?.(session)),
      });
      if (session.status === 'waiting' && session.customer.id === this.deps.viewer.id) {
        api.sessions.queue(this.sessionId).then(
          (queue) => this.patch({ queue }),
          () => {},
        );
      }
      this.stops.push(realtime.follow(this.sessionId, this.feed()));
    } catch (error) {
      if (this.closed) return;
      if (error instanceof ApiError && isPermanentFailure(error.code)) {
        this.patch({
          status: 'failed',
          retrying: false,
          problem:
            error.code === 'NOT_FOUND'
              ? 'This chat does not exist, or you cannot see it.'
              : error.message,
        });
        return;
      }
      this.patch({ problem: errorMessage(error), retrying: true });
      this.loadTimer = setTimeout(
        () => this.retryLoadNow(),
        reconnectDelay(this.loadAttempts++, Math.random, LOAD_BACKOFF),
      );
    }
  }

  private retryLoadNow(): void {
    if (this.loadTimer) clearTimeout(this.loadTimer);
    this.loadTimer = null;
    void this.load();
  }

  private feed(): SessionFeed {
    return {
      lastSeq: () => this.get().conversation.lastSeq,
      onEvent: (frame) => {
        const agentBefore = this.get().conversation.session?.agent?.id;
        this.dispatch({ type: 'event', seq: frame.seq, event: frame.event });
        const { event } = frame;
        const me = this.deps.viewer.id;
        if (
          event.kind === 'session.updated' &&
          event.change === 'transferred' &&
          agentBefore === me &&
          event.session.agent?.id !== me
        ) {
          this.patch({ transferredAway: true });
        }
        if (
          event.kind === 'message.created' &&
          event.message.sender?.id === this.get().typing?.id
        ) {
          this.showTyping(null);
        }
        if (event.kind === 'session.updated' && event.session.status !== 'waiting') {
          this.patch({ queue: null });
        }
      },
      onLive: () => {
        this.patch({ live: true, problem: null, retrying: false });
        this.flushOutbox();
      },
      onTyping: (frame) => {
        if (frame.user.id !== this.deps.viewer.id)
          this.showTyping(frame.typing ? frame.user : null);
      },
      onQueuePosition: (frame) => {
        const { type: _type, ...queue } = frame;
        this.patch({ queue });
      },
      onRefused: (error, retrying) =>
        this.patch(
          retrying
            ? { problem: error.message, retrying }
            : { status: 'failed', problem: error.message, retrying },
        ),
      onRevoked: () => {
        this.showTyping(null);
        this.patch({ status: 'failed', lostAccess: true, live: false, queue: null });
      },
    };
  }

  private flushOutbox(): void {
    if (!this.deps.realtime.isLive(this.sessionId)) return;
    for (const pending of toSend(this.get().conversation.outbox)) this.transmit(pending);
  }

  private transmit(pending: PendingMessage): void {
    if (this.inFlight.has(pending.clientId)) return;
    this.inFlight.add(pending.clientId);
    this.deps.realtime
      .request({
        type: 'message.send',
        sessionId: this.sessionId,
        clientId: pending.clientId,
        text: pending.text,
        ...(pending.note ? { messageType: 'note' as const } : {}),
      })
      .then(
        (reply) => {
          if (reply.type === 'ack' && reply.message) {
            this.dispatch({ type: 'acknowledged', message: reply.message });
          }
        },
        (error: unknown) => {
          // A lost link leaves it in the outbox: it goes again when the feed is live. So does a
          // send refused for going too fast, once the server's wait is over.
          if (error instanceof FrameError && error.code === 'RATE_LIMITED') {
            this.resendAfter(error.retryAfterSeconds);
          } else if (error instanceof FrameError) {
            this.dispatch({
              type: 'sendFailed',
              clientId: pending.clientId,
              failure: { code: error.code, message: error.message },
            });
          }
        },
      )
      .finally(() => this.inFlight.delete(pending.clientId));
  }

  /** Flushes the outbox again once `seconds` (or a default wait) have passed. */
  private resendAfter(seconds: number | undefined): void {
    const delay = seconds === undefined ? RATE_LIMITED_RETRY_MS : seconds * 1000;
    const at = Date.now() + delay;
    if (this.resendTimer && this.resendAt >= at) return;
    if (this.resendTimer) clearTimeout(this.resendTimer);
    this.resendAt = at;
    // The whole wait the server asked for (reading the clock again here would shorten it by
    // however long this took).
    this.resendTimer = setTimeout(() => {
      this.resendTimer = null;
      if (!this.closed) this.flushOutbox();
    }, delay);
  }

  private showTyping(person: Person | null): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = person ? setTimeout(() => this.showTyping(null), TYPING_EXPIRES_MS) : null;
    this.patch({ typing: person });
  }

  private dispatch(action: ConversationAction): void {
    const before = this.get().conversation;
    const conversation = conversationReducer(before, action);
    if (conversation === before) return;
    if (conversation.outbox !== before.outbox) {
      saveOutbox(this.deps.storage, this.deps.viewer.id, this.sessionId, conversation.outbox);
    }
    this.patch({ conversation });
  }

  private patch(changes: Partial<ConversationView>): void {
    const current = this.view.get();
    const changed = (Object.keys(changes) as Array<keyof ConversationView>).some(
      (key) => !Object.is(current[key], changes[key]),
    );
    if (changed) this.view.set({ ...current, ...changes });
  }
}

// The chats one socket follows (`subscribe`): each a SessionFeed that replays from the client's
// last seq and then forwards the session's bus frames in seq order, as far as the socket's viewer
// may still see the session (SubscriptionAccess, frameVisibleTo). Typing goes out through the
// followed session too, so only someone who follows a chat, and may write in it, types in it.
import { topics, type EventBus } from '../bus/bus.js';
import { AppError } from '../domain/errors.js';
import { frameVisibleTo } from '../domain/eventVisibility.js';
import { sessionPolicy, type SessionFacts, type Viewer } from '../domain/policies.js';
import type { ServerFrame } from '../shared/protocol.js';
import type { ServiceContext } from '../services/context.js';
import { replayEvents } from '../services/messages/messageReader.js';
import { FAN_OUT, presentPerson } from '../services/presenters.js';
import { loadSessionFor } from '../services/sessions/sessionAccess.js';
import type { PersonRecord } from '../storage/repositories/people.js';
import { SessionFeed } from './sessionFeed.js';
import { SubscriptionAccess } from './subscriptionAccess.js';

const MAX_SUBSCRIPTIONS = 200;

interface Subscription {
  feed: SessionFeed;
  access: SubscriptionAccess;
  stop: () => void;
}

export interface SessionSubscriptionDeps {
  ctx: ServiceContext;
  bus: EventBus;
  viewer: Viewer;
  person: PersonRecord;
  send: (frame: ServerFrame) => void;
  /** True once the socket has closed: a subscription finished after that is let go. */
  isClosed: () => boolean;
  log: { error(obj: object, msg: string): void };
  /** A followed session is live, or its facts changed (the queue watcher uses it). */
  onSessionFacts?: (sessionId: string, facts: SessionFacts) => void;
  onUnsubscribed?: (sessionId: string) => void;
}

export class SessionSubscriptions {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(private readonly deps: SessionSubscriptionDeps) {}

  sessionIds(): string[] {
    return [...this.subscriptions.keys()];
  }

  async subscribe(sessionId: string, afterSeq: number, ref: string | undefined): Promise<void> {
    const existing = this.subscriptions.get(sessionId);
    if (existing) this.unsubscribe(sessionId);
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      throw new AppError(
        'VALIDATION_FAILED',
        `At most ${MAX_SUBSCRIPTIONS} sessions per connection`,
      );
    }
    const { ctx, bus } = this.deps;
    const { record, facts, viewer } = await loadSessionFor(
      ctx.store.db,
      this.deps.viewer,
      sessionId,
    );
    // The facts hold as of the session's latest event; every later event passes through
    // deliver(), which keeps them current. A client may not claim to have seen beyond that
    // event: later events would then skip the policy.
    const latestSeq = record.row.last_seq;
    const feed = new SessionFeed(sessionId, Math.min(afterSeq, latestSeq), {
      readEvents: (after, limit) => replayEvents(ctx, sessionId, after, limit),
      send: (frame) => this.deliver(subscription, frame),
      onError: (error) => this.deps.log.error({ err: error, sessionId }, 'session feed failed'),
    });
    const subscription: Subscription = {
      feed,
      // The viewer as the policy knew them (a team lead with their teams).
      access: new SubscriptionAccess(viewer, facts, latestSeq),
      stop: () => {},
    };
    this.subscriptions.set(sessionId, subscription);
    // Listen before reading the database, so nothing committed in between is missed.
    const stop = await bus.subscribe(topics.session(sessionId), (frame) => {
      // Your own typing is not news to you (protocol: others get `typing`).
      if (frame.type === 'typing' && frame.user.id === this.deps.viewer.id) return;
      feed.receive(frame);
    });
    if (this.deps.isClosed() || this.subscriptions.get(sessionId) !== subscription) {
      stop();
      return;
    }
    subscription.stop = stop;
    await feed.start();
    // The replay may have shown that the viewer lost access meanwhile (deliver() said so).
    if (this.subscriptions.get(sessionId) !== subscription) return;
    this.deps.send({ type: 'subscribed', sessionId, seq: feed.seq, ...(ref ? { ref } : {}) });
    this.deps.onSessionFacts?.(sessionId, subscription.access.facts);
  }

  unsubscribe(sessionId: string): void {
    const subscription = this.subscriptions.get(sessionId);
    if (!subscription) return;
    subscription.feed.close();
    subscription.stop();
    this.subscriptions.delete(sessionId);
    this.deps.onUnsubscribed?.(sessionId);
  }

  /** A mention lets the viewer go on reading a chat they follow after someone else takes it. */
  mentioned(sessionId: string): void {
    this.subscriptions.get(sessionId)?.access.mentioned();
  }

  /** The bus lost frames: every feed catches up from the database. */
  resync(): void {
    for (const { feed } of this.subscriptions.values()) feed.resync();
  }

  typing(sessionId: string, typing: boolean, note: boolean): void {
    const subscription = this.subscriptions.get(sessionId);
    if (!subscription)
      throw new AppError('VALIDATION_FAILED', 'Subscribe to the session before typing in it');
    const { viewer } = this.deps;
    const { facts } = subscription.access;
    const allowed = note
      ? sessionPolicy.addNote(viewer, facts)
      : sessionPolicy.sendMessage(viewer, facts) && facts.status !== 'ended';
    if (!allowed) return;
    this.deps.bus.publish(topics.session(sessionId), {
      type: 'typing',
      sessionId,
      user: presentPerson(this.deps.person, FAN_OUT),
      typing,
      // Marked, so that eventVisibility keeps it from the customer.
      ...(note ? { note: true } : {}),
    });
  }

  /** Stops every feed without telling anyone: the socket is gone. */
  dispose(): void {
    for (const { feed, stop } of this.subscriptions.values()) {
      feed.close();
      stop();
    }
    this.subscriptions.clear();
  }

  /**
   * Forwards a frame of a followed session, in seq order, as far as the viewer may still see
   * the session: when a colleague took the waiting chat, the subscription ends there, as the
   * REST API would answer 404.
   */
  private deliver(subscription: Subscription, frame: ServerFrame): void {
    const { sessionId } = subscription.feed;
    if (this.subscriptions.get(sessionId) !== subscription) return;
    const admission = subscription.access.admit(frame);
    // Replayed and live alike: what the viewer may not see of the chat (a customer, its notes)
    // goes no further; the feed has counted its seq all the same.
    if (!frameVisibleTo(this.deps.viewer, subscription.access.facts, frame)) return;
    switch (admission) {
      case 'drop':
        return;
      case 'revoked':
        this.unsubscribe(sessionId);
        return this.deps.send({ type: 'unsubscribed', sessionId, reason: 'NOT_FOUND' });
      case 'forward':
        return this.deps.send(frame);
      case 'changed':
        this.deps.send(frame);
        return this.deps.onSessionFacts?.(sessionId, subscription.access.facts);
    }
  }
}

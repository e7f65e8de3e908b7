// The per-ticket feed: a socket whose person has a ticket's page open (the desk or its requester)
// subscribes to the ticket (`ticket.subscribe`) and hears its own frames (topic `ticket:<id>`:
// replies, notes, changes), each passed through the one visibility rule of ticket messages
// (ticketFrameFor), so a note reaches only who may read the ticket's notes, as the REST thread.
// Access is checked when subscribing, and again whenever the ticket changes hands (assignee,
// team, merge): a viewer who may no longer see it is told `ticket.unsubscribed` and hears no more.
import { topics, type EventBus } from '../bus/bus.js';
import { AppError } from '../domain/errors.js';
import { ticketFrameFor } from '../domain/eventVisibility.js';
import type { TicketFacts, Viewer } from '../domain/policies.js';
import type { ServerFrame } from '../shared/protocol.js';
import type { TicketChange } from '../shared/vocabulary.js';
import type { ServiceContext } from '../services/context.js';
import { loadTicketFor } from '../services/tickets/ticketAccess.js';

/** Tickets one socket may follow at once. */
const MAX_FOLLOWED = 20;

/** Changes after which the viewer's access is asked again before the frame goes on. */
const ACCESS_CHANGES: readonly TicketChange[] = ['assignee', 'team', 'merged'];

interface Feed {
  /** The viewer as the policy knew them (with their teams), and the ticket's facts. */
  viewer: Viewer;
  facts: TicketFacts;
  /** Frames are handled one at a time, so a re-check never lets a later frame overtake. */
  queue: Promise<void>;
  stop: () => void;
}

export interface TicketFeedDeps {
  ctx: ServiceContext;
  bus: EventBus;
  viewer: Viewer;
  send: (frame: ServerFrame) => void;
  log: { error(obj: object, msg: string): void };
}

export class TicketFeeds {
  private readonly feeds = new Map<string, Feed>();

  constructor(private readonly deps: TicketFeedDeps) {}

  /** Opens the feed of one ticket (refused as the REST API would: 404 when not theirs). */
  async subscribe(ticketId: string, ref: string | undefined): Promise<void> {
    const { ctx, bus } = this.deps;
    const access = await loadTicketFor(ctx.store.db, this.deps.viewer, ticketId);
    this.unsubscribe(ticketId);
    if (this.feeds.size >= MAX_FOLLOWED)
      throw new AppError('VALIDATION_FAILED', `At most ${MAX_FOLLOWED} tickets per connection`);
    const feed: Feed = {
      viewer: access.viewer,
      facts: access.facts,
      queue: Promise.resolve(),
      stop: () => {},
    };
    this.feeds.set(ticketId, feed);
    const stop = await bus.subscribe(topics.ticket(ticketId), (frame) => {
      feed.queue = feed.queue.then(() => this.deliver(ticketId, feed, frame));
    });
    // Unsubscribed (or closed) while subscribing: nothing may stay subscribed.
    if (this.feeds.get(ticketId) !== feed) return stop();
    feed.stop = stop;
    this.deps.send({ type: 'ticket.subscribed', ticketId, ...(ref ? { ref } : {}) });
  }

  unsubscribe(ticketId: string): void {
    const feed = this.feeds.get(ticketId);
    if (!feed) return;
    this.feeds.delete(ticketId);
    feed.stop();
  }

  /** The socket closed. */
  dispose(): void {
    for (const ticketId of [...this.feeds.keys()]) this.unsubscribe(ticketId);
  }

  private async deliver(ticketId: string, feed: Feed, frame: ServerFrame): Promise<void> {
    if (this.feeds.get(ticketId) !== feed) return;
    if (frame.type === 'ticket.updated' && frame.changes.some((c) => ACCESS_CHANGES.includes(c))) {
      if (!(await this.recheck(ticketId, feed))) return;
    }
    const visible = ticketFrameFor(feed.viewer, feed.facts, frame);
    if (visible && this.feeds.get(ticketId) === feed) this.deps.send(visible);
  }

  /** Asks the policy again; false (and the feed closed) when the viewer may no longer see it. */
  private async recheck(ticketId: string, feed: Feed): Promise<boolean> {
    try {
      const access = await loadTicketFor(this.deps.ctx.store.db, this.deps.viewer, ticketId);
      feed.viewer = access.viewer;
      feed.facts = access.facts;
      return true;
    } catch (error) {
      const lost = error instanceof AppError && error.code === 'NOT_FOUND';
      // Unsure (the database is unreachable): close the feed rather than guess; the client
      // reloads the page through the API and subscribes again.
      if (!lost)
        this.deps.log.error({ err: error, ticketId }, 'ticket feed could not check access');
      if (this.feeds.get(ticketId) !== feed) return false;
      this.unsubscribe(ticketId);
      this.deps.send({
        type: 'ticket.unsubscribed',
        ticketId,
        ...(lost ? { reason: 'NOT_FOUND' } : {}),
      });
      return false;
    }
  }
}

// Collision detection on tickets: the desk's sockets say which tickets they have open and whether
// their person is writing on one (`ticket.watch`), and hear the same of colleagues on the
// ticket's presence topic, so two agents do not answer the same student twice. Desk only: the
// watch is refused to whoever may not work the ticket (its requester included), and checked
// again on every refresh, so an agent whose access ended stops hearing. Nothing is stored:
// presence is what was said lately, and clients forget a colleague who went quiet
// (TICKET_PRESENCE_TTL_MS), which covers a node that died without saying goodbye.
import { topics, type EventBus } from '../bus/bus.js';
import { AppError } from '../domain/errors.js';
import { ticketPolicy, type Viewer } from '../domain/policies.js';
import type { ServerFrame, TicketPresenceState } from '../shared/protocol.js';
import type { ServiceContext } from '../services/context.js';
import { FAN_OUT, presentPerson } from '../services/presenters.js';
import { loadTicketFor } from '../services/tickets/ticketAccess.js';
import type { PersonRecord } from '../storage/repositories/people.js';

/** Tickets one socket may have open at once (tabs of one browser share nothing). */
const MAX_WATCHED = 20;

type PresenceFrame = Extract<ServerFrame, { type: 'ticket.presence' }>;

interface Watch {
  state: Exclude<TicketPresenceState, 'left'>;
  stop: () => void;
}

export interface TicketWatchDeps {
  ctx: ServiceContext;
  bus: EventBus;
  viewer: Viewer;
  person: PersonRecord;
  send: (frame: ServerFrame) => void;
}

export class TicketWatches {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly deps: TicketWatchDeps) {}

  /** Opens (or refreshes) the watch of one ticket and tells the colleagues there. */
  async watch(ticketId: string, replying: boolean): Promise<void> {
    const { ctx, bus, viewer } = this.deps;
    await loadTicketFor(ctx.store.db, viewer, ticketId, { rule: ticketPolicy.work });
    const state = replying ? 'replying' : 'viewing';
    const existing = this.watches.get(ticketId);
    if (existing) {
      existing.state = state;
      return this.announce(ticketId, state, false);
    }
    if (this.watches.size >= MAX_WATCHED)
      throw new AppError('VALIDATION_FAILED', `At most ${MAX_WATCHED} tickets open per connection`);
    const watch: Watch = { state, stop: () => {} };
    this.watches.set(ticketId, watch);
    const stop = await bus.subscribe(topics.ticketPresence(ticketId), (frame) => this.heard(frame));
    // Unwatched (or closed) while subscribing: nothing may stay subscribed.
    if (this.watches.get(ticketId) !== watch) return stop();
    watch.stop = stop;
    this.announce(ticketId, watch.state, true);
  }

  unwatch(ticketId: string): void {
    const watch = this.watches.get(ticketId);
    if (!watch) return;
    this.watches.delete(ticketId);
    watch.stop();
    this.announce(ticketId, 'left', false);
  }

  /** The socket closed: it leaves every ticket it had open. */
  dispose(): void {
    for (const ticketId of [...this.watches.keys()]) this.unwatch(ticketId);
  }

  private announce(ticketId: string, state: TicketPresenceState, hello: boolean): void {
    this.deps.bus.publish(topics.ticketPresence(ticketId), {
      type: 'ticket.presence',
      ticketId,
      user: presentPerson(this.deps.person, FAN_OUT),
      state,
      ...(hello ? { hello: true } : {}),
    });
  }

  private heard(frame: ServerFrame): void {
    if (frame.type !== 'ticket.presence') return;
    const watch = this.watches.get(frame.ticketId);
    // One's own other tabs are not a colleague.
    if (!watch || frame.user.id === this.deps.viewer.id) return;
    if (frame.hello) this.announce(frame.ticketId, watch.state, false);
    this.deps.send(withoutHello(frame));
  }
}

const withoutHello = ({ hello: _hello, ...frame }: PresenceFrame): PresenceFrame => frame;

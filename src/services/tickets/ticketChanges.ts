// What every ticket use case writes beside its change: the history rows (who changed what, from
// what to what) and the frames the outbox publishes after commit. Frames are invalidations that
// carry no content; a note is announced only on the ticket's own topic, whose feed filters it by
// domain/eventVisibility.ts, never to the requester and never to the desk's list topic.
import { topics } from '../../bus/bus.js';
import { publicTicketFrame } from '../../domain/eventVisibility.js';
import type { ServerFrame } from '../../shared/protocol.js';
import type { TicketChange, TicketEventKind } from '../../shared/vocabulary.js';
import type { TicketMessageRow, TicketRow } from '../../storage/schema.js';
import type { NewTicketEvent } from '../../storage/repositories/tickets/ticketEvents.js';
import type { Outbox, ServiceContext } from '../context.js';
import { iso } from '../presenters.js';

/** A value in the history: a status, text, tags, a field value, a person or team, a ticket. */
export type TicketEventValue =
  | string
  | number
  | boolean
  | string[]
  | { id: string; name: string }
  | { id: string; number: number }
  | null;

export interface TicketEventChange {
  kind: TicketEventKind;
  /** The custom field's key, for `field`. */
  field?: string;
  from?: TicketEventValue;
  to?: TicketEventValue;
}

/** The history rows of `changes` made to `ticketId` by `actorId` (null: the system) at `now`. */
export function eventRows(
  ctx: Pick<ServiceContext, 'ids'>,
  ticketId: string,
  actorId: string | null,
  changes: readonly TicketEventChange[],
  now: number,
): NewTicketEvent[] {
  return changes.map((change) => ({
    id: ctx.ids.next(),
    ticket_id: ticketId,
    actor_id: actorId,
    kind: change.kind,
    field: change.field ?? null,
    from_value: change.from === undefined ? null : JSON.stringify(change.from),
    to_value: change.to === undefined ? null : JSON.stringify(change.to),
    created_at: now,
  }));
}

const CHANGE_OF: Record<TicketEventKind, TicketChange | null> = {
  created: null,
  status: 'status',
  priority: 'priority',
  subject: 'subject',
  team: 'team',
  assignee: 'assignee',
  tags: 'tags',
  field: 'fields',
  merged_into: 'merged',
  merged_from: 'merged',
  follow_up: 'follow_up',
  follow_up_of: 'follow_up',
  chat_linked: 'chat_linked',
  // The system's record of an SLA alert changes nothing on the ticket (the alert has its frame).
  sla_warning: null,
  sla_breach: null,
};

/** The `ticket.updated` changes that history rows amount to, each once. */
export function changesOf(events: readonly TicketEventChange[]): TicketChange[] {
  const changes = events.flatMap((e) => CHANGE_OF[e.kind] ?? []);
  return [...new Set(changes)];
}

/** To the ticket's own topic and the desk; to the requester what they may hear of. */
function publish(outbox: Outbox, row: TicketRow, frame: ServerFrame, desk = true): void {
  outbox.add(topics.ticket(row.id), frame);
  if (desk) outbox.add(topics.tickets, frame);
  const forRequester = publicTicketFrame(frame);
  if (forRequester) outbox.add(topics.user(row.requester_id), forRequester);
}

export function announceTicketCreated(outbox: Outbox, row: TicketRow): void {
  publish(outbox, row, {
    type: 'ticket.created',
    ticketId: row.id,
    number: row.number,
    updatedAt: iso(row.updated_at),
  });
}

export function announceTicketUpdated(
  outbox: Outbox,
  row: TicketRow,
  changes: readonly TicketChange[],
): void {
  if (changes.length === 0) return;
  publish(outbox, row, {
    type: 'ticket.updated',
    ticketId: row.id,
    number: row.number,
    changes: [...changes],
    updatedAt: iso(row.updated_at),
  });
}

export function announceTicketMessage(
  outbox: Outbox,
  row: TicketRow,
  message: TicketMessageRow,
): void {
  const frame: ServerFrame = {
    type: 'ticket.message',
    ticketId: row.id,
    number: row.number,
    messageId: message.id,
    kind: message.kind,
    createdAt: iso(message.created_at),
  };
  // A note changes no list (updated_at stays): only the ticket's page hears of it.
  if (publicTicketFrame(frame)) publish(outbox, row, frame);
  else outbox.add(topics.ticket(row.id), frame);
}

// The writes every ticket use case shares: a new ticket (numbered, with its history, tags, field
// values, SLA and frames), a message in a thread, a status moved with its side columns, and the
// row saved with only what changed.
import type { CustomFieldValue } from '../../domain/tickets/customFields.js';
import type { TicketStatus } from '../../domain/tickets/ticketWorkflow.js';
import { priorityRank } from '../../domain/routing.js';
import type { Priority, TicketChannel, TicketMessageKind } from '../../shared/vocabulary.js';
import type { TicketMessageRow, TicketRow, TicketUpdate } from '../../storage/schema.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import { insertTicketEvents } from '../../storage/repositories/tickets/ticketEvents.js';
import { writeFieldValues } from '../../storage/repositories/tickets/ticketFields.js';
import {
  insertTicketMessages,
  type TicketMessageRecord,
} from '../../storage/repositories/tickets/ticketMessages.js';
import {
  insertTicket,
  nextTicketNumber,
  replaceTicketTags,
  updateTicket,
} from '../../storage/repositories/tickets/tickets.js';
import type { Db } from '../../storage/store.js';
import type { Outbox, ServiceContext } from '../context.js';
import {
  announceTicketCreated,
  announceTicketMessage,
  eventRows,
  type TicketEventChange,
} from './ticketChanges.js';
import { refreshSla } from './ticketSla.js';

export interface NewTicket {
  requesterId: string;
  subject: string;
  priority: Priority;
  teamId: string | null;
  assignee: PersonRecord | null;
  channel: TicketChannel;
  tags: readonly string[];
  /** Checked values, by field id. */
  fields: ReadonlyArray<{ fieldId: string; value: CustomFieldValue }>;
  /** The closed ticket this one follows up. */
  followUpOf: TicketRow | null;
  /** Who files it (null: the system). */
  actorId: string | null;
}

/**
 * Files a ticket: the next number, its row (`new`, or `open` when it is assigned at once), the
 * history, tags and fields, its SLA, and `ticket.created`. Its first message is the caller's.
 */
export async function openTicket(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  ticket: NewTicket,
): Promise<TicketRow> {
  const now = ctx.clock.now();
  const number = await nextTicketNumber(trx);
  let row: TicketRow = {
    id: ctx.ids.next(),
    number,
    subject: ticket.subject,
    requester_id: ticket.requesterId,
    status: 'new',
    priority: ticket.priority,
    priority_rank: priorityRank(ticket.priority),
    team_id: ticket.teamId,
    assignee_id: ticket.assignee?.id ?? null,
    channel: ticket.channel,
    created_at: now,
    updated_at: now,
    first_responded_at: null,
    solved_at: null,
    closed_at: null,
    sla_policy_id: null,
    first_response_due_at: null,
    first_response_state: null,
    next_response_due_at: null,
    next_response_state: null,
    resolution_due_at: null,
    resolution_state: null,
    next_due_at: null,
    sla_check_at: null,
    first_response_business_ms: null,
    resolution_business_ms: null,
    merged_into: null,
    follow_up_of: ticket.followUpOf?.id ?? null,
  };
  const events: TicketEventChange[] = [{ kind: 'created', to: { id: row.id, number } }];
  if (ticket.assignee) {
    // Assigned as it is filed: the assignment opens it (ticketWorkflow: assign on new).
    row = { ...row, status: 'open' };
    events.push(
      { kind: 'assignee', from: null, to: { id: ticket.assignee.id, name: ticket.assignee.name } },
      { kind: 'status', from: 'new', to: 'open' },
    );
  }
  if (ticket.followUpOf) {
    events.push({
      kind: 'follow_up_of',
      to: { id: ticket.followUpOf.id, number: ticket.followUpOf.number },
    });
  }
  await insertTicket(trx, row);
  const history = eventRows(ctx, row.id, ticket.actorId, events, now);
  if (ticket.followUpOf) {
    const followUp = { kind: 'follow_up', to: { id: row.id, number } } as const;
    history.push(...eventRows(ctx, ticket.followUpOf.id, ticket.actorId, [followUp], now));
  }
  await insertTicketEvents(trx, history);
  await replaceTicketTags(trx, row.id, ticket.tags, now);
  await writeFieldValues(trx, row.id, ticket.fields);
  row = await refreshSla(trx, row, now);
  announceTicketCreated(outbox, row);
  return row;
}

export interface NewTicketMessage {
  author: PersonRecord | null;
  kind: TicketMessageKind;
  body: string;
  clientId?: string | null | undefined;
  /** Default: now (a chat's transcript keeps its own times). */
  createdAt?: number;
}

/** Stores messages in the ticket's thread and announces them (a note to the desk only). */
export async function writeTicketMessages(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  ticket: TicketRow,
  messages: readonly NewTicketMessage[],
  { announce = true }: { announce?: boolean } = {},
): Promise<TicketMessageRecord[]> {
  const now = ctx.clock.now();
  const rows: TicketMessageRow[] = messages.map((message) => ({
    id: ctx.ids.next(),
    ticket_id: ticket.id,
    origin_ticket_id: ticket.id,
    author_id: message.author?.id ?? null,
    kind: message.kind,
    body: message.body,
    client_id: message.clientId ?? null,
    created_at: message.createdAt ?? now,
  }));
  await insertTicketMessages(trx, rows);
  if (announce) for (const row of rows) announceTicketMessage(outbox, ticket, row);
  return rows.map((row, i) => ({ row, author: messages[i]!.author }));
}

/**
 * The row with its status moved to `to`, and the history row of it (none when it stays).
 * Solving records when; reopening forgets it; closing records when.
 */
export function movedStatus(
  row: TicketRow,
  to: TicketStatus,
  now: number,
): { row: TicketRow; change: TicketEventChange | null } {
  if (row.status === to) return { row, change: null };
  const solvedAt = to === 'solved' ? now : to === 'closed' ? row.solved_at : null;
  return {
    row: {
      ...row,
      status: to,
      solved_at: solvedAt,
      closed_at: to === 'closed' ? now : null,
    },
    change: { kind: 'status', from: row.status, to },
  };
}

/** Writes the columns of `after` that differ from `before`. */
export async function saveTicket(trx: Db, before: TicketRow, after: TicketRow): Promise<void> {
  const changes: TicketUpdate = {};
  for (const key of Object.keys(after) as Array<keyof TicketRow>) {
    if (after[key] !== before[key]) (changes as Record<string, unknown>)[key] = after[key];
  }
  if (Object.keys(changes).length > 0) await updateTicket(trx, before.id, changes);
}

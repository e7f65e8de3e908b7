// Writes a session's durable events (messages, updates, read receipts) with their sequence
// numbers, and queues the frames that tell every audience about them once the change commits.
import { topics } from '../../bus/bus.js';
import type { MessageType, SessionChange } from '../../shared/vocabulary.js';
import type { SessionEvent } from '../../shared/protocol.js';
import type { Db } from '../../storage/store.js';
import {
  insertMessage,
  insertMessages,
  insertSessionEvent,
  insertSessionEvents,
  type MessageRecord,
  type NewMessage,
} from '../../storage/repositories/messages.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import type { FileRow } from '../../storage/schema.js';
import {
  findSessionRecord,
  type SessionRecord,
} from '../../storage/repositories/sessions/sessionRecords.js';
import { pastAgentIds } from '../../storage/repositories/sessions/sessionParticipants.js';
import {
  reserveAgentMessageSeq,
  reserveCustomerMessageSeq,
  reserveMessageSeq,
  reserveSeq,
} from '../../storage/repositories/sessions/sessionSequences.js';
import type { Outbox, ServiceContext } from '../context.js';
import { FAN_OUT, presentMessage, presentPerson, presentSession, iso } from '../presenters.js';

type Ctx = Pick<ServiceContext, 'clock' | 'ids'>;

function queueSessionFrame(outbox: Outbox, sessionId: string, seq: number, event: SessionEvent) {
  outbox.add(topics.session(sessionId), { type: 'session.event', sessionId, seq, event });
}

export interface NewSessionMessage {
  sessionId: string;
  sender: PersonRecord | null;
  type: MessageType;
  text: string;
  clientId?: string | null;
  /** The files it carries (a `file` or `image` message, a note with files). */
  files?: FileRow[];
  /**
   * Which side wrote it: a customer's message makes the chat wait for the agent's reply, the
   * agent's answers it. Unset for system messages, which change neither.
   */
  side?: 'customer' | 'agent';
}

const RESERVE_FOR = {
  customer: reserveCustomerMessageSeq,
  agent: reserveAgentMessageSeq,
  none: reserveMessageSeq,
} as const;

export async function appendMessage(
  trx: Db,
  ctx: Ctx,
  outbox: Outbox,
  message: NewSessionMessage,
): Promise<MessageRecord> {
  const reserve = RESERVE_FOR[message.side ?? 'none'];
  const { rows } = await reserve(trx, message.sessionId, ctx.clock.now());
  return writeMessage(trx, ctx, outbox, rows[0]!.last_seq, message);
}

/** Writes a message at a sequence number the caller has already reserved. */
export async function writeMessage(
  trx: Db,
  ctx: Ctx,
  outbox: Outbox,
  seq: number,
  message: NewSessionMessage,
): Promise<MessageRecord> {
  const row = await insertMessage(trx, newMessageRow(ctx, seq, message));
  const record: MessageRecord = message.files
    ? { row, sender: message.sender, files: message.files }
    : { row, sender: message.sender };
  queueMessageFrame(outbox, record);
  return record;
}

/** Writes several messages, each at its reserved sequence number, in one statement. */
export async function writeMessages(
  trx: Db,
  ctx: Ctx,
  outbox: Outbox,
  items: ReadonlyArray<{ seq: number; message: NewSessionMessage }>,
): Promise<MessageRecord[]> {
  const rows = await insertMessages(
    trx,
    items.map(({ seq, message }) => newMessageRow(ctx, seq, message)),
  );
  return rows.map((row, i) => {
    const record = { row, sender: items[i]!.message.sender };
    queueMessageFrame(outbox, record);
    return record;
  });
}

export function newMessageRow(ctx: Ctx, seq: number, message: NewSessionMessage): NewMessage {
  return {
    id: ctx.ids.next(),
    sessionId: message.sessionId,
    seq,
    senderId: message.sender?.id ?? null,
    type: message.type,
    text: message.text,
    clientId: message.clientId ?? null,
    createdAt: ctx.clock.now(),
  };
}

/**
 * Queues the frame announcing a stored message. Also used to publish a message again: a retried
 * send may find its message stored by a node that died before publishing it; subscribers drop
 * what they already have (by seq), so repeating is harmless, and the other side sees the message
 * now rather than after the dead node is noticed.
 */
export function queueMessageFrame(outbox: Outbox, record: MessageRecord): void {
  queueSessionFrame(outbox, record.row.session_id, record.row.seq, {
    kind: 'message.created',
    message: presentMessage(record, FAN_OUT),
  });
}

export const appendSystemMessage = (
  trx: Db,
  ctx: Ctx,
  outbox: Outbox,
  sessionId: string,
  text: string,
) => appendMessage(trx, ctx, outbox, { sessionId, sender: null, type: 'system', text });

/**
 * A system line for the desk only: a `note` without a sender, which the one visibility rule
 * (domain/eventVisibility.ts) keeps from the customer on every path, as it does any note. Like a
 * note it leaves the chat's last activity and awaiting-reply clock alone. It names who acted in a
 * transfer when the customer is told something else (domain/transcriptLines.ts).
 */
export async function appendDeskLine(
  trx: Db,
  ctx: Ctx,
  outbox: Outbox,
  sessionId: string,
  text: string,
): Promise<MessageRecord> {
  const seq = await reserveSeq(trx, sessionId, ctx.clock.now());
  return writeMessage(trx, ctx, outbox, seq, { sessionId, sender: null, type: 'note', text });
}

/**
 * Records that the session changed, with its new state, and tells the lists that show it:
 * the customer's, the agents' (current and `alsoNotify`), the queue's and the monitor's.
 */
export async function appendSessionUpdate(
  trx: Db,
  ctx: Ctx,
  outbox: Outbox,
  sessionId: string,
  change: SessionChange,
  alsoNotify: readonly string[] = [],
): Promise<SessionRecord> {
  const seq = await reserveSeq(trx, sessionId, ctx.clock.now());
  return writeSessionUpdate(trx, ctx, outbox, seq, sessionId, change, alsoNotify);
}

/** Like appendSessionUpdate, at a sequence number the caller has already reserved. */
export async function writeSessionUpdate(
  trx: Db,
  ctx: Ctx,
  outbox: Outbox,
  seq: number,
  sessionId: string,
  change: SessionChange,
  alsoNotify: readonly string[] = [],
): Promise<SessionRecord> {
  const record = await findSessionRecord(trx, sessionId);
  if (!record) throw new Error(`session ${sessionId} vanished inside its own transaction`);
  await writeSessionUpdates(trx, ctx, outbox, [{ seq, record, change, alsoNotify }]);
  return record;
}

export interface SessionUpdate {
  /** The sequence number reserved for the event. */
  seq: number;
  record: SessionRecord;
  change: SessionChange;
  alsoNotify?: readonly string[];
}

/** Writes session updates, each at its reserved sequence number, in one statement. */
export async function writeSessionUpdates(
  trx: Db,
  ctx: Ctx,
  outbox: Outbox,
  updates: readonly SessionUpdate[],
): Promise<void> {
  const events = updates.map(({ seq, record, change }) => ({
    seq,
    sessionId: record.row.id,
    event: { kind: 'session.updated', change, session: presentSession(record, FAN_OUT) } as const,
  }));
  await insertSessionEvents(
    trx,
    events.map(({ seq, sessionId, event }) => ({
      sessionId,
      seq,
      kind: event.kind,
      payload: event,
      createdAt: ctx.clock.now(),
    })),
  );
  for (const [i, { seq, sessionId, event }] of events.entries()) {
    const { record, change, alsoNotify = [] } = updates[i]!;
    queueSessionFrame(outbox, sessionId, seq, event);
    // An ended chat sits in the History of every agent who took part, not only the last one.
    const pastAgents = ENDED_CHANGES.has(change) ? await pastAgentIds(trx, sessionId) : [];
    announceSessionChange(outbox, record, change, [...alsoNotify, ...pastAgents]);
  }
}

/** Changes that concern a chat already in agents' History lists. */
const ENDED_CHANGES: ReadonlySet<SessionChange> = new Set(['ended', 'rated', 'tagged']);

/** Invalidation frames for every list a session appears in. */
export function announceSessionChange(
  outbox: Outbox,
  record: SessionRecord,
  change: string,
  alsoNotify: readonly string[] = [],
): void {
  const sessionId = record.row.id;
  const audience = new Set([record.customer.id, ...alsoNotify]);
  if (record.agent) audience.add(record.agent.id);
  for (const userId of audience) {
    outbox.add(topics.user(userId), { type: 'sessions.changed', scope: 'mine', sessionId, change });
  }
  outbox.add(topics.monitor, { type: 'sessions.changed', scope: 'all', sessionId, change });
  // The queue changes when a session enters it or leaves it.
  const leftQueue =
    change === 'assigned' || (change === 'ended' && record.row.assigned_at === null);
  if (record.row.status === 'waiting' || leftQueue) {
    outbox.add(topics.queue, { type: 'queue.changed', sessionId, status: record.row.status });
  }
}

export async function appendReadReceipt(
  trx: Db,
  ctx: Ctx,
  outbox: Outbox,
  sessionId: string,
  reader: PersonRecord,
  upToSeq: number,
): Promise<void> {
  const now = ctx.clock.now();
  const seq = await reserveSeq(trx, sessionId, now);
  const event: SessionEvent = {
    kind: 'messages.read',
    reader: presentPerson(reader, FAN_OUT),
    upToSeq,
    readAt: iso(now),
  };
  await insertSessionEvent(trx, {
    sessionId,
    seq,
    kind: event.kind,
    payload: event,
    createdAt: now,
  });
  queueSessionFrame(outbox, sessionId, seq, event);
}

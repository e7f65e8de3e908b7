// Someone writes in a ticket's thread: a public reply (the requester, or the desk) or an internal
// note (the desk only). The agent's first reply records the first response and opens a new
// ticket; the requester's reply reopens a pending or solved one (domain/tickets/ticketWorkflow.ts).
// A closed ticket is final: a reply to it files a follow-up ticket linked to it, and lands there;
// a reply to a merged ticket goes to the ticket it was merged into, when the writer may see it.
// With a client id, a retried reply returns the message stored the first time. A reply or note may
// carry files the writer uploaded to the ticket (services/files/, as a chat message does); they go
// with the message wherever it lands, and are read by its rule (a note's: agents only). The
// desk's public reply is mailed to the requester; a note mails only the agents it names.
import { AppError, forbidden } from '../../domain/errors.js';
import { isAgent, ticketPolicy, type Viewer } from '../../domain/policies.js';
import { nextTicketStatus, type TicketEvent } from '../../domain/tickets/ticketWorkflow.js';
import type { ReplyToTicketBody } from '../../shared/ticketsApi.js';
import type { TicketRow } from '../../storage/schema.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import { insertTicketEvents } from '../../storage/repositories/tickets/ticketEvents.js';
import { fieldValueRows } from '../../storage/repositories/tickets/ticketFields.js';
import {
  findTicketMessageByClientId,
  type TicketMessageRecord,
} from '../../storage/repositories/tickets/ticketMessages.js';
import { tagsByTicket } from '../../storage/repositories/tickets/tickets.js';
import { findUserById } from '../../storage/repositories/users.js';
import { loadTicketFilesOf } from '../../storage/repositories/files.js';
import type { Db } from '../../storage/store.js';
import { commit, type Outbox, type ServiceContext } from '../context.js';
import { mailNewTicket, mailTicketMessage } from '../mail/ticketMail/ticketMailTriggers.js';
import { mailPeople } from '../../storage/repositories/mail/ticketMail.js';
import { attachUploads, unsentUploads } from '../files/attachments.js';
import { uploadsDisabled } from '../files/uploadRules.js';
import { assigneeFor, loadTicketFor, loadTicketForCc, type TicketAccess } from './ticketAccess.js';
import {
  announceTicketUpdated,
  changesOf,
  eventRows,
  type TicketEventChange,
} from './ticketChanges.js';
import { refreshSla } from './ticketSla.js';
import { movedStatus, openTicket, saveTicket, writeTicketMessages } from './ticketWrites.js';

export interface ReplyProps extends ReplyToTicketBody {
  viewer: Viewer;
  ticketId: string;
  /**
   * By mail only: the writer answers as one of the ticket's CCs (the importer matched their mail
   * to the desk's copied one). A public reply of theirs, as the requester's is, though they do
   * not see the ticket.
   */
  asCc?: boolean;
}

export interface TicketReply {
  message: TicketMessageRecord;
  /** True when this was a retry of a message already stored. */
  duplicate: boolean;
}

export function replyToTicket(ctx: ServiceContext, props: ReplyProps): Promise<TicketReply> {
  return commit(ctx, (trx, outbox) => replyWithin(trx, outbox, ctx, props));
}

/**
 * The reply inside the caller's transaction, for a use case that records more with it (an
 * imported mail's own row, in the transaction of the message it became).
 */
export async function replyWithin(
  trx: Db,
  outbox: Outbox,
  ctx: ServiceContext,
  props: ReplyProps,
): Promise<TicketReply> {
  const { viewer, ticketId, clientId } = props;
  const note = props.kind === 'note';
  const asCc = props.asCc === true && !note;
  const rule = note ? ticketPolicy.addNote : ticketPolicy.reply;
  // Locks the ticket first, so a concurrent retry waits and then finds this message.
  const load = (id: string) =>
    asCc
      ? loadTicketForCc(trx, viewer, id, ctx.store)
      : loadTicketFor(trx, viewer, id, { rule, lock: ctx.store });
  const addressed = await load(ticketId);
  const access = await mergedDestination(addressed, load);
  if (props.status && !ticketPolicy.work(access.viewer, access.facts)) {
    throw forbidden('Only the desk sets a status with a reply');
  }
  if (clientId) {
    for (const id of new Set([ticketId, access.row.id])) {
      const existing = await findTicketMessageByClientId(trx, id, viewer.id, clientId);
      if (existing) {
        await loadTicketFilesOf(trx, [existing]);
        return { message: existing, duplicate: true };
      }
    }
  }
  // Uploaded to the ticket addressed, wherever the message lands (a follow-up, a merge's end).
  const files = props.fileIds?.length
    ? await unsentUploads(trx, ctx, {
        viewer,
        owner: { kind: 'ticket', ticketId: addressed.row.id },
        fileIds: props.fileIds,
      })
    : [];
  if (files.length > 0 && !isAgent(viewer) && !ctx.settings.files.customerUploads) {
    throw uploadsDisabled();
  }
  const author = await personOf(trx, viewer.id);
  const event: TicketEvent = note
    ? { type: 'note' }
    : viewer.id === access.row.requester_id || asCc
      ? { type: 'requesterReply' }
      : { type: 'agentReply' };
  let ticket = access.row;
  let status = nextTicketStatus(ticket.status, event);
  let followUp = false;
  if (status === 'followUp') {
    followUp = true;
    ticket = await openFollowUp(trx, ctx, outbox, ticket, author);
    status = nextTicketStatus(ticket.status, event) as TicketRow['status'];
  }
  const [message] = await writeTicketMessages(trx, ctx, outbox, ticket, [
    { author, kind: props.kind, body: props.body, clientId },
  ]);
  if (files.length > 0) await attachUploads(trx, ctx, files, message!.row.id, 'ticket');
  message!.files = files;
  if (followUp) {
    const [requester] = await mailPeople(trx, [ticket.requester_id]);
    await mailNewTicket(trx, ctx, outbox, {
      ticket,
      actor: author,
      requesterName: requester?.name ?? '',
      firstMessage: message!.row,
    });
  }
  const after = await settle(trx, ctx, outbox, ticket, {
    actorId: viewer.id,
    status: props.status ?? status,
    publicReply: !note,
    firstResponse: event.type === 'agentReply',
  });
  await mailTicketMessage(trx, ctx, outbox, {
    after,
    statusBefore: ticket.status,
    message: message!,
    author,
    solved: after.status === 'solved' && ticket.status !== 'solved',
  });
  return { message: message!, duplicate: false };
}

/**
 * Where a message to `addressed` goes: a merged ticket's to the end of its chain of merges (its
 * requester is the same), as long as the writer may write there; otherwise, to itself.
 */
async function mergedDestination(
  addressed: TicketAccess,
  load: (ticketId: string) => Promise<TicketAccess>,
): Promise<TicketAccess> {
  let access = addressed;
  const seen = new Set([access.row.id]);
  while (access.row.merged_into && !seen.has(access.row.merged_into)) {
    seen.add(access.row.merged_into);
    try {
      access = await load(access.row.merged_into);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) {
        return addressed;
      }
      throw error;
    }
  }
  return access;
}

async function personOf(db: Db, id: string): Promise<PersonRecord> {
  const user = await findUserById(db, id);
  if (!user) throw new Error(`author ${id} not found`);
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * A follow-up of the closed ticket: the same requester, subject, priority, team, tags and field
 * values, and its assignee while they are still an agent; `new` until someone acts on it.
 */
async function openFollowUp(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  closed: TicketRow,
  author: PersonRecord,
): Promise<TicketRow> {
  const assignee = closed.assignee_id
    ? await assigneeFor(trx, closed.assignee_id).catch(() => null)
    : null;
  const tags = (await tagsByTicket(trx, [closed.id])).get(closed.id) ?? [];
  const row = await openTicket(trx, ctx, outbox, {
    requesterId: closed.requester_id,
    subject: closed.subject,
    priority: closed.priority,
    teamId: closed.team_id,
    assignee,
    channel: closed.channel,
    tags,
    fields: await fieldValueRows(trx, closed.id),
    followUpOf: closed,
    actorId: author.id,
  });
  announceTicketUpdated(outbox, closed, ['follow_up']);
  return row;
}

/**
 * The ticket after a message: its status (the workflow's, or the one asked for with the reply),
 * the first response, the last update a requester sees, the history and the SLA.
 */
async function settle(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  before: TicketRow,
  change: {
    actorId: string;
    status: TicketRow['status'];
    publicReply: boolean;
    firstResponse: boolean;
  },
): Promise<TicketRow> {
  const now = ctx.clock.now();
  // "Send and set pending": the status asked for must be one the workflow lets the desk set.
  const target =
    change.status === before.status
      ? before.status
      : nextTicketStatus(before.status, { type: 'setStatus', status: change.status });
  const moved = movedStatus(before, target as TicketRow['status'], now);
  let after: TicketRow = moved.row;
  if (change.publicReply) after = { ...after, updated_at: now };
  if (change.firstResponse && after.first_responded_at === null) {
    after = { ...after, first_responded_at: now };
  }
  const events: TicketEventChange[] = moved.change ? [moved.change] : [];
  await saveTicket(trx, before, after);
  await insertTicketEvents(trx, eventRows(ctx, after.id, change.actorId, events, now));
  // A public reply may start or end a wait for the desk's next response.
  if (events.length > 0 || change.publicReply) {
    after = await refreshSla(trx, after, now);
  }
  announceTicketUpdated(outbox, after, changesOf(events));
  return after;
}

// An agent turns a chat into a ticket ("Create ticket" in the chat): the chat's customer is the
// requester, its subject, priority and team carry over, its agent works the ticket, and its
// transcript becomes the thread with each message's author and time (system lines are left to
// the chat, which the ticket links to), each line with its files (the same files, read from the
// ticket by the ticket's rule: repositories/fileLinks.ts). The chat's internal notes become the
// ticket's notes, so they and their files stay the desk's. Chat and ticket are linked both ways; a chat makes one ticket, and
// asking again answers that one.
import { sessionPolicy, ticketPolicy, type Viewer } from '../../domain/policies.js';
import type { ChatTicketBody } from '../../shared/ticketsApi.js';
import type { Priority } from '../../shared/vocabulary.js';
import { carryIntoTicketMessage } from '../../storage/repositories/fileLinks.js';
import { loadFilesOf } from '../../storage/repositories/files.js';
import { listMessages } from '../../storage/repositories/messages.js';
import type { MessageRecord } from '../../storage/repositories/messages.js';
import { insertTicketEvents } from '../../storage/repositories/tickets/ticketEvents.js';
import {
  findTicketRecord,
  type TicketRecord,
} from '../../storage/repositories/tickets/ticketRecords.js';
import { linkChat } from '../../storage/repositories/tickets/tickets.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import type { SessionRow, TicketRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import { commit, type Outbox, type ServiceContext } from '../context.js';
import { loadSessionFor } from '../sessions/sessionAccess.js';
import { withTeams } from '../teams/teamLeads.js';
import { assigneeFor } from './ticketAccess.js';
import { eventRows } from './ticketChanges.js';
import { mailNewTicket } from '../mail/ticketMail/ticketMailTriggers.js';
import { mailPeople } from '../../storage/repositories/mail/ticketMail.js';
import { openTicket, writeTicketMessages, type NewTicketMessage } from './ticketWrites.js';

export interface ChatTicketProps extends ChatTicketBody {
  viewer: Viewer;
  sessionId: string;
}

export interface ChatTicket {
  ticket: TicketRecord;
  /** False when the chat had its ticket already (which is answered). */
  created: boolean;
}

const PAGE = 200;

/** Every message of the chat, notes included, oldest first. */
async function transcriptOf(db: Db, sessionId: string): Promise<MessageRecord[]> {
  const all: MessageRecord[] = [];
  for (let afterSeq = 0; ;) {
    const { records, hasMore } = await listMessages(db, sessionId, { afterSeq, limit: PAGE });
    all.push(...records);
    if (!hasMore || records.length === 0) return all;
    afterSeq = records.at(-1)!.row.seq;
  }
}

export function createTicketFromChat(
  ctx: ServiceContext,
  props: ChatTicketProps,
): Promise<ChatTicket> {
  return commit(ctx, async (trx, outbox) => {
    // The desk's: any agent who may read the chat's notes, never its customer.
    const { record } = await loadSessionFor(trx, props.viewer, props.sessionId, {
      rule: sessionPolicy.readNotes,
      lock: ctx.store,
    });
    const session = record.row;
    if (session.ticket_id) {
      const existing = await findTicketRecord(trx, session.ticket_id);
      if (existing) return { ticket: existing, created: false };
    }
    const assignee = record.agent
      ? await assigneeFor(trx, record.agent.id).catch(() => null)
      : null;
    const row = await writeChatTicket(trx, ctx, outbox, session, {
      subject: props.subject ?? session.subject,
      priority: props.priority ?? session.priority,
      // Only if the agent filing it may give it to the chat's agent (themselves, or as a lead).
      assignee:
        assignee &&
        ticketPolicy.assign(
          await withTeams(trx, props.viewer),
          { requesterId: session.user_id, assigneeId: null, teamId: session.team_id },
          assignee.id,
        )
          ? assignee
          : null,
      actorId: props.viewer.id,
    });
    return { ticket: (await findTicketRecord(trx, row.id))!, created: true };
  });
}

export interface ChatTicketWriting {
  subject: string;
  priority: Priority;
  assignee: PersonRecord | null;
  /** The agent who files it; null when the desk does (tickets/unattendedChats.ts). */
  actorId: string | null;
  /** A public reply from the desk after the transcript (the automatic tickets' "we'll answer here"). */
  autoReply?: string;
}

/**
 * Files the ticket of `session` inside the caller's transaction (the chat is locked and has no
 * ticket yet): its transcript with its files, notes as notes, the requester's mail, and the link
 * both ways. Shared by the agent's "Create ticket" and the desk's automatic tickets.
 */
export async function writeChatTicket(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  session: SessionRow,
  writing: ChatTicketWriting,
): Promise<TicketRow> {
  const row = await openTicket(trx, ctx, outbox, {
    requesterId: session.user_id,
    subject: writing.subject,
    priority: writing.priority,
    teamId: session.team_id,
    assignee: writing.assignee,
    channel: 'chat',
    tags: [],
    fields: [],
    followUpOf: null,
    actorId: writing.actorId,
  });
  const lines = (await transcriptOf(trx, session.id)).filter(
    ({ row: message }) => message.message_type !== 'system',
  );
  await loadFilesOf(trx, lines);
  const transcript: NewTicketMessage[] = lines.map(({ row: message, sender }) => ({
    author: sender,
    kind: message.message_type === 'note' ? 'note' : 'reply',
    body: message.message_text,
    createdAt: message.created_at,
  }));
  if (writing.autoReply) transcript.push({ author: null, kind: 'reply', body: writing.autoReply });
  // One ticket.created says it all: no frame per line of the transcript.
  const written = await writeTicketMessages(trx, ctx, outbox, row, transcript, {
    announce: false,
  });
  // Each line's files go with it (a note's stay the desk's, as the note does).
  for (const [i, line] of lines.entries()) {
    const ids = (line.files ?? []).map((file) => file.id);
    await carryIntoTicketMessage(trx, ids, { ticketId: row.id, messageId: written[i]!.row.id });
  }
  const [requester, agent] = await mailPeople(
    trx,
    writing.actorId ? [session.user_id, writing.actorId] : [session.user_id],
  );
  await mailNewTicket(trx, ctx, outbox, {
    ticket: row,
    actor: agent ? { id: agent.id, name: agent.name } : null,
    requesterName: requester?.name ?? '',
    firstMessage: { id: null, body: `Made from a chat with ${requester?.name ?? 'a customer'}.` },
  });
  const now = ctx.clock.now();
  await linkChat(trx, { ticketId: row.id, sessionId: session.id, by: writing.actorId, now });
  await insertTicketEvents(
    trx,
    eventRows(ctx, row.id, writing.actorId, [{ kind: 'chat_linked', to: session.id }], now),
  );
  return row;
}

// An agent writes an internal note in a chat: stored as a `note` message in the session's event
// log, which domain/eventVisibility.ts keeps from the customer on every path. A note is no reply:
// the chat's awaiting-reply clock and first reply stay as they were. Agents it names with `@`
// get a `note.mentioned` frame and, from then on, may read the chat (a `mentioned` participant).
import { topics } from '../../bus/bus.js';
import { mentionedAgents } from '../../domain/mentions.js';
import type { Viewer } from '../../domain/policies.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import type { MessageRecord } from '../../storage/repositories/messages.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import { addMentionedAgents } from '../../storage/repositories/sessions/sessionParticipants.js';
import { type SessionCore } from '../../storage/repositories/sessions/sessionRecords.js';
import { listActiveAgents } from '../../storage/repositories/users.js';
import type { FileRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import type { Outbox, ServiceContext } from '../context.js';
import { FAN_OUT, presentMessage, presentPerson } from '../presenters.js';
import { writeMessage } from '../sessions/sessionEvents.js';
import { reserveWithinBudget } from './messageBudget.js';

export interface NoteProps {
  /** The session, loaded and locked by the caller, which checked sessionPolicy.addNote. */
  record: SessionCore;
  viewer: Viewer;
  text: string;
  clientId?: string | undefined;
  /** Uploads the note carries, checked by the caller, who attaches them once it is written. */
  files?: FileRow[] | null | undefined;
}

export async function writeNote(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  { record, viewer, text, clientId, files }: NoteProps,
): Promise<MessageRecord> {
  const sessionId = record.row.id;
  assertTransition(record.row.status, 'note');
  const assigned = record.agent?.id === viewer.id;
  const desk = !assigned || text.includes('@') ? await listActiveAgents(trx) : [];
  const sender = assigned ? record.agent! : authorOf(desk, viewer);
  const seq = await reserveWithinBudget(trx, ctx, sessionId, 'note');
  const message = await writeMessage(trx, ctx, outbox, seq, {
    sessionId,
    sender,
    type: 'note',
    text,
    clientId: clientId ?? null,
    ...(files && { files }),
  });
  // The customer is never asked in, even an agent who started this chat as a customer.
  const mentioned = mentionedAgents(text, desk).filter(
    (agent) => agent.id !== viewer.id && agent.id !== record.customer.id,
  );
  await addMentionedAgents(
    trx,
    sessionId,
    mentioned.filter((agent) => agent.id !== record.agent?.id).map((agent) => agent.id),
    ctx.clock.now(),
  );
  for (const agent of mentioned) {
    outbox.add(topics.user(agent.id), {
      type: 'note.mentioned',
      sessionId,
      subject: record.row.subject,
      customer: presentPerson(record.customer, FAN_OUT),
      message: presentMessage(message, FAN_OUT),
    });
  }
  return message;
}

function authorOf(desk: readonly PersonRecord[], viewer: Viewer): PersonRecord {
  const author = desk.find((agent) => agent.id === viewer.id);
  // addNote admits agents only, and an agent signed in is an active one.
  if (!author) throw new Error(`note author ${viewer.id} is not an active agent`);
  return author;
}

// A customer starts a chat: the session enters the queue with their first message, and routing
// is asked to find it an agent. Nobody holds more than a few chats open at once or starts more
// than so many an hour. A topic whose team is closed takes no chat (TEAM_CLOSED).
import { priorityRank } from '../../domain/routing.js';
import type { Viewer } from '../../domain/policies.js';
import { forbidden, rateLimited } from '../../domain/errors.js';
import type { Priority } from '../../shared/vocabulary.js';
import { hit } from '../../storage/repositories/rateLimits.js';
import { addParticipant } from '../../storage/repositories/sessions/sessionParticipants.js';
import {
  countOpenSessionsOf,
  findSessionRecord,
  insertSession,
  type SessionRecord,
} from '../../storage/repositories/sessions/sessionRecords.js';
import { findUserById } from '../../storage/repositories/users.js';
import { assertTeamTakesChats } from '../topics/liveChatAvailability.js';
import { topicForNewChat } from '../topics/topics.js';
import type { Db } from '../../storage/store.js';
import { commit, type ServiceContext } from '../context.js';
import { markReportHours } from '../reports/reportMarks.js';
import { announceSessionChange, appendMessage } from './sessionEvents.js';

export interface StartSessionProps {
  /** The customer starting the chat. */
  viewer: Viewer;
  subject: string;
  priority: Priority;
  /** The customer's first message. */
  message: string;
  /** The topic picked on the start form; without it, the default topic (if topics exist). */
  topicId?: string | undefined;
  /** The caller's network address: guests' chats are also counted per address. */
  clientIp?: string | undefined;
}

export function startSession(
  ctx: ServiceContext,
  props: StartSessionProps,
): Promise<SessionRecord> {
  return commit(ctx, async (trx, outbox) => {
    const customer = await findUserById(trx, props.viewer.id);
    if (!customer || customer.is_active !== 1) throw forbidden('This account is disabled');
    const now = ctx.clock.now();
    await assertWithinLimits(trx, ctx, customer.id, now);
    if (customer.is_guest === 1) await assertGuestAddressWithinLimit(trx, ctx, props.clientIp, now);
    const topic = await topicForNewChat(trx, props.topicId);
    // Chats already waiting when a team closes stay in its queue (docs/tickets.md).
    if (topic) await assertTeamTakesChats(trx, topic.team_id, now);
    const sessionId = ctx.ids.next();
    await insertSession(trx, {
      id: sessionId,
      user_id: customer.id,
      assigned_agent_id: null,
      status: 'waiting',
      priority: props.priority,
      priority_rank: priorityRank(props.priority),
      subject: props.subject,
      rating: null,
      feedback: null,
      started_at: now,
      assigned_at: null,
      first_agent_reply_at: null,
      ended_at: null,
      ended_by: null,
      rated_at: null,
      last_message_at: null,
      awaiting_agent_since: null,
      last_seq: 0,
      message_budget_full_at: 0,
      ticket_id: null,
      topic_id: topic?.id ?? null,
      team_id: topic?.team_id ?? null,
      first_assigned_at: null,
      first_response_at: null,
      transfers: 0,
      updated_at: now,
    });
    await addParticipant(trx, { sessionId, userId: customer.id, role: 'customer', now });
    await markReportHours(trx, ctx, [sessionId]);
    await appendMessage(trx, ctx, outbox, {
      sessionId,
      sender: { id: customer.id, name: customer.name, email: customer.email, role: customer.role },
      type: 'text',
      text: props.message,
      side: 'customer',
    });
    const record = await findSessionRecord(trx, sessionId);
    if (!record) throw new Error('new session not found in its own transaction');
    announceSessionChange(outbox, record, 'started');
    outbox.requestRouting();
    return record;
  });
}

const HOUR_MS = 3_600_000;
/** An open chat ends when someone ends it: there is no telling when, so this is a hint. */
const OPEN_CHATS_RETRY_MS = 60_000;

/**
 * The customer's open chats and the chats they started this hour, each within its limit. Both
 * are counted inside the start's transaction, which rolls back (and so does not count) a start
 * that is refused.
 */
/**
 * Guests cost nothing to make (a new visitor per chat), so their chats are also counted per
 * network address: signed-in customers are not, since a campus puts many behind one address.
 */
async function assertGuestAddressWithinLimit(
  trx: Db,
  ctx: ServiceContext,
  clientIp: string | undefined,
  now: number,
) {
  const limit = ctx.settings.abuseLimits.guestChatsPerAddressPerHour;
  const started = await hit(trx, `guest-chats:${clientIp ?? 'unknown'}`, now, HOUR_MS);
  if (started.count > limit) {
    throw rateLimited(
      `At most ${limit} visitors' chats may start from one address per hour; try again later`,
      started.resetAt - now,
    );
  }
}

async function assertWithinLimits(trx: Db, ctx: ServiceContext, customerId: string, now: number) {
  const { openChatsPerCustomer, chatsPerHour } = ctx.settings.abuseLimits;
  // Parallel starts of one customer take turns (on PostgreSQL; SQLite has one writer), so each
  // counts the others' chats and two cannot both take the last place. An advisory lock rather
  // than the user row's: FOR UPDATE there would also hold up the foreign-key checks of this
  // person's messages in their other chats.
  await ctx.store.lockForTransaction(trx, `chat-start:${customerId}`);
  if ((await countOpenSessionsOf(trx, customerId)) >= openChatsPerCustomer) {
    throw rateLimited(
      `You already have ${openChatsPerCustomer} open chats; end one to start another`,
      OPEN_CHATS_RETRY_MS,
    );
  }
  const started = await hit(trx, `chats-started:${customerId}`, now, HOUR_MS);
  if (started.count > chatsPerHour) {
    throw rateLimited(
      `You have started ${chatsPerHour} chats this hour; try again later`,
      started.resetAt - now,
    );
  }
}

// A customer starts a chat: the session enters the queue with their first message, and routing
// is asked to find it an agent.
import { priorityRank } from '../../domain/routing.js';
import type { Viewer } from '../../domain/policies.js';
import { forbidden } from '../../domain/errors.js';
import type { Priority } from '../../shared/vocabulary.js';
import {
  addParticipant,
  findSessionRecord,
  insertSession,
  type SessionRecord,
} from '../../storage/repositories/sessions.js';
import { findUserById } from '../../storage/repositories/users.js';
import { commit, type ServiceContext } from '../context.js';
import { announceSessionChange, appendMessage } from './sessionEvents.js';

export interface StartSessionProps {
  /** The customer starting the chat. */
  viewer: Viewer;
  subject: string;
  priority: Priority;
  /** The customer's first message. */
  message: string;
}

export function startSession(
  ctx: ServiceContext,
  props: StartSessionProps,
): Promise<SessionRecord> {
  return commit(ctx, async (trx, outbox) => {
    const customer = await findUserById(trx, props.viewer.id);
    if (!customer || customer.is_active !== 1) throw forbidden('This account is disabled');
    const now = ctx.clock.now();
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
      last_seq: 0,
      message_budget_full_at: 0,
      ticket_id: null,
      updated_at: now,
    });
    await addParticipant(trx, { sessionId, userId: customer.id, role: 'customer', now });
    await appendMessage(trx, ctx, outbox, {
      sessionId,
      sender: { id: customer.id, name: customer.name, email: customer.email, role: customer.role },
      type: 'text',
      text: props.message,
    });
    const record = await findSessionRecord(trx, sessionId);
    if (!record) throw new Error('new session not found in its own transaction');
    announceSessionChange(outbox, record, 'started');
    outbox.requestRouting();
    return record;
  });
}

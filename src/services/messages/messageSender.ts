// Someone in the conversation sends a message. Persisted before it is acknowledged; a retried
// send with the same client id returns the first message instead of writing a second one.
import { sessionPolicy, type Viewer } from '../../domain/policies.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import { findMessageByClientId, type MessageRecord } from '../../storage/repositories/messages.js';
import { commit, type ServiceContext } from '../context.js';
import { loadSessionFor } from '../sessions/sessionAccess.js';
import { appendMessage, queueMessageFrame } from '../sessions/sessionEvents.js';

export interface SendMessageProps {
  viewer: Viewer;
  sessionId: string;
  text: string;
  clientId?: string | undefined;
}

export interface SentMessage {
  message: MessageRecord;
  /** True when this was a retry of a message already stored. */
  duplicate: boolean;
}

export function sendMessage(ctx: ServiceContext, props: SendMessageProps): Promise<SentMessage> {
  const { viewer, sessionId, clientId } = props;
  return commit(
    ctx,
    async (trx, outbox) => {
      // Locks the session first, so a concurrent retry waits and then finds this message.
      const { record } = await loadSessionFor(trx, viewer, sessionId, {
        rule: sessionPolicy.sendMessage,
        lock: ctx.store,
      });
      if (clientId) {
        const existing = await findMessageByClientId(trx, sessionId, viewer.id, clientId);
        if (existing) {
          queueMessageFrame(outbox, existing);
          return { message: existing, duplicate: true };
        }
      }
      const fromCustomer = record.row.user_id === viewer.id;
      assertTransition(record.row.status, fromCustomer ? 'customerMessage' : 'agentMessage');
      const sender = fromCustomer ? record.customer : record.agent!;
      const message = await appendMessage(trx, ctx, outbox, {
        sessionId,
        sender,
        type: 'text',
        text: props.text,
        clientId: clientId ?? null,
      });
      if (!fromCustomer && record.row.first_agent_reply_at === null) {
        await trx
          .updateTable('chat_sessions')
          .set({ first_agent_reply_at: message.row.created_at })
          .where('id', '=', sessionId)
          .execute();
      }
      return { message, duplicate: false };
    },
    { groupBy: sessionId },
  );
}

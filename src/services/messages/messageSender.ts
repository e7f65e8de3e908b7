// Someone in the conversation sends a message. Persisted before it is acknowledged; a retried
// send with the same client id returns the first message instead of writing a second one. A
// session takes messages within its budget (a burst, then a steady rate, both sides together).
// An agent's internal note takes the same path (and budget) and is written by noteWriter.ts.
import { topics } from '../../bus/bus.js';
import { sessionPolicy, type Viewer } from '../../domain/policies.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import { findMessageByClientId, type MessageRecord } from '../../storage/repositories/messages.js';
import type { SentMessageType } from '../../shared/vocabulary.js';
import { commit, type ServiceContext } from '../context.js';
import { loadSessionFor } from '../sessions/sessionAccess.js';
import { queueMessageFrame, writeMessage } from '../sessions/sessionEvents.js';
import { reserveWithinBudget } from './messageBudget.js';
import { writeNote } from './noteWriter.js';
import { loadFilesOf } from '../../storage/repositories/files.js';
import { attachUploads, messageTypeFor, unsentUploads } from '../files/attachments.js';
import { uploadsDisabled } from '../files/uploadRules.js';
import { sendBatch } from './messageBatch.js';
import { markReportHours } from '../reports/reportMarks.js';

export interface SendMessageProps {
  viewer: Viewer;
  sessionId: string;
  text: string;
  clientId?: string | undefined;
  /** `note`: an internal note for the desk (noteWriter.ts); a message to the other side otherwise. */
  type?: SentMessageType | undefined;
  /** Uploads of the sender's to this chat that the message carries (services/files/). */
  fileIds?: readonly string[] | undefined;
}

export interface SentMessage {
  message: MessageRecord;
  /** True when this was a retry of a message already stored. */
  duplicate: boolean;
}

export function sendMessage(ctx: ServiceContext, props: SendMessageProps): Promise<SentMessage> {
  const { viewer, sessionId, clientId } = props;
  const note = props.type === 'note';
  const fileIds = props.fileIds?.length ? props.fileIds : null;
  return commit(
    ctx,
    async (trx, outbox) => {
      // Locks the session first, so a concurrent retry waits and then finds this message.
      const { record } = await loadSessionFor(trx, viewer, sessionId, {
        rule: note ? sessionPolicy.addNote : sessionPolicy.sendMessage,
        lock: ctx.store,
      });
      if (clientId) {
        const existing = await findMessageByClientId(trx, sessionId, viewer.id, clientId);
        if (existing) {
          await loadFilesOf(trx, [existing]);
          queueMessageFrame(outbox, existing);
          return { message: existing, duplicate: true };
        }
      }
      const files = fileIds && (await unsentUploads(trx, ctx, { viewer, sessionId, fileIds }));
      if (note) {
        const message = await writeNote(trx, ctx, outbox, {
          record,
          viewer,
          text: props.text,
          clientId,
          files,
        });
        if (files) await attachUploads(trx, ctx, files, message.row.id);
        return { message, duplicate: false };
      }
      const fromCustomer = record.row.user_id === viewer.id;
      assertTransition(record.row.status, fromCustomer ? 'customerMessage' : 'agentMessage');
      if (fromCustomer && files && !ctx.settings.files.customerUploads) throw uploadsDisabled();
      const sender = fromCustomer ? record.customer : record.agent!;
      // A retry of a stored message (above) costs nothing: it was counted when it was stored.
      const side = fromCustomer ? 'customer' : 'agent';
      const seq = await reserveWithinBudget(trx, ctx, sessionId, side);
      const message = await writeMessage(trx, ctx, outbox, seq, {
        sessionId,
        sender,
        type: files ? messageTypeFor(files) : 'text',
        text: props.text,
        clientId: clientId ?? null,
        ...(files && { files }),
      });
      if (files) await attachUploads(trx, ctx, files, message.row.id);
      // The chat starts or stops waiting for the agent's reply: the monitor's list shows that.
      if (fromCustomer !== (record.row.awaiting_agent_since !== null)) {
        outbox.add(topics.monitor, {
          type: 'sessions.changed',
          scope: 'all',
          sessionId,
          change: 'awaiting',
        });
      }
      if (!fromCustomer && record.row.first_agent_reply_at === null) {
        await trx
          .updateTable('chat_sessions')
          .set({
            first_agent_reply_at: message.row.created_at,
            first_response_at: record.row.first_response_at ?? message.row.created_at,
          })
          .where('id', '=', sessionId)
          .execute();
        // The chat's first answer ever moves its report hour; later replies move nothing.
        if (record.row.first_response_at === null) await markReportHours(trx, ctx, [sessionId]);
      }
      return { message, duplicate: false };
    },
    // Concurrent messages are stored together (messageBatch.ts); the above is one send alone.
    // Notes and messages with files take that path alone.
    note || fileIds
      ? { groupBy: sessionId }
      : { groupBy: sessionId, batch: { runner: sendBatch, props } },
  );
}

// Many sends at once: the messages that arrive while a commit is running, over every session
// of the group-commit lane, are stored by a handful of statements for the whole batch (lock and
// read the sessions, look up retried client ids, insert the messages, update the sessions)
// instead of five per message. Each send gets the answer it would have had alone, in order: the
// same checks, the same sequence numbers and the same message budget, exactly.
import { latestFullAtAdmitting, messageBudget, messageWaitMs } from '../../domain/abuseLimits.js';
import { notFound, rateLimited } from '../../domain/errors.js';
import { sessionPolicy } from '../../domain/policies.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import { topics } from '../../bus/bus.js';
import type { BatchRunner, Outcome } from '../../storage/groupCommit.js';
import {
  findMessagesByClientIds,
  insertMessages,
  type MessageRecord,
} from '../../storage/repositories/messages.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import {
  findSessionCores,
  type SessionCore,
} from '../../storage/repositories/sessions/sessionRecords.js';
import {
  updateSessionsAfterMessages,
  type SessionAfterMessages,
} from '../../storage/repositories/sessions/sessionSequences.js';
import type { Db } from '../../storage/store.js';
import type { BatchedRequest } from '../context.js';
import { checkSessionFor } from '../sessions/sessionAccess.js';
import { newMessageRow, queueMessageFrame } from '../sessions/sessionEvents.js';
import type { SendMessageProps, SentMessage } from './messageSender.js';
import { markReportHours } from '../reports/reportMarks.js';

type Send = BatchedRequest<SendMessageProps>;

/** What becomes of one send of the batch. */
type Plan =
  | { kind: 'refused'; error: unknown }
  | { kind: 'stored'; record: MessageRecord }
  | { kind: 'retry'; of: number }
  | { kind: 'new'; seq: number; now: number; sender: PersonRecord; awaitingChanged: boolean };

/** A session as the batch leaves it, message after message. */
interface Running extends SessionAfterMessages {
  touched: boolean;
  /** The batch holds the chat's first agent message ever, which moves its report hour. */
  firstAnswer: boolean;
}

// As in sendMessage, an empty client id is no client id.
const keyOf = (send: Send) =>
  send.props.clientId
    ? `${send.props.sessionId} ${send.props.viewer.id} ${send.props.clientId}`
    : null;

export const sendBatch: BatchRunner<Send, SentMessage> = {
  async run(trx, sends) {
    for (const send of sends) send.outbox.clear();
    const ids = [...new Set(sends.map((send) => send.props.sessionId))];
    const cores = await findSessionCores(trx, ids, sends[0]!.ctx.store);
    const refused = await accessRefusals(trx, sends, cores);
    const stored = await storedRetries(trx, sends, refused);
    const running = new Map<string, Running>();
    const firstOfKey = new Map<string, number>();
    const plans = sends.map((send, i): Plan => {
      if (refused[i] !== undefined) return { kind: 'refused', error: refused[i] };
      const key = keyOf(send);
      const record = key === null ? undefined : stored.get(key);
      if (record) return { kind: 'stored', record };
      const first = key === null ? undefined : firstOfKey.get(key);
      if (first !== undefined) return { kind: 'retry', of: first };
      try {
        const plan = take(send, cores.get(send.props.sessionId)!, running);
        if (key !== null) firstOfKey.set(key, i);
        return plan;
      } catch (error) {
        return { kind: 'refused', error };
      }
    });
    const fresh = plans.flatMap((plan, i) =>
      plan.kind === 'new' ? [{ plan, send: sends[i]! }] : [],
    );
    const rows = await insertMessages(
      trx,
      fresh.map(({ plan, send }) => ({
        ...newMessageRow(send.ctx, plan.seq, {
          sessionId: send.props.sessionId,
          sender: plan.sender,
          type: 'text',
          text: send.props.text,
          clientId: send.props.clientId ?? null,
        }),
        createdAt: plan.now,
      })),
    );
    await updateSessionsAfterMessages(
      trx,
      [...running.values()].filter((session) => session.touched),
    );
    const answered = [...running.values()].filter((session) => session.firstAnswer);
    if (answered.length > 0) {
      await markReportHours(
        trx,
        sends[0]!.ctx,
        answered.map((session) => session.id),
      );
    }
    const records = new Map<number, MessageRecord>();
    let n = 0;
    return plans.map((plan, i): Outcome<SentMessage> => {
      const { outbox, props } = sends[i]!;
      switch (plan.kind) {
        case 'refused':
          return { ok: false, error: plan.error };
        case 'stored':
          queueMessageFrame(outbox, plan.record);
          return { ok: true, value: { message: plan.record, duplicate: true } };
        case 'retry': {
          const record = records.get(plan.of)!;
          queueMessageFrame(outbox, record);
          return { ok: true, value: { message: record, duplicate: true } };
        }
        case 'new': {
          const record: MessageRecord = { row: rows[n++]!, sender: plan.sender };
          records.set(i, record);
          queueMessageFrame(outbox, record);
          // The chat starts or stops waiting for the agent's reply: the monitor's list shows that.
          if (plan.awaitingChanged) {
            outbox.add(topics.monitor, {
              type: 'sessions.changed',
              scope: 'all',
              sessionId: props.sessionId,
              change: 'awaiting',
            });
          }
          return { ok: true, value: { message: record, duplicate: false } };
        }
      }
    });
  },
};

/** Why each send may not write in its session (undefined: it may), as sendMessage checks. */
async function accessRefusals(
  trx: Db,
  sends: readonly Send[],
  cores: ReadonlyMap<string, SessionCore>,
): Promise<unknown[]> {
  const refused: unknown[] = [];
  for (const [i, { props }] of sends.entries()) {
    const core = cores.get(props.sessionId);
    try {
      if (!core) throw notFound('Chat session');
      await checkSessionFor(trx, props.viewer, core, sessionPolicy.sendMessage);
    } catch (error) {
      refused[i] = error;
    }
  }
  return refused;
}

/** Messages already stored under the client ids of the sends allowed so far. */
async function storedRetries(
  trx: Db,
  sends: readonly Send[],
  refused: readonly unknown[],
): Promise<Map<string, MessageRecord>> {
  const retried = sends.filter((send, i) => refused[i] === undefined && keyOf(send) !== null);
  const records = await findMessagesByClientIds(
    trx,
    retried.map(({ props }) => ({
      sessionId: props.sessionId,
      senderId: props.viewer.id,
      clientId: props.clientId!,
    })),
  );
  return new Map(
    records.map((record) => [
      `${record.row.session_id} ${record.row.sender_id} ${record.row.client_id}`,
      record,
    ]),
  );
}

/**
 * One message into its session's running state, by sendMessage's rules: the session must take
 * messages from this side, and the message must fit the session's budget (a token bucket kept
 * as the time it is full again; see abuseLimits.ts).
 */
function take(send: Send, core: SessionCore, running: Map<string, Running>): Plan {
  const { ctx, props } = send;
  const fromCustomer = core.row.user_id === props.viewer.id;
  assertTransition(core.row.status, fromCustomer ? 'customerMessage' : 'agentMessage');
  let session = running.get(core.row.id);
  if (!session) {
    session = {
      id: core.row.id,
      lastSeq: core.row.last_seq,
      lastMessageAt: core.row.last_message_at ?? 0,
      budgetFullAt: core.row.message_budget_full_at,
      awaitingAgentSince: core.row.awaiting_agent_since,
      firstAgentReplyAt: core.row.first_agent_reply_at,
      firstResponseAt: core.row.first_response_at,
      touched: false,
      firstAnswer: false,
    };
    running.set(core.row.id, session);
  }
  const now = ctx.clock.now();
  const budget = messageBudget(ctx.settings.abuseLimits);
  if (session.budgetFullAt > latestFullAtAdmitting(budget, now)) {
    throw rateLimited(
      'Too many messages in this chat; wait a moment',
      messageWaitMs(budget, session.budgetFullAt, now),
    );
  }
  const awaitingChanged = fromCustomer !== (session.awaitingAgentSince !== null);
  session.touched = true;
  session.lastSeq += 1;
  session.lastMessageAt = now;
  session.budgetFullAt = Math.max(session.budgetFullAt, now) + budget.intervalMs;
  session.awaitingAgentSince = fromCustomer ? (session.awaitingAgentSince ?? now) : null;
  if (!fromCustomer && session.firstAgentReplyAt === null) session.firstAgentReplyAt = now;
  if (!fromCustomer && session.firstResponseAt === null) {
    session.firstResponseAt = now;
    session.firstAnswer = true;
  }
  return {
    kind: 'new',
    seq: session.lastSeq,
    now,
    sender: fromCustomer ? core.customer : core.agent!,
    awaitingChanged,
  };
}

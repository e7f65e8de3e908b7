// What every transfer of an active chat checks first, whatever its target: the chat (locked),
// that the caller may transfer it (its agent, the lead of its team, a super admin) and add the
// handover note, and, for a transfer to an agent, that they could take the chat now.
import { AppError, forbidden } from '../../domain/errors.js';
import { sessionPolicy, type SessionFacts, type Viewer } from '../../domain/policies.js';
import type { AgentLoad } from '../../domain/routing.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import type { SessionCore } from '../../storage/repositories/sessions/sessionRecords.js';
import type { Db } from '../../storage/store.js';
import type { Outbox, ServiceContext } from '../context.js';
import { writeNote } from '../messages/noteWriter.js';
import { checkHandover, loadActor, loadAgent, lockAgent } from '../sessions/chatAssigner.js';
import { loadSessionFor } from '../sessions/sessionAccess.js';

export interface TransferSource {
  /** The chat, its row locked until the transaction ends. */
  record: SessionCore;
  facts: SessionFacts;
  /** The caller, with what the rules needed to know of them (the teams they lead). */
  viewer: Viewer;
  /** The agent who has the chat. */
  from: PersonRecord;
  /** Who transfers it, named in the transcript. */
  by: PersonRecord;
}

/** The active chat `sessionId` as `viewer` may transfer it (404, 403, 409 otherwise). */
export async function loadTransferSource(
  trx: Db,
  ctx: ServiceContext,
  viewer: Viewer,
  sessionId: string,
  options: { withNote: boolean },
): Promise<TransferSource> {
  const access = await loadSessionFor(trx, viewer, sessionId, {
    rule: sessionPolicy.transfer,
    lock: ctx.store,
  });
  const { record, facts } = access;
  assertTransition(record.row.status, 'transfer');
  const from = record.agent;
  if (!from) throw new AppError('SESSION_NOT_ACTIVE', 'This chat has no agent yet');
  if (options.withNote && !sessionPolicy.addNote(access.viewer, facts)) {
    throw forbidden('Only agents of the desk leave a handover note');
  }
  const by = viewer.id === from.id ? from : await loadActor(trx, viewer);
  return { record, facts, viewer: access.viewer, from, by };
}

/**
 * The agent a chat is transferred (or offered) to: an active agent other than its agent and its
 * customer, who could take it now (shared/handover.ts: not offline, connected, with room unless
 * ALLOW_TAKE_OVER_CAPACITY). Both agents' rows are locked, in id order as every transaction
 * locks agents, so two transfers cannot deadlock.
 */
export async function loadReceiver(
  trx: Db,
  ctx: ServiceContext,
  source: TransferSource,
  agentId: string,
): Promise<{ to: PersonRecord; loads: ReadonlyMap<string, AgentLoad> }> {
  const { from, record } = source;
  if (from.id === agentId) throw new AppError('SAME_AGENT', `${from.name} already has this chat`);
  if (record.row.user_id === agentId) throw forbidden('An agent cannot take a chat they started');
  const to = await loadAgent(trx, ctx, agentId);
  const loads = new Map<string, AgentLoad>();
  for (const id of [from.id, to.id].sort()) loads.set(id, await lockAgent(trx, ctx, id));
  await checkHandover(trx, ctx, to, loads.get(to.id)!);
  return { to, loads };
}

/**
 * Writes the handover note, if there is one, as an internal note of the caller's (so the one
 * visibility rule keeps it from the customer, and `@name` in it asks a colleague in), and
 * returns its id for the chat's row, which shows it to the receiver at the top of the chat.
 */
export async function writeHandoverNote(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  source: TransferSource,
  note: string | undefined,
): Promise<string | null> {
  if (note === undefined) return null;
  const { row } = await writeNote(trx, ctx, outbox, {
    record: source.record,
    viewer: source.viewer,
    text: note,
  });
  return row.id;
}

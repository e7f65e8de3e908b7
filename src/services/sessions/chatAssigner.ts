// Gives a waiting chat to an agent, or moves an active chat to another agent. Auto-routing,
// an agent's manual take and a super admin's assignment all go through placeChat(), whose
// conditional updates make double assignment and over-capacity impossible under concurrency.
import { AppError, forbidden, notFound } from '../../domain/errors.js';
import { checkManualAssignment, type AgentLoad } from '../../domain/routing.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import { isAgent, sessionPolicy, type Viewer } from '../../domain/policies.js';
import {
  addOpenChat,
  ensureAgentStatus,
  removeOpenChat,
} from '../../storage/repositories/agents.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import {
  activateSession,
  addParticipant,
  findSessionRecord,
  markParticipantLeft,
  tagsOf,
  updateSessionIf,
  type SessionRecord,
} from '../../storage/repositories/sessions.js';
import { findUserById } from '../../storage/repositories/users.js';
import type { Db } from '../../storage/store.js';
import { commit, type Outbox, type ServiceContext } from '../context.js';
import { loadSessionFor } from './sessionAccess.js';
import {
  appendSessionUpdate,
  appendSystemMessage,
  writeMessage,
  writeSessionUpdate,
} from './sessionEvents.js';

export type PlacementResult = 'placed' | 'agent_full' | 'session_taken';

export interface Placement {
  sessionId: string;
  customer: PersonRecord;
  agent: PersonRecord;
  /** Refuse when the agent is at their max (false only when the deployment allows going over). */
  withinMax: boolean;
}

/**
 * Assigns a waiting session to an agent inside the caller's transaction. Nothing is changed
 * unless both conditional updates hold: the agent still has room (when `withinMax`) and the
 * session is still waiting. Kept to a handful of statements: routing runs it for every chat.
 */
export async function placeChat(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  { sessionId, customer, agent, withinMax }: Placement,
): Promise<PlacementResult> {
  const now = ctx.clock.now();
  if (!(await addOpenChat(trx, agent.id, now, withinMax))) return 'agent_full';
  // Two events record the assignment: the "joined" line and the session update.
  const row = await activateSession(trx, sessionId, agent.id, now, 2);
  if (!row) {
    await removeOpenChat(trx, agent.id, now);
    return 'session_taken';
  }
  await addParticipant(trx, { sessionId, userId: agent.id, role: 'agent', now });
  const joinedSeq = row.last_seq - 1;
  await writeMessage(trx, ctx, outbox, joinedSeq, {
    sessionId,
    sender: null,
    type: 'system',
    text: `${agent.name} joined the chat`,
  });
  const record = { row, customer, agent, tags: await tagsOf(trx, sessionId) };
  await writeSessionUpdate(trx, ctx, outbox, joinedSeq + 1, record, 'assigned');
  outbox.touchAgent(agent.id);
  return 'placed';
}

async function loadAgent(trx: Db, ctx: ServiceContext, agentId: string): Promise<PersonRecord> {
  const user = await findUserById(trx, agentId);
  if (!user || user.is_active !== 1 || !isAgent(user)) throw notFound('Agent');
  await ensureAgentStatus(trx, agentId, ctx.clock.now());
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** Raises the matching error for a placement that did not happen. */
function explain(result: PlacementResult, agent: PersonRecord, self: boolean): void {
  if (result === 'agent_full') {
    throw new AppError(
      'AGENT_AT_CAPACITY',
      self
        ? 'You are at your maximum number of open chats'
        : `${agent.name} is at their maximum number of open chats`,
    );
  }
  if (result === 'session_taken') {
    throw new AppError('SESSION_ALREADY_ASSIGNED', 'This chat has already been taken by an agent');
  }
}

/**
 * An agent takes a waiting chat (viewer = agent), or a super admin assigns it to `agentId`.
 */
export function assignSession(
  ctx: ServiceContext,
  props: { viewer: Viewer; sessionId: string; agentId?: string },
): Promise<SessionRecord> {
  const { viewer, sessionId } = props;
  const agentId = props.agentId ?? viewer.id;
  const self = agentId === viewer.id;
  return commit(ctx, async (trx, outbox) => {
    const rule = self ? sessionPolicy.take : sessionPolicy.assignToOther;
    // An agent racing a colleague for a queued chat learns it was taken (409), not "not found".
    const current = await ctx.store
      .forUpdate(trx.selectFrom('chat_sessions').select('status').where('id', '=', sessionId))
      .executeTakeFirst();
    if (current && isAgent(viewer)) assertTransition(current.status, 'assign');
    const { record } = await loadSessionFor(trx, viewer, sessionId, { rule });
    assertTransition(record.row.status, 'assign');
    if (record.row.user_id === agentId) throw forbidden('An agent cannot take a chat they started');
    const agent = await loadAgent(trx, ctx, agentId);
    const status = await lockAgent(trx, ctx, agentId);
    checkManualAssignment(status, ctx.settings.allowTakeOverCapacity);
    const result = await placeChat(trx, ctx, outbox, {
      sessionId,
      customer: record.customer,
      agent,
      withinMax: !ctx.settings.allowTakeOverCapacity,
    });
    explain(result, agent, self);
    return (await findSessionRecord(trx, sessionId))!;
  });
}

/** Reads (and on PostgreSQL locks) an agent's status row as routing's view of their load. */
async function lockAgent(trx: Db, ctx: ServiceContext, agentId: string): Promise<AgentLoad> {
  const row = await ctx.store
    .forUpdate(trx.selectFrom('chat_agent_status').selectAll().where('agent_id', '=', agentId))
    .executeTakeFirst();
  if (!row) throw notFound('Agent');
  return {
    id: row.agent_id,
    status: row.status,
    autoAssign: row.auto_assign === 1,
    openChats: row.current_chat_count,
    maxConcurrentChats: row.max_concurrent_chats,
    lastAssignedAt: row.last_assigned_at,
  };
}

/** Moves an active chat from its agent to `agentId` (by that agent or a super admin). */
export function transferSession(
  ctx: ServiceContext,
  props: { viewer: Viewer; sessionId: string; agentId: string },
): Promise<SessionRecord> {
  const { viewer, sessionId, agentId } = props;
  return commit(ctx, async (trx, outbox) => {
    const { record } = await loadSessionFor(trx, viewer, sessionId, {
      rule: sessionPolicy.transfer,
      lock: ctx.store,
    });
    assertTransition(record.row.status, 'transfer');
    const from = record.agent;
    if (!from) throw new AppError('SESSION_NOT_ACTIVE', 'This chat has no agent yet');
    if (from.id === agentId) throw new AppError('SAME_AGENT', `${from.name} already has this chat`);
    if (record.row.user_id === agentId) throw forbidden('An agent cannot take a chat they started');
    const to = await loadAgent(trx, ctx, agentId);
    // Lock both agents in id order, as every transaction does, so two transfers cannot deadlock.
    const locked = new Map<string, AgentLoad>();
    for (const id of [from.id, to.id].sort()) locked.set(id, await lockAgent(trx, ctx, id));
    checkManualAssignment(locked.get(to.id)!, ctx.settings.allowTakeOverCapacity);
    const now = ctx.clock.now();
    if (!(await addOpenChat(trx, to.id, now, !ctx.settings.allowTakeOverCapacity))) {
      explain('agent_full', to, false);
    }
    const moved = await updateSessionIf(
      trx,
      sessionId,
      { status: 'active', agentId: from.id },
      { assigned_agent_id: to.id, updated_at: now },
    );
    if (!moved) throw new AppError('SESSION_ALREADY_ASSIGNED', 'This chat changed hands meanwhile');
    await removeOpenChat(trx, from.id, now);
    outbox.touchAgent(from.id);
    outbox.touchAgent(to.id);
    await markParticipantLeft(trx, sessionId, from.id, now);
    await addParticipant(trx, { sessionId, userId: to.id, role: 'agent', now });
    await appendSystemMessage(
      trx,
      ctx,
      outbox,
      sessionId,
      `${from.name} transferred the chat to ${to.name}`,
    );
    const updated = await appendSessionUpdate(trx, ctx, outbox, sessionId, 'transferred', [
      from.id,
    ]);
    outbox.requestRouting();
    return updated;
  });
}

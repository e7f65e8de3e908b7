// An agent reads and sets their own availability: status, max concurrent chats, auto-assign.
// Any change that can give them room for more chats asks routing to run.
import { forbidden, notFound } from '../../domain/errors.js';
import { agentPolicy, type Viewer } from '../../domain/policies.js';
import type { UpdateAgentStatusBody } from '../../shared/api.js';
import {
  ensureAgentStatus,
  findAgentStatus,
  listAgentStates,
  updateAgentStatus,
  type AgentStateRecord,
} from '../../storage/repositories/agents.js';
import { recordStatusChange } from '../../storage/repositories/reports/agentTime.js';
import type { Db } from '../../storage/store.js';
import { commit, type ServiceContext } from '../context.js';

export async function loadAgentState(
  db: Db,
  ctx: ServiceContext,
  agentId: string,
): Promise<AgentStateRecord> {
  const [state] = await listAgentStates(db, {
    now: ctx.clock.now(),
    nodeStaleMs: ctx.settings.nodeStaleMs,
    agentIds: [agentId],
  });
  if (!state) throw notFound('Agent');
  return state;
}

export async function getOwnAgentState(
  ctx: ServiceContext,
  viewer: Viewer,
): Promise<AgentStateRecord> {
  if (!agentPolicy.setOwnStatus(viewer)) throw forbidden('Only agents have an agent status');
  await ensureAgentStatus(ctx.store.db, viewer.id, ctx.clock.now());
  return loadAgentState(ctx.store.db, ctx, viewer.id);
}

export function updateOwnAgentState(
  ctx: ServiceContext,
  viewer: Viewer,
  changes: UpdateAgentStatusBody,
): Promise<AgentStateRecord> {
  if (!agentPolicy.setOwnStatus(viewer)) throw forbidden('Only agents have an agent status');
  return commit(ctx, async (trx, outbox) => {
    const now = ctx.clock.now();
    await ensureAgentStatus(trx, viewer.id, now);
    const before = await ctx.store
      .forUpdate(trx.selectFrom('chat_agent_status').selectAll().where('agent_id', '=', viewer.id))
      .executeTakeFirstOrThrow();
    await updateAgentStatus(trx, viewer.id, {
      // A status the agent chose is theirs: the system's reason for an away no longer holds.
      ...(changes.status !== undefined && { status: changes.status, away_reason: null }),
      ...(changes.status !== undefined &&
        changes.status !== before.status && { status_changed_at: now }),
      ...(changes.maxConcurrentChats !== undefined && {
        max_concurrent_chats: changes.maxConcurrentChats,
      }),
      ...(changes.autoAssign !== undefined && { auto_assign: changes.autoAssign ? 1 : 0 }),
      updated_at: now,
    });
    const after = await findAgentStatus(trx, viewer.id);
    // The history the agent report reads: a row when the status or the capacity really moved.
    if (
      after !== undefined &&
      (after.status !== before.status || after.max_concurrent_chats !== before.max_concurrent_chats)
    ) {
      await recordStatusChange(trx, viewer.id, now);
    }
    outbox.touchAgent(viewer.id);
    const gainedRoom =
      after !== undefined &&
      after.status === 'online' &&
      after.auto_assign === 1 &&
      (before.status !== 'online' ||
        before.auto_assign !== 1 ||
        after.max_concurrent_chats > before.max_concurrent_chats);
    if (gainedRoom) outbox.requestRouting();
    return loadAgentState(trx, ctx, viewer.id);
  });
}

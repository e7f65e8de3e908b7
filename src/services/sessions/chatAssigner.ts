// Gives a waiting chat to an agent. Auto-routing, an agent's manual take and a super admin's (or
// team lead's) assignment all go through placeChats(), whose conditional updates make double
// assignment and over-capacity impossible under concurrency. A chat handed to someone else (an
// assignment here, a transfer in services/transfers/) goes only to an agent who could take it
// now (shared/handover.ts, the rule the agent picker greys agents out by).
import { AppError, forbidden, notFound } from '../../domain/errors.js';
import { checkManualAssignment, type AgentLoad } from '../../domain/routing.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import { isAgent, sessionPolicy, type Viewer } from '../../domain/policies.js';
import { assignmentLine } from '../../domain/transcriptLines.js';
import { handoverBlock } from '../../shared/handover.js';
import { addOpenChats, ensureAgentStatus } from '../../storage/repositories/agents.js';
import { isConnectedAnywhere } from '../../storage/repositories/cluster.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import { activateSessions } from '../../storage/repositories/sessions/sessionSequences.js';
import { addParticipants } from '../../storage/repositories/sessions/sessionParticipants.js';
import {
  findSessionRecord,
  tagsBySession,
  type SessionRecord,
} from '../../storage/repositories/sessions/sessionRecords.js';
import { refsBySession } from '../../storage/repositories/sessions/sessionRefs.js';
import { findUserById } from '../../storage/repositories/users.js';
import type { AgentStatusRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import { commit, type Outbox, type ServiceContext } from '../context.js';
import { withLeadTeams } from '../teams/teamLeads.js';
import { markReportHours } from '../reports/reportMarks.js';
import { loadSessionFor } from './sessionAccess.js';
import { writeMessages, writeSessionUpdates } from './sessionEvents.js';

export interface Placement {
  sessionId: string;
  customer: PersonRecord;
  agent: PersonRecord;
}

/**
 * Assigns waiting sessions to agents inside the caller's transaction, in a fixed handful of
 * statements whatever their number (routing places hundreds at once). Conditional updates
 * guard it: every agent must still have room for what they get (unless `overCapacity`), every
 * session must still be waiting. If either fails, it throws, and the caller's transaction
 * rolls back: nothing is half-assigned. `by` is who placed the chat by hand (the agent taking it,
 * or the super admin assigning it), named in the transcript.
 */
export async function placeChats(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  placements: readonly Placement[],
  options: { overCapacity: boolean; by?: PersonRecord },
): Promise<void> {
  if (placements.length === 0) return;
  const now = ctx.clock.now();
  const added = new Map<string, number>();
  for (const { agent } of placements) added.set(agent.id, (added.get(agent.id) ?? 0) + 1);
  const roomy = await addOpenChats(trx, added, now, !options.overCapacity);
  if (roomy < added.size) {
    const agent = placements.length === 1 ? placements[0]!.agent : undefined;
    throw new AppError(
      'AGENT_AT_CAPACITY',
      options.by?.id === agent?.id
        ? 'You are at your maximum number of open chats'
        : `${agent?.name ?? 'An agent'} is at their maximum number of open chats`,
    );
  }
  // Two events record each assignment: the "joined" line and the session update.
  const rows = await activateSessions(
    trx,
    new Map(placements.map((p) => [p.sessionId, p.agent.id])),
    now,
    2,
  );
  if (rows.length < placements.length) {
    throw new AppError('SESSION_ALREADY_ASSIGNED', 'This chat has already been taken by an agent');
  }
  await markReportHours(
    trx,
    ctx,
    rows.map((row) => row.id),
  );
  const byId = new Map(placements.map((p) => [p.sessionId, p]));
  await addParticipants(
    trx,
    placements.map((p) => ({ sessionId: p.sessionId, userId: p.agent.id, role: 'agent', now })),
  );
  await writeMessages(
    trx,
    ctx,
    outbox,
    rows.map((row) => ({
      seq: row.last_seq - 1,
      message: {
        sessionId: row.id,
        sender: null,
        type: 'system',
        text: assignmentLine(byId.get(row.id)!.agent, options.by ?? null),
      },
    })),
  );
  const [tags, refs] = await Promise.all([
    tagsBySession(
      trx,
      rows.map((row) => row.id),
    ),
    refsBySession(trx, rows),
  ]);
  await writeSessionUpdates(
    trx,
    ctx,
    outbox,
    rows.map((row) => {
      const { customer, agent } = byId.get(row.id)!;
      return {
        seq: row.last_seq,
        record: { row, customer, agent, tags: tags.get(row.id) ?? [], ...refs.get(row.id)! },
        change: 'assigned',
      };
    }),
  );
  for (const agentId of added.keys()) outbox.touchAgent(agentId);
}

/** The active agent `agentId` (404 otherwise), with a status row. */
export async function loadAgent(
  trx: Db,
  ctx: ServiceContext,
  agentId: string,
): Promise<PersonRecord> {
  const user = await findUserById(trx, agentId);
  if (!user || user.is_active !== 1 || !isAgent(user)) throw notFound('Agent');
  await ensureAgentStatus(trx, agentId, ctx.clock.now());
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** The person acting, to name them in the transcript. */
export async function loadActor(trx: Db, viewer: Viewer): Promise<PersonRecord> {
  const user = await findUserById(trx, viewer.id);
  if (!user) throw notFound('User');
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** Refuses to hand a chat to an agent who could not take it now (shared/handover.ts). */
export async function checkHandover(
  trx: Db,
  ctx: ServiceContext,
  agent: PersonRecord,
  load: AgentLoad,
): Promise<void> {
  const connected = await isConnectedAnywhere(
    trx,
    agent.id,
    ctx.clock.now() - ctx.settings.nodeStaleMs,
  );
  const block = handoverBlock({ ...load, connected }, ctx.settings.allowTakeOverCapacity);
  if (block === 'offline') throw new AppError('AGENT_UNAVAILABLE', `${agent.name} is offline`);
  if (block === 'not_connected') {
    throw new AppError('AGENT_UNAVAILABLE', `${agent.name} is not connected to Switchboard`);
  }
  if (block === 'full') {
    throw new AppError(
      'AGENT_AT_CAPACITY',
      `${agent.name} is at their maximum number of open chats`,
    );
  }
}

const ASSIGN_REFUSED = "Only super admins, and team leads for their team's chats, assign chats";

/**
 * An agent takes a waiting chat (viewer = agent), or a super admin or the chat's team lead
 * assigns it to `agentId`.
 */
export function assignSession(
  ctx: ServiceContext,
  props: { viewer: Viewer; sessionId: string; agentId?: string },
): Promise<SessionRecord> {
  const { viewer, sessionId } = props;
  const agentId = props.agentId ?? viewer.id;
  const self = agentId === viewer.id;
  return commit(ctx, async (trx, outbox) => {
    // Taking is for agents, assigning to someone else for super admins and team leads: anyone
    // else is refused whatever the id, which tells them nothing about it.
    const known = self ? viewer : await withLeadTeams(trx, viewer);
    if (!(self ? sessionPolicy.take(viewer) : sessionPolicy.assignsToOthers(known))) {
      throw forbidden(self ? 'Only agents take chats' : ASSIGN_REFUSED);
    }
    const current = await ctx.store
      .forUpdate(trx.selectFrom('chat_sessions').select('status').where('id', '=', sessionId))
      .executeTakeFirst();
    // The one exception to "a chat the caller may not see is not found" (README, API): an agent
    // taking a chat that an agent has meanwhile is told so (409), though it may now be a
    // colleague's. Every chat starts in the queue, where every agent sees it, so the taker saw
    // it a moment ago; the id cannot be guessed; and the console must tell "someone was faster"
    // from "gone". An ended chat the caller may not see stays not found.
    if (current?.status === 'active') {
      throw new AppError(
        'SESSION_ALREADY_ASSIGNED',
        'This chat has already been taken by an agent',
      );
    }
    const { record, facts } = await loadSessionFor(trx, known, sessionId);
    if (!self && !sessionPolicy.assignToOther(known, facts)) throw forbidden(ASSIGN_REFUSED);
    assertTransition(record.row.status, 'assign');
    if (record.row.user_id === agentId) throw forbidden('An agent cannot take a chat they started');
    const agent = await loadAgent(trx, ctx, agentId);
    const status = await lockAgent(trx, ctx, agentId);
    if (self) checkManualAssignment(status, ctx.settings.allowTakeOverCapacity);
    else await checkHandover(trx, ctx, agent, status);
    await placeChats(trx, ctx, outbox, [{ sessionId, customer: record.customer, agent }], {
      overCapacity: ctx.settings.allowTakeOverCapacity,
      by: self ? agent : await loadActor(trx, viewer),
    });
    return (await findSessionRecord(trx, sessionId))!;
  });
}

/** Reads (and on PostgreSQL locks) an agent's status row as routing's view of their load. */
export async function lockAgent(trx: Db, ctx: ServiceContext, agentId: string): Promise<AgentLoad> {
  const row = await ctx.store
    .forUpdate(trx.selectFrom('chat_agent_status').selectAll().where('agent_id', '=', agentId))
    .executeTakeFirst();
  if (!row) throw notFound('Agent');
  return agentLoadOf(row);
}

/** Routing's view of an agent's status row. */
export const agentLoadOf = (
  row: Pick<
    AgentStatusRow,
    | 'agent_id'
    | 'status'
    | 'auto_assign'
    | 'current_chat_count'
    | 'max_concurrent_chats'
    | 'last_assigned_at'
  >,
): AgentLoad => ({
  id: row.agent_id,
  status: row.status,
  autoAssign: row.auto_assign === 1,
  openChats: row.current_chat_count,
  maxConcurrentChats: row.max_concurrent_chats,
  lastAssignedAt: row.last_assigned_at,
});

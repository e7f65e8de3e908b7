// Loads a session for a viewer and applies the policy: what they may not see does not exist
// for them (404); what they see but may not do is forbidden (403).
import { forbidden, notFound } from '../../domain/errors.js';
import {
  isAgent,
  isSuperAdmin,
  sessionPolicy,
  type SessionFacts,
  type Viewer,
} from '../../domain/policies.js';
import { deskParticipants } from '../../storage/repositories/sessions/sessionParticipants.js';
import {
  findSessionCore,
  type SessionCore,
} from '../../storage/repositories/sessions/sessionRecords.js';
import type { Db, Store } from '../../storage/store.js';
import { withLeadTeams } from '../teams/teamLeads.js';

export type SessionRule = (viewer: Viewer, session: SessionFacts) => boolean;

export interface SessionAccess {
  record: SessionCore;
  facts: SessionFacts;
  /** The viewer with what the rules needed to know of them (the teams they lead). */
  viewer: Viewer;
}

export interface AccessOptions {
  /** What the viewer must be allowed to do, beyond seeing the session. */
  rule?: SessionRule;
  /** Inside a transaction that will change the session: lock its row (PostgreSQL) first. */
  lock?: Store;
}

async function factsFor(
  db: Db,
  viewer: Viewer,
  record: SessionCore,
): Promise<{ facts: SessionFacts; viewer: Viewer }> {
  const facts: SessionFacts = {
    customerId: record.row.user_id,
    agentId: record.row.assigned_agent_id,
    status: record.row.status,
    teamId: record.row.team_id,
  };
  // Past and mentioned agents and led teams matter only for an agent who is neither the
  // customer nor the current agent.
  const bystander =
    isAgent(viewer) &&
    !isSuperAdmin(viewer) &&
    facts.customerId !== viewer.id &&
    facts.agentId !== viewer.id;
  if (!bystander) return { facts, viewer };
  Object.assign(facts, await deskParticipants(db, record.row.id));
  return { facts, viewer: facts.teamId ? await withLeadTeams(db, viewer) : viewer };
}

/** The session as `viewer` may see it, checked against `options.rule` when given. */
export async function loadSessionFor(
  db: Db,
  viewer: Viewer,
  sessionId: string,
  options: AccessOptions = {},
): Promise<SessionAccess> {
  const record = await findSessionCore(db, sessionId, options.lock);
  if (!record) throw notFound('Chat session');
  return checkSessionFor(db, viewer, record, options.rule);
}

/** Like loadSessionFor, for a session already loaded (and locked, if it is to change). */
export async function checkSessionFor(
  db: Db,
  viewer: Viewer,
  record: SessionCore,
  rule?: SessionRule,
): Promise<SessionAccess> {
  const { facts, viewer: known } = await factsFor(db, viewer, record);
  if (!sessionPolicy.view(known, facts)) throw notFound('Chat session');
  if (rule && !rule(known, facts)) throw forbidden();
  return { record, facts, viewer: known };
}

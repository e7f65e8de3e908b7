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
import {
  deskParticipants,
  findSessionCore,
  type SessionCore,
} from '../../storage/repositories/sessions.js';
import type { Db, Store } from '../../storage/store.js';

export type SessionRule = (viewer: Viewer, session: SessionFacts) => boolean;

export interface SessionAccess {
  record: SessionCore;
  facts: SessionFacts;
}

export interface AccessOptions {
  /** What the viewer must be allowed to do, beyond seeing the session. */
  rule?: SessionRule;
  /** Inside a transaction that will change the session: lock its row (PostgreSQL) first. */
  lock?: Store;
}

async function factsFor(db: Db, viewer: Viewer, record: SessionCore): Promise<SessionFacts> {
  const facts: SessionFacts = {
    customerId: record.row.user_id,
    agentId: record.row.assigned_agent_id,
    status: record.row.status,
  };
  // Past and mentioned agents matter only for an agent who is neither the customer nor the
  // current agent.
  const needsHistory =
    isAgent(viewer) &&
    !isSuperAdmin(viewer) &&
    facts.customerId !== viewer.id &&
    facts.agentId !== viewer.id;
  if (needsHistory) Object.assign(facts, await deskParticipants(db, record.row.id));
  return facts;
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
  const facts = await factsFor(db, viewer, record);
  if (!sessionPolicy.view(viewer, facts)) throw notFound('Chat session');
  if (options.rule && !options.rule(viewer, facts)) throw forbidden();
  return { record, facts };
}

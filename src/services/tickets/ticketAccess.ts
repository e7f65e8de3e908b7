// Loads a ticket for a viewer and applies the policy: what they may not see does not exist for
// them (404); what they see but may not do is forbidden (403).
import { AppError, forbidden, notFound } from '../../domain/errors.js';
import { ticketMessageVisibleTo } from '../../domain/eventVisibility.js';
import {
  isAgent,
  isSuperAdmin,
  ticketPolicy,
  type TicketFacts,
  type Viewer,
} from '../../domain/policies.js';
import type { TicketMessageKind } from '../../shared/vocabulary.js';
import type { TicketRow } from '../../storage/schema.js';
import type { PersonRecord } from '../../storage/repositories/people.js';
import { isTicketCc } from '../../storage/repositories/tickets/ticketCcs.js';
import { findTicketRow } from '../../storage/repositories/tickets/tickets.js';
import { findUserById } from '../../storage/repositories/users.js';
import type { Db, Store } from '../../storage/store.js';
import { withTeams } from '../teams/teamLeads.js';

export type TicketRule = (viewer: Viewer, ticket: TicketFacts) => boolean;

export interface TicketAccess {
  row: TicketRow;
  facts: TicketFacts;
  /** The viewer with what the rules needed to know of them (their teams). */
  viewer: Viewer;
}

export const factsOf = (row: TicketRow): TicketFacts => ({
  requesterId: row.requester_id,
  assigneeId: row.assignee_id,
  teamId: row.team_id,
});

/**
 * The viewer with their teams and led teams, when a rule may ask: an agent who is neither a
 * super admin nor the requester, on a ticket with a team. Others are decided without them.
 */
export async function viewerFor(db: Db, viewer: Viewer, facts: TicketFacts): Promise<Viewer> {
  const needsTeams =
    isAgent(viewer) &&
    !isSuperAdmin(viewer) &&
    facts.teamId !== null &&
    facts.requesterId !== viewer.id;
  return needsTeams ? withTeams(db, viewer) : viewer;
}

export interface TicketAccessOptions {
  /** What the viewer must be allowed to do, beyond seeing the ticket. */
  rule?: TicketRule;
  /** Inside a transaction that will change the ticket: lock its row (PostgreSQL) first. */
  lock?: Store;
}

/** The ticket as `viewer` may see it, checked against `options.rule` when given. */
export async function loadTicketFor(
  db: Db,
  viewer: Viewer,
  ticketId: string,
  options: TicketAccessOptions = {},
): Promise<TicketAccess> {
  const row = await findTicketRow(db, ticketId, options.lock);
  if (!row) throw notFound('Ticket');
  const facts = factsOf(row);
  const known = await viewerFor(db, viewer, facts);
  if (!ticketPolicy.view(known, facts)) throw notFound('Ticket');
  if (options.rule && !options.rule(known, facts)) throw forbidden();
  return { row, facts, viewer: known };
}

/**
 * The ticket as one of its CCs writes to it by mail (the importer found their mail answers the
 * desk's copied one): not seen in the portal, so not by the view rule; 404 when `viewer`'s
 * address is not (or no longer) one of its CCs.
 */
export async function loadTicketForCc(
  db: Db,
  viewer: Viewer,
  ticketId: string,
  lock?: Store,
): Promise<TicketAccess> {
  const row = await findTicketRow(db, ticketId, lock);
  const user = await findUserById(db, viewer.id);
  if (!row || !user?.email || !(await isTicketCc(db, row.id, user.email))) {
    throw notFound('Ticket');
  }
  return { row, facts: factsOf(row), viewer };
}

/** The agent a ticket may be given to: an active agent or super admin (404 otherwise). */
export async function assigneeFor(db: Db, agentId: string): Promise<PersonRecord> {
  const user = await findUserById(db, agentId);
  if (!user || user.is_active !== 1 || !isAgent(user)) throw notFound('Agent');
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * Whether `viewer` may read a message of a ticket's thread (and so what it carries): it shows in
 * the thread of the ticket that holds it now and in that of the ticket it was written on (they
 * differ after a merge), each as listThread shows it, so a download agrees with the list. A note
 * only to who may read that ticket's notes, on either path.
 */
export async function mayReadTicketMessage(
  db: Db,
  viewer: Viewer,
  message: { ticketId: string; originTicketId: string; kind: TicketMessageKind },
): Promise<boolean> {
  for (const ticketId of new Set([message.ticketId, message.originTicketId])) {
    try {
      const access = await loadTicketFor(db, viewer, ticketId);
      if (ticketMessageVisibleTo(access.viewer, access.facts, message.kind)) return true;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
    }
  }
  return false;
}

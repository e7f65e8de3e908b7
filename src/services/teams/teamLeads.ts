// Which teams a viewer leads, loaded only where a rule needs it: the policies read it from the
// Viewer, and most requests (customers, an agent's own chats) never ask.
import { isAgent, isSuperAdmin, type Viewer } from '../../domain/policies.js';
import { teamsLedBy } from '../../storage/repositories/teams.js';
import type { Db } from '../../storage/store.js';

/** `viewer` with the teams they lead (none for customers; super admins need none). */
export async function withLeadTeams(db: Db, viewer: Viewer): Promise<Viewer> {
  if (viewer.leadTeamIds !== undefined || !isAgent(viewer) || isSuperAdmin(viewer)) return viewer;
  return { ...viewer, leadTeamIds: await teamsLedBy(db, viewer.id) };
}

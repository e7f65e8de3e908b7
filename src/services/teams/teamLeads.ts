// Which teams a viewer leads or belongs to, loaded only where a rule needs it: the policies read
// it from the Viewer, and most requests (customers, an agent's own chats) never ask.
import { isAgent, isSuperAdmin, type Viewer } from '../../domain/policies.js';
import { membershipsOf, teamsLedBy } from '../../storage/repositories/teams.js';
import type { Db } from '../../storage/store.js';

/** `viewer` with the teams they lead (none for customers; super admins need none). */
export async function withLeadTeams(db: Db, viewer: Viewer): Promise<Viewer> {
  if (viewer.leadTeamIds !== undefined || !isAgent(viewer) || isSuperAdmin(viewer)) return viewer;
  return { ...viewer, leadTeamIds: await teamsLedBy(db, viewer.id) };
}

/** `viewer` with the teams they belong to and those they lead, in one query (agents only). */
export async function withTeams(db: Db, viewer: Viewer): Promise<Viewer> {
  if (viewer.memberTeamIds !== undefined || !isAgent(viewer)) return viewer;
  const memberships = await membershipsOf(db, viewer.id);
  return {
    ...viewer,
    memberTeamIds: memberships.map((m) => m.teamId),
    leadTeamIds: memberships.filter((m) => m.isLead).map((m) => m.teamId),
  };
}

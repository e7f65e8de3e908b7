// The team something may be given to (a topic, a quick response, a transferred chat): one that
// exists and is not archived.
import { AppError, notFound } from '../../domain/errors.js';
import { findTeam, type TeamRecord } from '../../storage/repositories/teams.js';
import type { Db } from '../../storage/store.js';

/** The team; 404 for an unknown one, 409 TEAM_ARCHIVED for an archived one. */
export async function assertTeamOpen(db: Db, teamId: string): Promise<TeamRecord> {
  const team = await findTeam(db, teamId);
  if (!team) throw notFound('Team');
  if (team.row.archived_at !== null) {
    throw new AppError('TEAM_ARCHIVED', `${team.row.name} is archived`);
  }
  return team;
}

// The team something may be given to (a topic, a quick response): one that exists and is not
// archived.
import { AppError, notFound } from '../../domain/errors.js';
import { findTeam } from '../../storage/repositories/teams.js';
import type { Db } from '../../storage/store.js';

/** 404 for an unknown team, 409 TEAM_ARCHIVED for an archived one. */
export async function assertTeamOpen(db: Db, teamId: string): Promise<void> {
  const team = await findTeam(db, teamId);
  if (!team) throw notFound('Team');
  if (team.row.archived_at !== null) {
    throw new AppError('TEAM_ARCHIVED', `${team.row.name} is archived`);
  }
}

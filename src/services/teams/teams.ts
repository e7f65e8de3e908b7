// Teams (departments): super admins create, rename, archive or delete them, choose their
// agents and leads and the team their chats overflow to; agents list them. A team any chat,
// topic or other team's overflow refers to is archived, not deleted, so chats keep naming the
// team they belonged to. What changes who may be given a chat (members, overflow) asks for a
// routing pass.
import { AppError, forbidden, invalid, notFound } from '../../domain/errors.js';
import { isAgent, teamPolicy, type Viewer } from '../../domain/policies.js';
import type { CreateTeamBody, TeamMemberBody, UpdateTeamBody } from '../../shared/teamsApi.js';
import * as repo from '../../storage/repositories/teams.js';
import type { TeamRecord } from '../../storage/repositories/teams.js';
import { findCalendar } from '../../storage/repositories/tickets/slaPolicies.js';
import { findUserById } from '../../storage/repositories/users.js';
import type { TeamRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';

const onlySuperAdmins = () => forbidden('Only super admins manage teams');

export function listTeams(
  ctx: ServiceContext,
  viewer: Viewer,
  options: { includeArchived: boolean },
): Promise<TeamRecord[]> {
  if (!teamPolicy.list(viewer)) throw forbidden('Teams are for agents');
  return repo.listTeams(ctx.store.db, {
    includeArchived: options.includeArchived && teamPolicy.manage(viewer),
  });
}

export async function getTeam(ctx: ServiceContext, viewer: Viewer, id: string) {
  if (!teamPolicy.list(viewer)) throw forbidden('Teams are for agents');
  const team = await repo.findTeam(ctx.store.db, id);
  if (!team || (team.row.archived_at !== null && !teamPolicy.manage(viewer))) {
    throw notFound('Team');
  }
  return team;
}

/** A team a super admin is about to change: refused to anyone else whatever the id. */
async function loadManaged(ctx: ServiceContext, viewer: Viewer, id: string) {
  if (!teamPolicy.manage(viewer)) throw onlySuperAdmins();
  const team = await repo.findTeam(ctx.store.db, id);
  if (!team) throw notFound('Team');
  return team;
}

export async function createTeam(
  ctx: ServiceContext,
  viewer: Viewer,
  body: CreateTeamBody,
): Promise<TeamRecord> {
  if (!teamPolicy.manage(viewer)) throw onlySuperAdmins();
  const now = ctx.clock.now();
  const row = {
    id: ctx.ids.next(),
    name: body.name,
    description: body.description,
    fallback_team_id: null,
    overflow_after_ms: null,
    calendar_id: null,
    archived_at: null,
    created_at: now,
    updated_at: now,
  };
  await repo.insertTeam(ctx.store.db, row);
  return { row, members: [], fallback: null, openingHours: null };
}

/**
 * The columns `overflow` sets: another team, not archived, and the delay in milliseconds (its
 * bounds are the schema's); null clears both.
 */
async function overflowColumns(
  db: Db,
  team: TeamRow,
  overflow: NonNullable<UpdateTeamBody['overflow']> | null,
): Promise<Pick<TeamRow, 'fallback_team_id' | 'overflow_after_ms'>> {
  if (overflow === null) return { fallback_team_id: null, overflow_after_ms: null };
  if (overflow.teamId === team.id) {
    throw invalid('overflow.teamId', `${team.name} cannot overflow to itself: choose another team`);
  }
  const fallback = await repo.findTeam(db, overflow.teamId);
  if (!fallback) throw notFound('Fallback team');
  if (fallback.row.archived_at !== null) {
    throw new AppError('TEAM_ARCHIVED', `${fallback.row.name} is archived`, 'overflow.teamId');
  }
  return { fallback_team_id: fallback.row.id, overflow_after_ms: overflow.afterSeconds * 1000 };
}

/** The calendar of the team's opening hours: one that exists (404 otherwise); null: always open. */
async function openingHoursColumn(db: Db, calendarId: string | null): Promise<string | null> {
  if (calendarId === null) return null;
  if (!(await findCalendar(db, calendarId))) throw notFound('Calendar');
  return calendarId;
}

export async function updateTeam(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  changes: UpdateTeamBody,
): Promise<TeamRecord> {
  const team = await loadManaged(ctx, viewer, id);
  const now = ctx.clock.now();
  const archiving = changes.archived === true && team.row.archived_at === null;
  const updated = await ctx.store.transaction(async (trx) => {
    if (archiving && (await repo.countActiveTopicsOf(trx, id)) > 0) {
      throw new AppError(
        'TEAM_IN_USE',
        `Topics still lead to ${team.row.name}: point them to another team or archive them first`,
      );
    }
    if (archiving) {
      const overflowing = await repo.teamsFallingBackTo(trx, id, { includeArchived: false });
      if (overflowing.length > 0) {
        throw new AppError(
          'TEAM_IN_USE',
          `${overflowing.join(', ')} overflow${overflowing.length === 1 ? 's' : ''} to ${team.row.name}: choose another fallback team for ${overflowing.length === 1 ? 'it' : 'them'} first`,
        );
      }
    }
    let archivedAt = team.row.archived_at;
    if (changes.archived !== undefined) archivedAt = changes.archived ? (archivedAt ?? now) : null;
    await repo.updateTeam(trx, id, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.overflow !== undefined
        ? await overflowColumns(trx, team.row, changes.overflow)
        : {}),
      ...(changes.openingHoursCalendarId !== undefined
        ? { calendar_id: await openingHoursColumn(trx, changes.openingHoursCalendarId) }
        : {}),
      archived_at: archivedAt,
      updated_at: now,
    });
    return (await repo.findTeam(trx, id))!;
  });
  // A new or shorter overflow, or a fallback team restored, may make waiting chats routable.
  if (changes.overflow !== undefined || changes.archived !== undefined) ctx.routing.kick();
  return updated;
}

/** Deletes a team nothing refers to; a team with chats, tickets or topics must be archived instead. */
export async function deleteTeam(ctx: ServiceContext, viewer: Viewer, id: string): Promise<void> {
  const team = await loadManaged(ctx, viewer, id);
  await ctx.store.transaction(async (trx) => {
    const usage = await repo.teamUsage(trx, id);
    if (usage.chats > 0 || usage.tickets > 0) {
      throw new AppError(
        'TEAM_IN_USE',
        `${team.row.name} has ${usage.chats > 0 ? 'chats' : 'tickets'}: archive it instead (PATCH with archived: true)`,
      );
    }
    if (usage.topics > 0) {
      throw new AppError(
        'TEAM_IN_USE',
        `Topics lead to ${team.row.name}: point them to another team or delete them first`,
      );
    }
    const overflowing = await repo.teamsFallingBackTo(trx, id, { includeArchived: true });
    if (overflowing.length > 0) {
      throw new AppError(
        'TEAM_IN_USE',
        `${overflowing.join(', ')} overflow${overflowing.length === 1 ? 's' : ''} to ${team.row.name}: choose another fallback team first`,
      );
    }
    await repo.deleteTeam(trx, id);
  });
}

/** Adds an agent to the team, or sets whether they lead it. */
export async function setTeamMember(
  ctx: ServiceContext,
  viewer: Viewer,
  props: { teamId: string; agentId: string } & TeamMemberBody,
): Promise<TeamRecord> {
  const team = await loadManaged(ctx, viewer, props.teamId);
  if (team.row.archived_at !== null) {
    throw new AppError('TEAM_ARCHIVED', `${team.row.name} is archived`);
  }
  const agent = await findUserById(ctx.store.db, props.agentId);
  if (!agent || agent.is_active !== 1 || !isAgent(agent)) throw notFound('Agent');
  await repo.upsertMember(ctx.store.db, { ...props, now: ctx.clock.now() });
  // A new member may be given the team's waiting chats.
  ctx.routing.kick();
  return (await repo.findTeam(ctx.store.db, props.teamId))!;
}

export async function removeTeamMember(
  ctx: ServiceContext,
  viewer: Viewer,
  props: { teamId: string; agentId: string },
): Promise<TeamRecord> {
  await loadManaged(ctx, viewer, props.teamId);
  if (!(await repo.removeMember(ctx.store.db, props.teamId, props.agentId))) {
    throw notFound('Team member');
  }
  return (await repo.findTeam(ctx.store.db, props.teamId))!;
}

// Quick responses (canned replies): shared ones kept by super admins, a team's by its leads (and
// super admins) for its members, personal ones by each agent, with variables checked when they
// are saved and a shortcut unique within its scope.
import { AppError, forbidden, invalid, notFound } from '../../domain/errors.js';
import {
  isSuperAdmin,
  quickResponsePolicy,
  type QuickResponseFacts,
  type Viewer,
} from '../../domain/policies.js';
import { templateProblems, validVariablesText } from '../../domain/quickResponseTemplate.js';
import type { CreateQuickResponseBody, UpdateQuickResponseBody } from '../../shared/api.js';
import * as repo from '../../storage/repositories/quickResponses.js';
import type { QuickResponseRecord } from '../../storage/repositories/quickResponses.js';
import type { QuickResponseRow } from '../../storage/schema.js';
import { findTeam } from '../../storage/repositories/teams.js';
import { isUniqueViolation } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';
import { assertTeamOpen } from '../teams/openTeam.js';
import { withTeams } from '../teams/teamLeads.js';

/**
 * The shared responses, the caller's own, and those of their teams (every team's for super
 * admins), offered in every chat: the picker puts the chat's own team first.
 */
export async function listQuickResponses(
  ctx: ServiceContext,
  viewer: Viewer,
): Promise<QuickResponseRecord[]> {
  if (!quickResponsePolicy.use(viewer)) throw forbidden('Quick responses are for agents');
  const teamIds = isSuperAdmin(viewer)
    ? 'all'
    : ((await withTeams(ctx.store.db, viewer)).memberTeamIds ?? []);
  return repo.listQuickResponsesFor(ctx.store.db, viewer.id, teamIds);
}

const factsOf = (row: QuickResponseRow): QuickResponseFacts => ({
  ownerId: row.owner_id,
  teamId: row.team_id,
});

const refusal = (scope: QuickResponseFacts) =>
  forbidden(
    scope.ownerId !== null
      ? 'Quick responses are for agents'
      : scope.teamId
        ? "Only the team's leads and super admins manage its quick responses"
        : 'Only super admins manage shared quick responses',
  );

/** The team a response is given to must be open, and the viewer one who keeps its responses. */
async function assertTeamScope(ctx: ServiceContext, viewer: Viewer, teamId: string) {
  await assertTeamOpen(ctx.store.db, teamId);
  const scope = { ownerId: null, teamId };
  if (!quickResponsePolicy.manage(await withTeams(ctx.store.db, viewer), scope)) {
    throw refusal(scope);
  }
}

const braces = (name: string) => `{{${name}}}`;

/** Refuses a text whose `{{…}}` are not all known variables, naming the ones there are. */
function checkVariables(content: string): void {
  const { unknown, malformed } = templateProblems(content);
  if (unknown.length > 0) {
    throw new AppError(
      'UNKNOWN_VARIABLE',
      `content: unknown variable ${unknown.map(braces).join(', ')}; the variables are ${validVariablesText()}`,
      'content',
    );
  }
  if (malformed.length > 0) {
    throw new AppError(
      'MALFORMED_VARIABLE',
      `content: ${malformed[0]} is not a variable; write one as {{customer.firstName}}, from ${validVariablesText()}`,
      'content',
    );
  }
}

const shortcutTaken = (shortcut: string | null | undefined) =>
  new AppError(
    'SHORTCUT_TAKEN',
    `shortcut: another quick response already has /${shortcut ?? ''}`,
    'shortcut',
  );

/** Writes through the shortcut's unique index, which decides between two saves at once. */
async function withUniqueShortcut(shortcut: string | null | undefined, write: () => Promise<void>) {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw shortcutTaken(shortcut);
    throw error;
  }
}

export async function createQuickResponse(
  ctx: ServiceContext,
  viewer: Viewer,
  body: CreateQuickResponseBody,
): Promise<QuickResponseRecord> {
  const teamId = body.teamId ?? null;
  if (teamId !== null && body.shared) {
    throw invalid('teamId', 'a response is shared with every agent or a team’s, not both');
  }
  const ownerId = body.shared || teamId !== null ? null : viewer.id;
  if (teamId !== null) await assertTeamScope(ctx, viewer, teamId);
  else if (!quickResponsePolicy.manage(viewer, { ownerId })) throw refusal({ ownerId });
  checkVariables(body.content);
  const now = ctx.clock.now();
  const row: QuickResponseRow = {
    id: ctx.ids.next(),
    owner_id: ownerId,
    team_id: teamId,
    title: body.title,
    content: body.content,
    category: body.category ?? null,
    shortcut: body.shortcut ?? null,
    created_by: viewer.id,
    created_at: now,
    updated_at: now,
  };
  await withUniqueShortcut(row.shortcut, () => repo.insertQuickResponse(ctx.store.db, row));
  return { row, useCount: 0, team: await teamOf(ctx, teamId) };
}

async function teamOf(ctx: ServiceContext, teamId: string | null) {
  if (teamId === null) return null;
  const team = await findTeam(ctx.store.db, teamId);
  return team ? { id: team.row.id, name: team.row.name } : null;
}

/**
 * Loads a response the viewer may see. Quick responses are for agents: anyone else is refused
 * whatever the id; an agent's response is missing for colleagues, who may not see it.
 */
export async function loadVisible(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<QuickResponseRecord> {
  if (!quickResponsePolicy.use(viewer)) throw forbidden('Quick responses are for agents');
  const record = await repo.findQuickResponse(ctx.store.db, id, viewer.id);
  const known = record?.row.team_id ? await withTeams(ctx.store.db, viewer) : viewer;
  if (!record || !quickResponsePolicy.view(known, factsOf(record.row))) {
    throw notFound('Quick response');
  }
  return record;
}

async function loadManageable(ctx: ServiceContext, viewer: Viewer, id: string) {
  const record = await loadVisible(ctx, viewer, id);
  const known = record.row.team_id ? await withTeams(ctx.store.db, viewer) : viewer;
  if (!quickResponsePolicy.manage(known, factsOf(record.row))) throw refusal(factsOf(record.row));
  return record;
}

export async function updateQuickResponse(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  changes: UpdateQuickResponseBody,
): Promise<QuickResponseRecord> {
  const record = await loadManageable(ctx, viewer, id);
  const { teamId, ...fields } = changes;
  const moved = teamId !== undefined && teamId !== record.row.team_id;
  if (moved) await assertTeamScope(ctx, viewer, teamId);
  if (fields.content !== undefined) checkVariables(fields.content);
  const row: QuickResponseRow = {
    ...record.row,
    ...fields,
    ...(moved ? { owner_id: null, team_id: teamId } : {}),
    updated_at: ctx.clock.now(),
  };
  await withUniqueShortcut(row.shortcut, () =>
    repo.updateQuickResponse(ctx.store.db, id, {
      title: row.title,
      content: row.content,
      category: row.category,
      shortcut: row.shortcut,
      ...(moved ? { owner_id: null, team_id: row.team_id } : {}),
      updated_at: row.updated_at,
    }),
  );
  return { ...record, row, team: moved ? await teamOf(ctx, row.team_id) : record.team };
}

export async function deleteQuickResponse(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<void> {
  await loadManageable(ctx, viewer, id);
  await repo.deleteQuickResponse(ctx.store.db, id);
}

// SLA policies: per priority, first response and resolution targets, for a team or (without a
// team) the whole desk, counted on a business calendar or around the clock. Super admins keep
// them; each is checked by domain/tickets/slaPolicy.ts. A created, changed or deleted policy owes
// the open tickets it may move a recount of their due times (slaRecounts.ts), in batches after
// the edit.
import { AppError, forbidden, invalid, notFound } from '../../domain/errors.js';
import { ticketPolicy, type Viewer } from '../../domain/policies.js';
import { assertSlaPolicy, type SlaPolicy } from '../../domain/tickets/slaPolicy.js';
import type { CreateSlaPolicyBody, UpdateSlaPolicyBody } from '../../shared/ticketSettingsApi.js';
import type { SlaPolicyRow } from '../../storage/schema.js';
import * as repo from '../../storage/repositories/tickets/slaPolicies.js';
import type { SlaPolicyRecord } from '../../storage/repositories/tickets/slaPolicies.js';
import { isUniqueViolation, type Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';
import { assertTeamOpen } from '../teams/openTeam.js';
import { deskPolicyId } from '../../storage/repositories/tickets/slaRecounts.js';
import { owedSlaRecounts } from './slaRecounts.js';

/**
 * The sets of tickets a policy for `teamId` takes over: a team's, those the desk's policy
 * covered (among them the team's), and those no policy covered.
 */
async function takenOver(db: Db, teamId: string | null): Promise<Array<string | null>> {
  const desk = teamId === null ? null : await deskPolicyId(db);
  return desk === null ? [null] : [desk, null];
}

function assertManager(viewer: Viewer): void {
  if (!ticketPolicy.manageSettings(viewer)) throw forbidden('Only super admins keep SLA policies');
}

export function listSlaPolicies(ctx: ServiceContext, viewer: Viewer): Promise<SlaPolicyRecord[]> {
  assertManager(viewer);
  return repo.listSlaPolicies(ctx.store.db);
}

export async function getSlaPolicy(ctx: ServiceContext, viewer: Viewer, id: string) {
  assertManager(viewer);
  const policy = await repo.findSlaPolicy(ctx.store.db, id);
  if (!policy) throw notFound('SLA policy');
  return policy;
}

const taken = (teamId: string | null) =>
  new AppError(
    'SLA_POLICY_EXISTS',
    teamId ? 'This team has an SLA policy already' : 'The desk has a default SLA policy already',
    'teamId',
  );

/** The policy as it would be stored, checked: targets, and a calendar for a business clock. */
async function checked(
  db: Db,
  fields: Pick<SlaPolicyRow, 'team_id' | 'clock' | 'calendar_id' | 'at_risk_fraction'> & {
    targets: SlaPolicy['targets'];
  },
) {
  assertSlaPolicy({
    clock: fields.clock,
    targets: fields.targets,
    atRiskFraction: fields.at_risk_fraction,
  });
  if (fields.clock === 'business' && fields.calendar_id === null) {
    throw invalid('calendarId', 'a business-hours policy needs a calendar');
  }
  if (fields.calendar_id !== null && !(await repo.findCalendar(db, fields.calendar_id))) {
    throw notFound('Calendar');
  }
  if (fields.team_id !== null) await assertTeamOpen(db, fields.team_id);
}

async function guardTaken<T>(teamId: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(teamId);
    throw error;
  }
}

export async function createSlaPolicy(
  ctx: ServiceContext,
  viewer: Viewer,
  body: CreateSlaPolicyBody,
): Promise<SlaPolicyRecord> {
  assertManager(viewer);
  const now = ctx.clock.now();
  const row: SlaPolicyRow = {
    id: ctx.ids.next(),
    name: body.name,
    team_id: body.teamId,
    clock: body.clock,
    calendar_id: body.calendarId,
    targets: JSON.stringify(body.targets),
    at_risk_fraction: body.atRiskFraction,
    created_at: now,
    updated_at: now,
  };
  await guardTaken(body.teamId, () =>
    ctx.store.transaction(async (trx) => {
      await checked(trx, { ...row, targets: body.targets });
      await repo.insertSlaPolicy(trx, row);
      await owedSlaRecounts(trx, ctx, await takenOver(trx, row.team_id));
    }),
  );
  return (await repo.findSlaPolicy(ctx.store.db, row.id))!;
}

export async function updateSlaPolicy(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  body: UpdateSlaPolicyBody,
): Promise<SlaPolicyRecord> {
  assertManager(viewer);
  await guardTaken(body.teamId ?? null, () =>
    ctx.store.transaction(async (trx) => {
      const current = await repo.findSlaPolicy(trx, id);
      if (!current) throw notFound('SLA policy');
      const targets = body.targets ?? current.policy.targets;
      const changes = {
        name: body.name ?? current.row.name,
        team_id: body.teamId === undefined ? current.row.team_id : body.teamId,
        clock: body.clock ?? current.row.clock,
        calendar_id: body.calendarId === undefined ? current.row.calendar_id : body.calendarId,
        targets: JSON.stringify(targets),
        at_risk_fraction: body.atRiskFraction ?? current.row.at_risk_fraction,
        updated_at: ctx.clock.now(),
      };
      await checked(trx, { ...changes, targets });
      await repo.updateSlaPolicy(trx, id, changes);
      // Its own tickets, and when it moved to another team, the tickets it takes over there.
      const moved = changes.team_id !== current.row.team_id;
      const others = moved ? (await takenOver(trx, changes.team_id)).filter((p) => p !== id) : [];
      await owedSlaRecounts(trx, ctx, [id, ...others]);
    }),
  );
  return (await repo.findSlaPolicy(ctx.store.db, id))!;
}

/** The tickets it covered (no policy covers them now) are counted again by whichever does next. */
export async function deleteSlaPolicy(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<void> {
  assertManager(viewer);
  await ctx.store.transaction(async (trx) => {
    if (!(await repo.findSlaPolicy(trx, id))) throw notFound('SLA policy');
    await repo.deleteSlaPolicy(trx, id);
    await owedSlaRecounts(trx, ctx, [null]);
  });
}

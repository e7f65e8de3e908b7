// SLA policies: per priority, first response and resolution targets, for a team or (without a
// team) the whole desk, counted on a business calendar or around the clock. Super admins keep
// them; each is checked by domain/tickets/slaPolicy.ts. A changed policy counts for a ticket
// from its next change that moves its due times.
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
    }),
  );
  return (await repo.findSlaPolicy(ctx.store.db, id))!;
}

/** Tickets it covered show no SLA; their next change counts them by whatever policy covers them then. */
export async function deleteSlaPolicy(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<void> {
  assertManager(viewer);
  if (!(await repo.findSlaPolicy(ctx.store.db, id))) throw notFound('SLA policy');
  await repo.deleteSlaPolicy(ctx.store.db, id);
}

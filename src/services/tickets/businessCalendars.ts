// Business-hours calendars (time zone, weekly shifts, holidays and breaks), kept by super admins
// for the SLA policies that count on them; each is checked by domain/tickets/businessCalendar.ts.
// A changed calendar owes the open tickets of those policies a recount (slaRecounts.ts).
import { AppError, forbidden, notFound } from '../../domain/errors.js';
import { ticketPolicy, type Viewer } from '../../domain/policies.js';
import { assertCalendar, type BusinessCalendar } from '../../domain/tickets/businessCalendar.js';
import type { CreateCalendarBody, UpdateCalendarBody } from '../../shared/ticketSettingsApi.js';
import type { BusinessCalendarRow } from '../../storage/schema.js';
import * as repo from '../../storage/repositories/tickets/slaPolicies.js';
import type { CalendarRecord } from '../../storage/repositories/tickets/slaPolicies.js';
import type { ServiceContext } from '../context.js';
import { policiesOnCalendar } from '../../storage/repositories/tickets/slaRecounts.js';
import { owedSlaRecounts } from './slaRecounts.js';

const onlySuperAdmins = () => forbidden('Only super admins keep business calendars');

function assertManager(viewer: Viewer): void {
  if (!ticketPolicy.manageSettings(viewer)) throw onlySuperAdmins();
}

export function listCalendars(ctx: ServiceContext, viewer: Viewer): Promise<CalendarRecord[]> {
  assertManager(viewer);
  return repo.listCalendars(ctx.store.db);
}

export async function getCalendar(ctx: ServiceContext, viewer: Viewer, id: string) {
  assertManager(viewer);
  const calendar = await repo.findCalendar(ctx.store.db, id);
  if (!calendar) throw notFound('Calendar');
  return calendar;
}

function rowFields(calendar: BusinessCalendar) {
  assertCalendar(calendar);
  return {
    time_zone: calendar.timeZone,
    weekly_hours: JSON.stringify(calendar.weeklyHours),
    holidays: JSON.stringify(calendar.holidays ?? []),
  };
}

export async function createCalendar(
  ctx: ServiceContext,
  viewer: Viewer,
  body: CreateCalendarBody,
): Promise<CalendarRecord> {
  assertManager(viewer);
  const now = ctx.clock.now();
  const row: BusinessCalendarRow = {
    id: ctx.ids.next(),
    name: body.name,
    ...rowFields(body),
    created_at: now,
    updated_at: now,
  };
  await repo.insertCalendar(ctx.store.db, row);
  return { row, calendar: repo.calendarOf(row) };
}

export async function updateCalendar(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  body: UpdateCalendarBody,
): Promise<CalendarRecord> {
  assertManager(viewer);
  return ctx.store.transaction(async (trx) => {
    const current = await repo.findCalendar(trx, id);
    if (!current) throw notFound('Calendar');
    const changes = {
      name: body.name ?? current.row.name,
      ...rowFields({
        timeZone: body.timeZone ?? current.calendar.timeZone,
        weeklyHours: body.weeklyHours ?? current.calendar.weeklyHours,
        holidays: body.holidays ?? current.calendar.holidays ?? [],
      }),
      updated_at: ctx.clock.now(),
    };
    await repo.updateCalendar(trx, id, changes);
    await owedSlaRecounts(trx, ctx, await policiesOnCalendar(trx, id));
    const row = { ...current.row, ...changes };
    return { row, calendar: repo.calendarOf(row) };
  });
}

/** A calendar an SLA policy counts on, or a team's opening hours, stays (409 CALENDAR_IN_USE). */
export async function deleteCalendar(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<void> {
  assertManager(viewer);
  await ctx.store.transaction(async (trx) => {
    const current = await repo.findCalendar(trx, id);
    if (!current) throw notFound('Calendar');
    if ((await repo.countPoliciesOnCalendar(trx, id)) > 0) {
      throw new AppError(
        'CALENDAR_IN_USE',
        `An SLA policy counts on ${current.row.name}: point it at another calendar first`,
      );
    }
    const teams = await repo.teamsOnCalendar(trx, id);
    if (teams.length > 0) {
      throw new AppError(
        'CALENDAR_IN_USE',
        `${current.row.name} is the opening hours of ${teams.join(', ')}: choose other hours for ${teams.length === 1 ? 'it' : 'them'} first`,
      );
    }
    await repo.deleteCalendar(trx, id);
  });
}

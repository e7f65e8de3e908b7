// Queries on SLA policies and business calendars: the desk's settings, read as the domain's
// SlaPolicy and BusinessCalendar, and the policy (with its calendar) that covers a team.
import type {
  BusinessCalendar,
  Holiday,
  Shift,
  Weekday,
} from '../../../domain/tickets/businessCalendar.js';
import type { SlaPolicy, SlaTargets } from '../../../domain/tickets/slaPolicy.js';
import type { Priority } from '../../../shared/vocabulary.js';
import type { BusinessCalendarRow, SlaPolicyRow } from '../../schema.js';
import type { Db } from '../../store.js';
import type { NamedRecord } from '../sessions/sessionRefs.js';

export interface SlaPolicyRecord {
  row: SlaPolicyRow;
  policy: SlaPolicy;
  team: NamedRecord | null;
}

export interface CalendarRecord {
  row: BusinessCalendarRow;
  calendar: BusinessCalendar;
}

export const calendarOf = (row: BusinessCalendarRow): BusinessCalendar => ({
  timeZone: row.time_zone,
  weeklyHours: JSON.parse(row.weekly_hours) as Partial<Record<Weekday, Shift[]>>,
  holidays: JSON.parse(row.holidays) as Holiday[],
});

export const policyOf = (row: SlaPolicyRow): SlaPolicy => ({
  clock: row.clock,
  targets: JSON.parse(row.targets) as Partial<Record<Priority, SlaTargets>>,
  atRiskFraction: row.at_risk_fraction,
});

// ---- calendars ----

export async function listCalendars(db: Db): Promise<CalendarRecord[]> {
  const rows = await db
    .selectFrom('business_calendars')
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ row, calendar: calendarOf(row) }));
}

export async function findCalendar(db: Db, id: string): Promise<CalendarRecord | undefined> {
  const row = await db
    .selectFrom('business_calendars')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { row, calendar: calendarOf(row) };
}

export async function insertCalendar(db: Db, row: BusinessCalendarRow): Promise<void> {
  await db.insertInto('business_calendars').values(row).execute();
}

export async function updateCalendar(
  db: Db,
  id: string,
  changes: Partial<Omit<BusinessCalendarRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('business_calendars').set(changes).where('id', '=', id).execute();
}

export async function deleteCalendar(db: Db, id: string): Promise<void> {
  await db.deleteFrom('business_calendars').where('id', '=', id).execute();
}

/** The names of the teams whose opening hours are the calendar. */
export async function teamsOnCalendar(db: Db, calendarId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('teams')
    .select('name')
    .where('calendar_id', '=', calendarId)
    .orderBy('name')
    .execute();
  return rows.map((row) => row.name);
}

export async function countPoliciesOnCalendar(db: Db, calendarId: string): Promise<number> {
  const row = await db
    .selectFrom('sla_policies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('calendar_id', '=', calendarId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- policies ----

function selectPolicies(db: Db) {
  return db
    .selectFrom('sla_policies as p')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .selectAll('p')
    .select('t.name as team_name');
}

function toPolicyRecord({ team_name, ...row }: SlaPolicyRow & { team_name: string | null }) {
  return {
    row,
    policy: policyOf(row),
    team: row.team_id && team_name !== null ? { id: row.team_id, name: team_name } : null,
  };
}

/** The desk's policy first, then the teams' by team name. */
export async function listSlaPolicies(db: Db): Promise<SlaPolicyRecord[]> {
  const rows = await selectPolicies(db)
    .orderBy((eb) => eb.case().when('p.team_id', 'is', null).then(0).else(1).end())
    .orderBy('t.name')
    .orderBy('p.id')
    .execute();
  return rows.map(toPolicyRecord);
}

export async function findSlaPolicy(db: Db, id: string): Promise<SlaPolicyRecord | undefined> {
  const row = await selectPolicies(db).where('p.id', '=', id).executeTakeFirst();
  return row && toPolicyRecord(row);
}

export async function insertSlaPolicy(db: Db, row: SlaPolicyRow): Promise<void> {
  await db.insertInto('sla_policies').values(row).execute();
}

export async function updateSlaPolicy(
  db: Db,
  id: string,
  changes: Partial<Omit<SlaPolicyRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('sla_policies').set(changes).where('id', '=', id).execute();
}

export async function deleteSlaPolicy(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sla_policies').where('id', '=', id).execute();
}

/**
 * The policy covering a ticket of `teamId`: the team's own, else the desk's (team_id null), with
 * its calendar; null when neither exists.
 */
export async function policyForTeam(
  db: Db,
  teamId: string | null,
): Promise<{ row: SlaPolicyRow; policy: SlaPolicy; calendar: BusinessCalendar | null } | null> {
  let query = db.selectFrom('sla_policies').selectAll();
  query = teamId
    ? query.where((eb) => eb.or([eb('team_id', '=', teamId), eb('team_id', 'is', null)]))
    : query.where('team_id', 'is', null);
  const rows = await query.execute();
  const row = rows.find((r) => r.team_id !== null) ?? rows[0];
  if (!row) return null;
  const calendar = row.calendar_id ? await findCalendar(db, row.calendar_id) : undefined;
  return { row, policy: policyOf(row), calendar: calendar?.calendar ?? null };
}

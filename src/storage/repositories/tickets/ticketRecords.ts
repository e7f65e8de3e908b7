// Tickets as presented: each row with its people, team, tags, custom field values, the tickets it
// links to (merged into, follow-up of), its chats and its survey, looked up in one query per kind
// for a page.
import type { CustomFieldValues } from '../../../domain/tickets/customFields.js';
import type { TicketRow, TicketSurveyRow } from '../../schema.js';
import type { Db } from '../../store.js';
import type { PersonRecord } from '../people.js';
import type { NamedRecord } from '../sessions/sessionRefs.js';
import { fieldValuesByTicket } from './ticketFields.js';
import { chatIdsByTicket, findTicketRow, tagsByTicket } from './tickets.js';
import { surveysByTicket } from './ticketSurveys.js';

export interface TicketRefRecord {
  id: string;
  number: number;
}

export interface TicketRecord {
  row: TicketRow;
  requester: PersonRecord;
  assignee: PersonRecord | null;
  team: NamedRecord | null;
  tags: string[];
  fields: CustomFieldValues;
  mergedInto: TicketRefRecord | null;
  followUpOf: TicketRefRecord | null;
  chatIds: string[];
  /** The survey mailed when it was first solved, answered or not. */
  survey: TicketSurveyRow | null;
}

const idsOf = (values: ReadonlyArray<string | null>) => [
  ...new Set(values.filter((v): v is string => v !== null)),
];

/** The records of `rows`, in their order. */
export async function ticketRecords(db: Db, rows: readonly TicketRow[]): Promise<TicketRecord[]> {
  if (rows.length === 0) return [];
  const ticketIds = rows.map((r) => r.id);
  const personIds = idsOf(rows.flatMap((r) => [r.requester_id, r.assignee_id]));
  const teamIds = idsOf(rows.map((r) => r.team_id));
  const linkedIds = idsOf(rows.flatMap((r) => [r.merged_into, r.follow_up_of]));
  const [people, teams, linked, tags, fields, chats, surveys] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'role'])
      .where('id', 'in', personIds)
      .execute(),
    teamIds.length === 0
      ? []
      : db.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute(),
    linkedIds.length === 0
      ? []
      : db.selectFrom('tickets').select(['id', 'number']).where('id', 'in', linkedIds).execute(),
    tagsByTicket(db, ticketIds),
    fieldValuesByTicket(db, ticketIds),
    chatIdsByTicket(db, ticketIds),
    surveysByTicket(db, ticketIds),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const team = new Map(teams.map((t) => [t.id, t]));
  const ref = new Map(linked.map((t) => [t.id, { id: t.id, number: Number(t.number) }]));
  return rows.map((row) => ({
    row,
    requester: person.get(row.requester_id)!,
    assignee: (row.assignee_id && person.get(row.assignee_id)) || null,
    team: (row.team_id && team.get(row.team_id)) || null,
    tags: tags.get(row.id) ?? [],
    fields: fields.get(row.id) ?? {},
    mergedInto: (row.merged_into && ref.get(row.merged_into)) || null,
    followUpOf: (row.follow_up_of && ref.get(row.follow_up_of)) || null,
    chatIds: chats.get(row.id) ?? [],
    survey: surveys.get(row.id) ?? null,
  }));
}

export async function findTicketRecord(db: Db, id: string): Promise<TicketRecord | undefined> {
  const row = await findTicketRow(db, id);
  return row && (await ticketRecords(db, [row]))[0];
}

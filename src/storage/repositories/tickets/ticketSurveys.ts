// The surveys of solved tickets: written with the solve, found by their token's hash, answered
// once (the update only takes a row still unanswered, so two answers at once cannot both land).
import type { TicketSurveyRow } from '../../schema.js';
import type { Db } from '../../store.js';

export async function insertTicketSurvey(db: Db, row: TicketSurveyRow): Promise<void> {
  await db.insertInto('ticket_surveys').values(row).execute();
}

export async function ticketHasSurvey(db: Db, ticketId: string): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_surveys')
    .select('ticket_id')
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  return row !== undefined;
}

export interface TicketSurveyRecord {
  row: TicketSurveyRow;
  ticket: { number: number; subject: string };
}

export async function findTicketSurveyByHash(
  db: Db,
  tokenHash: string,
): Promise<TicketSurveyRecord | null> {
  const row = await db
    .selectFrom('ticket_surveys as s')
    .innerJoin('tickets as t', 't.id', 's.ticket_id')
    .selectAll('s')
    .select(['t.number', 't.subject'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const { number, subject, ...survey } = row;
  return { row: survey, ticket: { number, subject } };
}

/** The surveys of these tickets (those that have one), for their pages. */
export async function surveysByTicket(
  db: Db,
  ticketIds: readonly string[],
): Promise<Map<string, TicketSurveyRow>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('ticket_surveys')
    .selectAll()
    .where('ticket_id', 'in', [...ticketIds])
    .execute();
  return new Map(rows.map((row) => [row.ticket_id, row]));
}

/** Records the answer if the survey is still unanswered; false when another answer came first. */
export async function answerTicketSurveyRow(
  db: Db,
  ticketId: string,
  answer: { rating: number; comment: string | null; answeredAt: number },
): Promise<boolean> {
  const result = await db
    .updateTable('ticket_surveys')
    .set({ rating: answer.rating, comment: answer.comment, answered_at: answer.answeredAt })
    .where('ticket_id', '=', ticketId)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

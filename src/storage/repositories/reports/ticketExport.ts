// The raw tickets of a range for the CSV export, one page at a time in (created_at, id) order
// (the tickets_created index), so an export of a year never holds more than one page.
import type { SlaState } from '../../../domain/tickets/slaStatus.js';
import type { Priority, TicketChannel, TicketStatus } from '../../../shared/vocabulary.js';
import type { Db } from '../../store.js';

export interface ExportedTicket {
  id: string;
  number: number;
  createdAt: number;
  subject: string;
  requesterName: string | null;
  requesterEmail: string | null;
  teamName: string | null;
  assigneeName: string | null;
  status: TicketStatus;
  priority: Priority;
  channel: TicketChannel;
  firstRespondedAt: number | null;
  solvedAt: number | null;
  firstResponseBusinessMs: number | null;
  resolutionBusinessMs: number | null;
  firstResponseState: SlaState | null;
  resolutionState: SlaState | null;
  rating: number | null;
}

export interface TicketExportPageFilter {
  /** [from, to) in epoch milliseconds, on the creation time. */
  from: number;
  to: number;
  /** Only these teams' tickets (their current team); every ticket when null. */
  teamIds: readonly string[] | null;
  /** The last ticket of the page before. */
  after?: { createdAt: number; id: string } | undefined;
  limit: number;
}

export async function ticketExportPage(
  db: Db,
  filter: TicketExportPageFilter,
): Promise<ExportedTicket[]> {
  let query = db
    .selectFrom('tickets as t')
    .leftJoin('users as r', 'r.id', 't.requester_id')
    .leftJoin('teams as m', 'm.id', 't.team_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .leftJoin('ticket_surveys as s', 's.ticket_id', 't.id')
    .select([
      't.id',
      't.number',
      't.created_at',
      't.subject',
      'r.name as requester_name',
      'r.email as requester_email',
      'm.name as team_name',
      'a.name as assignee_name',
      't.status',
      't.priority',
      't.channel',
      't.first_responded_at',
      't.solved_at',
      't.first_response_business_ms',
      't.resolution_business_ms',
      't.first_response_state',
      't.resolution_state',
      's.rating',
    ])
    .where('t.created_at', '>=', filter.from)
    .where('t.created_at', '<', filter.to);
  if (filter.teamIds !== null) {
    query = query.where('t.team_id', 'in', filter.teamIds.length > 0 ? [...filter.teamIds] : ['']);
  }
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('t.created_at', '>', after.createdAt),
        eb.and([eb('t.created_at', '=', after.createdAt), eb('t.id', '>', after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('t.created_at').orderBy('t.id').limit(filter.limit).execute();
  const ms = (value: number | null) => (value === null ? null : Number(value));
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    createdAt: Number(row.created_at),
    subject: row.subject,
    requesterName: row.requester_name,
    requesterEmail: row.requester_email,
    teamName: row.team_name,
    assigneeName: row.assignee_name,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    firstRespondedAt: ms(row.first_responded_at),
    solvedAt: ms(row.solved_at),
    firstResponseBusinessMs: ms(row.first_response_business_ms),
    resolutionBusinessMs: ms(row.resolution_business_ms),
    firstResponseState: row.first_response_state,
    resolutionState: row.resolution_state,
    rating: row.rating,
  }));
}

// The raw tickets of a range as CSV records, read page by page (ticketExport.ts in storage) and
// yielded one by one, so the route streams them and no export holds more than a page. Same
// authorization and range as the ticket report; one row per ticket created in the range.
import { forbidden } from '../../domain/errors.js';
import { reportPolicy, type Viewer } from '../../domain/policies.js';
import {
  ticketExportPage,
  type ExportedTicket,
} from '../../storage/repositories/reports/ticketExport.js';
import type { ServiceContext } from '../context.js';
import { withLeadTeams } from '../teams/teamLeads.js';
import { hourRange, REFUSED, reportTeams } from './reportScope.js';

/** The CSV's columns, in order (docs/reports.md, "CSV export"). */
export const TICKET_EXPORT_COLUMNS = [
  'number',
  'created',
  'subject',
  'requester',
  'requester_email',
  'team',
  'assignee',
  'status',
  'priority',
  'channel',
  'first_response_s',
  'resolution_s',
  'first_response_business_s',
  'resolution_business_s',
  'first_response_sla',
  'resolution_sla',
  'rating',
] as const;
export type TicketExportRecord = Record<
  (typeof TICKET_EXPORT_COLUMNS)[number],
  string | number | null
>;

const PAGE = 500;

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
const since = (start: number, end: number | null) =>
  end === null ? null : seconds(Math.max(0, end - start));

export function ticketRecordOf(ticket: ExportedTicket): TicketExportRecord {
  return {
    number: ticket.number,
    created: new Date(ticket.createdAt).toISOString(),
    subject: ticket.subject,
    requester: ticket.requesterName,
    requester_email: ticket.requesterEmail,
    team: ticket.teamName,
    assignee: ticket.assigneeName,
    status: ticket.status,
    priority: ticket.priority,
    channel: ticket.channel,
    first_response_s: since(ticket.createdAt, ticket.firstRespondedAt),
    // The last solve: a reopened ticket has none until it is solved again.
    resolution_s: since(ticket.createdAt, ticket.solvedAt),
    first_response_business_s: seconds(ticket.firstResponseBusinessMs),
    resolution_business_s: seconds(ticket.resolutionBusinessMs),
    first_response_sla: ticket.firstResponseState,
    resolution_sla: ticket.resolutionState,
    rating: ticket.rating,
  };
}

export interface TicketExportProps {
  viewer: Viewer;
  from: number;
  to: number;
  teamId?: string | undefined;
}

/**
 * Checks who asks and the range first (so a refusal is an error reply, not a broken download),
 * then gives the records to stream.
 */
export async function ticketExport(
  ctx: ServiceContext,
  props: TicketExportProps,
): Promise<{ from: number; to: number; records: AsyncIterable<TicketExportRecord> }> {
  const db = ctx.store.reportDb;
  const viewer = await withLeadTeams(db, props.viewer);
  if (!reportPolicy.view(viewer)) throw forbidden(REFUSED);
  const { from, to } = hourRange(props.from, props.to);
  const teamIds = await reportTeams(db, viewer, props.teamId);
  async function* records(): AsyncGenerator<TicketExportRecord> {
    let after: { createdAt: number; id: string } | undefined;
    for (;;) {
      const page = await ticketExportPage(db, { from, to, teamIds, after, limit: PAGE });
      for (const ticket of page) yield ticketRecordOf(ticket);
      const last = page.at(-1);
      if (!last || page.length < PAGE) return;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }
  return { from, to, records: records() };
}

// The ticket report and the raw tickets as CSV, beside the chat reports under /reports
// (docs/reports.md, "Ticket metrics", "CSV export").
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { boundOf } from '../../domain/reports/deskTime.js';
import type { ServiceContext } from '../../services/context.js';
import { ticketExport, TICKET_EXPORT_COLUMNS } from '../../services/reports/ticketExport.js';
import { ticketReport } from '../../services/reports/ticketReport.js';
import { ReportRangeQuery } from '../../shared/reportsApi.js';
import { TicketReport, TicketReportQuery } from '../../shared/ticketReportsApi.js';
import { callerOf, errorResponses } from './common.js';
import { csvFileName, csvResponse, sendCsv } from './csvDownload.js';

const iso = (ms: number) => new Date(ms).toISOString();

export const ticketReportRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/tickets',
    {
      schema: {
        tags: ['reports'],
        operationId: 'ticketReport',
        summary: 'Ticket metrics over a range',
        description:
          "Created, solved and reopened tickets, the backlog at the end of each day, first response and resolution times (calendar and business hours: exact mean, median and 90th percentile) and SLA achievement per target. Super admins see every ticket or one team's; a team lead the teams they lead (another team is a 403). Dates are whole days in DESK_TIME_ZONE. Read from the tickets, no lag. Definitions: docs/reports.md.",
        querystring: TicketReportQuery,
        response: { 200: TicketReport, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { viewer } = callerOf(ctx, request);
      const { query } = request;
      const report = await ticketReport(ctx, {
        viewer,
        from: boundOf(query.from, 'from', ctx.settings.timeZone),
        to: boundOf(query.to, 'to', ctx.settings.timeZone),
        teamId: query.teamId,
        priority: query.priority,
        channel: query.channel,
      });
      return { ...report, from: iso(report.from), to: iso(report.to) };
    },
  );

  app.get(
    '/tickets.csv',
    {
      schema: {
        tags: ['reports'],
        operationId: 'exportTickets',
        summary: 'The raw tickets of a range as CSV',
        description: `One row per ticket created in the range, oldest first, streamed as it is read by pages (a year is never held in memory): ${TICKET_EXPORT_COLUMNS.join(', ')}. Durations in seconds (one decimal); the SLA columns are each target's state; rating is the answer to the ticket's survey. A download (\`Content-Disposition: attachment\`). The callers of the ticket report: super admins every ticket or one team's, a team lead the teams they lead (another team is a 403). Dates are whole days in DESK_TIME_ZONE.`,
        querystring: ReportRangeQuery,
        response: { 200: csvResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { viewer } = callerOf(ctx, request);
      const { query } = request;
      const exported = await ticketExport(ctx, {
        viewer,
        from: boundOf(query.from, 'from', ctx.settings.timeZone),
        to: boundOf(query.to, 'to', ctx.settings.timeZone),
        teamId: query.teamId,
      });
      return sendCsv(request, reply, {
        fileName: csvFileName('tickets', exported),
        columns: TICKET_EXPORT_COLUMNS,
        records: exported.records,
      });
    },
  );
};

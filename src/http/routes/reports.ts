// Reports: chat metrics over a range of hours, for super admins and team leads (docs/reports.md).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChatReport, ChatReportQuery } from '../../shared/reportsApi.js';
import type { ServiceContext } from '../../services/context.js';
import { chatReport } from '../../services/reports/chatReport.js';
import { callerOf, errorResponses } from './common.js';

export const reportRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/chats',
    {
      schema: {
        tags: ['reports'],
        operationId: 'chatReport',
        summary: 'Chat metrics over a range',
        description:
          'Volume, wait, first response and handle time (mean, and median and 90th percentile from fixed bins), abandoned and unanswered chats, transfers, ratings and CSAT of the chats started in the range, from the hourly rollups (which lag the chats by about one housekeeping period). Super admins see every chat or one team; a team lead sees the teams they lead (all of them, or one): another team is a 403 whatever its id. Definitions: docs/reports.md.',
        querystring: ChatReportQuery,
        response: { 200: ChatReport, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { viewer } = callerOf(ctx, request);
      const { from, to, teamId } = request.query;
      const report = await chatReport(ctx, {
        viewer,
        from: Date.parse(from),
        to: Date.parse(to),
        teamId,
      });
      return {
        from: new Date(report.from).toISOString(),
        to: new Date(report.to).toISOString(),
        teamIds: report.teamIds,
        ...report.metrics,
      };
    },
  );
};

// The survey of a solved ticket, by its mailed link: anyone holding the link reads and answers
// it, signed in or not (the link is the credential). docs/reports.md, "Surveys".
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/context.js';
import {
  answerTicketSurvey,
  readTicketSurvey,
} from '../../services/surveys/ticketSurveyAnswerer.js';
import {
  AnswerTicketSurveyBody,
  TicketSurvey,
  TicketSurveyParams,
} from '../../shared/ticketSurveysApi.js';
import type { TicketSurveyRecord } from '../../storage/repositories/tickets/ticketSurveys.js';
import { errorResponses } from './common.js';

const tags = ['surveys'];
const iso = (ms: number) => new Date(ms).toISOString();

function presentTicketSurvey(
  survey: TicketSurveyRecord & { state: TicketSurvey['state'] },
): TicketSurvey {
  const { row } = survey;
  return {
    ticket: { number: survey.ticket.number, subject: survey.ticket.subject },
    state: survey.state,
    expiresAt: iso(row.expires_at),
    answer:
      row.answered_at === null || row.rating === null
        ? null
        : { rating: row.rating, comment: row.comment, answeredAt: iso(row.answered_at) },
  };
}

export const ticketSurveyRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/:token',
    {
      schema: {
        tags,
        operationId: 'readTicketSurvey',
        summary: 'The survey of a solved ticket, by its mailed link',
        description:
          'No sign-in: the token of the survey mail’s link is the credential. The ticket’s number and subject, whether the survey may still be answered (the link works 30 days after the solve, once), and the answer if given. 404 for a token nobody made; limited per client address (429).',
        params: TicketSurveyParams,
        response: { 200: TicketSurvey, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) =>
      presentTicketSurvey(
        await readTicketSurvey(ctx, { token: request.params.token, ip: request.ip ?? null }),
      ),
  );

  app.post(
    '/:token',
    {
      schema: {
        tags,
        operationId: 'answerTicketSurvey',
        summary: 'Answer the survey of a solved ticket: 1-5 and a comment, once',
        description:
          'No sign-in: the link’s token is the credential. Attributed to the assignee and team the ticket had when solved; counted in the ticket report’s satisfaction. 409 `SURVEY_ALREADY_ANSWERED` after the first answer, 410 `SURVEY_EXPIRED` after 30 days, 404 for a token nobody made; limited per client address (429).',
        params: TicketSurveyParams,
        body: AnswerTicketSurveyBody,
        response: { 200: TicketSurvey, ...errorResponses(400, 404, 409, 410, 429) },
      },
    },
    async (request) =>
      presentTicketSurvey(
        await answerTicketSurvey(ctx, {
          token: request.params.token,
          ip: request.ip ?? null,
          answer: request.body,
        }),
      ),
  );
};

// Surveys after a chat: the questions (read by anyone signed in, set by super admins), a
// customer's answers for their ended chat, and the survey report. docs/reports.md, "Surveys".
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { boundOf } from '../../domain/reports/deskTime.js';
import type { ServiceContext } from '../../services/context.js';
import { surveyReport } from '../../services/reports/surveyReport.js';
import { answerChatSurvey } from '../../services/surveys/chatSurveyAnswerer.js';
import { listSurveyQuestions, setSurveyQuestions } from '../../services/surveys/surveyQuestions.js';
import { ChatReportQuery } from '../../shared/reportsApi.js';
import {
  AnswerSurveyBody,
  SetSurveyQuestionsBody,
  SurveyAnswers,
  SurveyQuestionList,
  SurveyReport,
} from '../../shared/surveysApi.js';
import { callerOf, errorResponses, IdParams } from './common.js';

const tags = ['surveys'];

export const surveyRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/survey-questions',
    {
      schema: {
        tags,
        operationId: 'listSurveyQuestions',
        summary: 'The questions asked after a chat',
        description:
          'Anyone signed in: the questions (at most three, each answered 1 to 5) a customer is asked after a chat, besides the rating and its comment.',
        response: { 200: SurveyQuestionList, ...errorResponses(401) },
      },
    },
    async (request) => {
      callerOf(ctx, request);
      return { items: await listSurveyQuestions(ctx.store.db) };
    },
  );

  app.put(
    '/survey-questions',
    {
      schema: {
        tags,
        operationId: 'setSurveyQuestions',
        summary: 'Set the questions asked after a chat',
        description:
          'Super admins only: the questions in order, at most three. A question sent with its `id` is kept (with its answers); one without is new; those left out are no longer asked, and their answers still count in the survey report.',
        body: SetSurveyQuestionsBody,
        response: { 200: SurveyQuestionList, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { viewer } = callerOf(ctx, request);
      return { items: await setSurveyQuestions(ctx, viewer, request.body) };
    },
  );

  app.post(
    '/sessions/:id/survey',
    {
      schema: {
        tags,
        operationId: 'answerChatSurvey',
        summary: 'Answer the survey questions of an ended chat; once',
        description:
          'The customer only, once the chat has ended: answers (1-5) to questions asked now, attributed to the agent and team the chat ended with. 409 `SESSION_NOT_ENDED` before, `SURVEY_ALREADY_ANSWERED` after the first answers. The rating and its comment go to `rateSession`.',
        params: IdParams,
        body: AnswerSurveyBody,
        response: { 201: SurveyAnswers, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { viewer } = callerOf(ctx, request);
      const answers = await answerChatSurvey(ctx, {
        viewer,
        sessionId: request.params.id,
        answers: request.body.answers,
      });
      return reply.code(201).send(answers);
    },
  );

  app.get(
    '/reports/surveys',
    {
      schema: {
        tags: ['reports'],
        operationId: 'surveyReport',
        summary: 'Survey answers and rating comments over a range',
        description:
          'For the chats started in the range: each survey question with its number of answers and mean (questions no longer asked included while they have answers), and the newest 50 rating comments. Super admins see every chat or one team; a team lead the teams they lead: another team is a 403. Dates are whole days in DESK_TIME_ZONE. `agentId` (the agent an answer is attributed to), `topicId` and `priority` narrow the chats counted. CSAT is in `chatReport`.',
        querystring: ChatReportQuery,
        response: { 200: SurveyReport, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { viewer } = callerOf(ctx, request);
      const { query } = request;
      return surveyReport(ctx, {
        viewer,
        from: boundOf(query.from, 'from', ctx.settings.timeZone),
        to: boundOf(query.to, 'to', ctx.settings.timeZone),
        teamId: query.teamId,
        agentId: query.agentId,
        topicId: query.topicId,
        priority: query.priority,
      });
    },
  );
};

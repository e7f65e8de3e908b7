// A requester's answer to the survey of their solved ticket, by the mailed link, signed in or
// not: the link's secret finds the survey (by its SHA-256), the page shows the ticket's number
// and subject, and the answer (1-5 and a comment) is taken once, before the link expires.
// Both reads and answers are limited per client address (domain/tickets/ticketSurvey.ts).
import { AppError, notFound, rateLimited } from '../../domain/errors.js';
import { TICKET_SURVEY_LIMITS, ticketSurveyState } from '../../domain/tickets/ticketSurvey.js';
import type { AnswerTicketSurveyBody } from '../../shared/ticketSurveysApi.js';
import * as limits from '../../storage/repositories/rateLimits.js';
import {
  answerTicketSurveyRow,
  findTicketSurveyByHash,
  type TicketSurveyRecord,
} from '../../storage/repositories/tickets/ticketSurveys.js';
import { hashAccountToken } from '../accounts/accountTokens.js';
import type { ServiceContext } from '../context.js';

export const surveyAlreadyAnswered = () =>
  new AppError('SURVEY_ALREADY_ANSWERED', 'This survey was answered already: thank you');
const surveyExpired = () =>
  new AppError('SURVEY_EXPIRED', 'This survey link is too old to answer now');

/** Counts one use of a survey link from `ip` and refuses it (429) over the limit. */
async function admit(ctx: ServiceContext, ip: string | null): Promise<void> {
  if (!ip) return;
  const { perClient, windowMs } = TICKET_SURVEY_LIMITS;
  const now = ctx.clock.now();
  const hit = await limits.hit(ctx.store.db, `ticket-survey:${ip}`, now, windowMs);
  if (hit.count > perClient) {
    throw rateLimited('Too many survey requests; try again later', hit.resetAt - now);
  }
}

/** The survey behind a link (404 for a link nobody made), after counting the request. */
export async function readTicketSurvey(
  ctx: ServiceContext,
  props: { token: string; ip: string | null },
): Promise<TicketSurveyRecord & { state: ReturnType<typeof ticketSurveyState> }> {
  await admit(ctx, props.ip);
  const survey = await findTicketSurveyByHash(ctx.store.db, hashAccountToken(props.token));
  if (!survey) throw notFound('Survey');
  return { ...survey, state: ticketSurveyState(survey.row, ctx.clock.now()) };
}

/** Takes the answer once: 409 SURVEY_ALREADY_ANSWERED after, 410 SURVEY_EXPIRED too late. */
export async function answerTicketSurvey(
  ctx: ServiceContext,
  props: { token: string; ip: string | null; answer: AnswerTicketSurveyBody },
): Promise<TicketSurveyRecord & { state: 'answered' }> {
  const survey = await readTicketSurvey(ctx, props);
  if (survey.state === 'answered') throw surveyAlreadyAnswered();
  if (survey.state === 'expired') throw surveyExpired();
  const answer = {
    rating: props.answer.rating,
    comment: props.answer.comment ?? null,
    answeredAt: ctx.clock.now(),
  };
  // Two answers at once: the update takes only an unanswered row, so the second one is refused.
  if (!(await answerTicketSurveyRow(ctx.store.db, survey.row.ticket_id, answer))) {
    throw surveyAlreadyAnswered();
  }
  return {
    ticket: survey.ticket,
    row: {
      ...survey.row,
      rating: answer.rating,
      comment: answer.comment,
      answered_at: answer.answeredAt,
    },
    state: 'answered',
  };
}

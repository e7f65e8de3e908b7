// The survey of a solved ticket, opened by its mailed link without signing in
// (`/api/v1/ticket-surveys/:token`), as zod schemas. docs/reports.md, "Surveys".
import { z } from 'zod';
import { isoTime, text } from './api.js';
import { LIMITS } from './vocabulary.js';

export const TicketSurveyParams = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be the token of a survey link')
    .describe('the token of the link in the survey mail'),
});

export const TICKET_SURVEY_STATES = ['open', 'answered', 'expired'] as const;

export const TicketSurvey = z.object({
  ticket: z.object({ number: z.number().int(), subject: z.string() }),
  state: z
    .enum(TICKET_SURVEY_STATES)
    .describe('open: it may be answered; answered (once only); expired: the link is too old'),
  expiresAt: isoTime,
  answer: z
    .object({ rating: z.number().int(), comment: z.string().nullable(), answeredAt: isoTime })
    .nullable(),
});
export type TicketSurvey = z.infer<typeof TicketSurvey>;

export const AnswerTicketSurveyBody = z.object({
  rating: z.number().int().min(1).max(5).describe('1 (poor) to 5 (excellent)'),
  comment: text(LIMITS.feedback).optional(),
});
export type AnswerTicketSurveyBody = z.infer<typeof AnswerTicketSurveyBody>;

/** The survey's answer as the ticket's page shows it to the desk. */
export const TicketSatisfaction = z
  .object({
    rating: z.number().int().nullable().describe('null: mailed, not answered (yet)'),
    comment: z.string().nullable(),
    answeredAt: isoTime.nullable(),
    surveyedAt: isoTime.describe('when the survey was mailed (the first solve)'),
    expiresAt: isoTime,
  })
  .nullable();
export type TicketSatisfaction = z.infer<typeof TicketSatisfaction>;

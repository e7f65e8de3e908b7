// Surveys after a chat as zod schemas (docs/reports.md, "Surveys"): the questions a super admin
// sets, a customer's answers, and the survey report.
import { z } from 'zod';
import { Id, isoTime, text } from './api.js';
import { MAX_SURVEY_QUESTIONS, SURVEY_QUESTION_LENGTH } from './vocabulary.js';

export { MAX_SURVEY_QUESTIONS, SURVEY_QUESTION_LENGTH };
/** Comments the survey report lists, newest first. */
export const SURVEY_COMMENT_LIMIT = 50;

export const SurveyQuestion = z.object({
  id: Id,
  text: z.string(),
  position: z.number().int().describe('0 for the first question'),
});
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const SurveyQuestionList = z.object({ items: z.array(SurveyQuestion) });
export type SurveyQuestionList = z.infer<typeof SurveyQuestionList>;

export const SetSurveyQuestionsBody = z.object({
  questions: z
    .array(
      z.object({
        id: Id.optional().describe(
          'a question kept (its answers stay with it); omit for a new one',
        ),
        text: text(SURVEY_QUESTION_LENGTH),
      }),
    )
    .max(MAX_SURVEY_QUESTIONS, `must be at most ${MAX_SURVEY_QUESTIONS} questions`)
    .describe('the questions in order; those left out are removed (their answers stay counted)'),
});
export type SetSurveyQuestionsBody = z.infer<typeof SetSurveyQuestionsBody>;

export const AnswerSurveyBody = z.object({
  answers: z
    .array(z.object({ questionId: Id, value: z.number().int().min(1).max(5) }))
    .min(1, 'must answer at least one question')
    .max(MAX_SURVEY_QUESTIONS),
});
export type AnswerSurveyBody = z.infer<typeof AnswerSurveyBody>;

export const SurveyAnswers = z.object({
  sessionId: Id,
  answers: z.array(z.object({ questionId: Id, value: z.number().int() })),
  answeredAt: isoTime,
});
export type SurveyAnswers = z.infer<typeof SurveyAnswers>;

export const SurveyReport = z.object({
  from: isoTime,
  to: isoTime,
  teamIds: z.array(Id).nullable().describe('the teams counted; null: every chat'),
  questions: z.array(
    z.object({
      id: Id,
      text: z.string(),
      removed: z.boolean().describe('no longer asked; its answers still count'),
      answers: z.number().int(),
      average: z.number().nullable().describe('mean answer, 1 to 5; null without answers'),
    }),
  ),
  comments: z
    .array(
      z.object({
        sessionId: Id,
        rating: z.number().int(),
        comment: z.string(),
        ratedAt: isoTime,
        agentName: z.string().nullable(),
        teamId: Id.nullable(),
      }),
    )
    .describe(`the newest ${SURVEY_COMMENT_LIMIT} rating comments of chats started in the range`),
});
export type SurveyReport = z.infer<typeof SurveyReport>;

// The questions asked after a chat (besides the rating and its comment): read by anyone signed in,
// set by super admins, at most three. A question left out is archived, not deleted, so its answers
// still count in the reports; a kept question keeps its id and its answers.
import { forbidden, invalid } from '../../domain/errors.js';
import { isSuperAdmin, type Viewer } from '../../domain/policies.js';
import type { SetSurveyQuestionsBody, SurveyQuestion } from '../../shared/surveysApi.js';
import {
  activeSurveyQuestions,
  insertSurveyQuestion,
  updateSurveyQuestion,
  type SurveyQuestionRow,
} from '../../storage/repositories/surveys.js';
import type { Db } from '../../storage/store.js';
import { commit, type ServiceContext } from '../context.js';

export const presentSurveyQuestion = (row: SurveyQuestionRow): SurveyQuestion => ({
  id: row.id,
  text: row.text,
  position: Number(row.position),
});

export async function listSurveyQuestions(db: Db): Promise<SurveyQuestion[]> {
  return (await activeSurveyQuestions(db)).map(presentSurveyQuestion);
}

export async function setSurveyQuestions(
  ctx: ServiceContext,
  viewer: Viewer,
  body: SetSurveyQuestionsBody,
): Promise<SurveyQuestion[]> {
  if (!isSuperAdmin(viewer)) throw forbidden('Only super admins set the survey questions');
  return commit(ctx, async (trx) => {
    const now = ctx.clock.now();
    const current = new Map((await activeSurveyQuestions(trx)).map((row) => [row.id, row]));
    const kept = new Set<string>();
    for (const [position, question] of body.questions.entries()) {
      if (question.id === undefined) {
        await insertSurveyQuestion(trx, {
          id: ctx.ids.next(),
          text: question.text,
          position,
          created_at: now,
          updated_at: now,
          archived_at: null,
        });
        continue;
      }
      if (!current.has(question.id) || kept.has(question.id)) {
        throw invalid(`questions.${position}.id`, 'is not a question asked now');
      }
      kept.add(question.id);
      await updateSurveyQuestion(trx, question.id, {
        text: question.text,
        position,
        updated_at: now,
      });
    }
    for (const id of current.keys()) {
      if (!kept.has(id)) await updateSurveyQuestion(trx, id, { archived_at: now, updated_at: now });
    }
    return (await activeSurveyQuestions(trx)).map(presentSurveyQuestion);
  });
}

// The customer answers the survey questions of their ended chat, once, each on a scale of 1 to 5.
// The answers are attributed to the agent and team the chat had when it ended, so that the reports
// keep them there whatever happens to the chat or the agent later.
import { AppError, invalid } from '../../domain/errors.js';
import { sessionPolicy, type Viewer } from '../../domain/policies.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import type { AnswerSurveyBody, SurveyAnswers } from '../../shared/surveysApi.js';
import {
  activeSurveyQuestions,
  insertSurveyAnswers,
  surveyAnswersOf,
} from '../../storage/repositories/surveys.js';
import { commit, type ServiceContext } from '../context.js';
import { loadSessionFor } from '../sessions/sessionAccess.js';

const ALREADY = 'This chat’s survey has already been answered';

export function answerChatSurvey(
  ctx: ServiceContext,
  props: { viewer: Viewer; sessionId: string; answers: AnswerSurveyBody['answers'] },
): Promise<SurveyAnswers> {
  const { viewer, sessionId } = props;
  return commit(ctx, async (trx) => {
    const { record } = await loadSessionFor(trx, viewer, sessionId, {
      rule: sessionPolicy.rate,
      lock: ctx.store,
    });
    assertTransition(record.row.status, 'rate');
    if ((await surveyAnswersOf(trx, sessionId)).length > 0) {
      throw new AppError('SURVEY_ALREADY_ANSWERED', ALREADY);
    }
    const asked = new Set((await activeSurveyQuestions(trx)).map((row) => row.id));
    const seen = new Set<string>();
    for (const [i, answer] of props.answers.entries()) {
      if (!asked.has(answer.questionId) || seen.has(answer.questionId)) {
        throw invalid(`answers.${i}.questionId`, 'is not a question asked now, or is repeated');
      }
      seen.add(answer.questionId);
    }
    const now = ctx.clock.now();
    const rows = props.answers.map((answer) => ({
      session_id: sessionId,
      question_id: answer.questionId,
      value: answer.value,
      agent_id: record.row.assigned_agent_id,
      team_id: record.row.team_id,
      answered_at: now,
    }));
    // The chat's row is locked above, so two answers at once wait for each other here.
    await insertSurveyAnswers(trx, rows);
    return {
      sessionId,
      answers: rows.map((row) => ({ questionId: row.question_id, value: row.value })),
      answeredAt: new Date(now).toISOString(),
    };
  });
}

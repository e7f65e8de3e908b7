// Survey questions and a chat's answers (migration 0026), and what the survey report reads: the
// answers per question and the rating comments of the chats started in a range.
import type { Priority } from '../../shared/vocabulary.js';
import type { Db } from '../store.js';
import type { SurveyQuestionsTable } from '../schema.js';

export type SurveyQuestionRow = SurveyQuestionsTable;

/** The questions asked now, in order. */
export function activeSurveyQuestions(db: Db): Promise<SurveyQuestionRow[]> {
  return db
    .selectFrom('survey_questions')
    .selectAll()
    .where('archived_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function insertSurveyQuestion(db: Db, row: SurveyQuestionRow): Promise<void> {
  await db.insertInto('survey_questions').values(row).execute();
}

export async function updateSurveyQuestion(
  db: Db,
  id: string,
  changes: Partial<Omit<SurveyQuestionRow, 'id'>>,
): Promise<void> {
  await db.updateTable('survey_questions').set(changes).where('id', '=', id).execute();
}

export interface SurveyAnswerRow {
  session_id: string;
  question_id: string;
  value: number;
  agent_id: string | null;
  team_id: string | null;
  answered_at: number;
}

export async function surveyAnswersOf(db: Db, sessionId: string): Promise<SurveyAnswerRow[]> {
  const rows = await db
    .selectFrom('chat_survey_answers')
    .selectAll()
    .where('session_id', '=', sessionId)
    .execute();
  return rows.map((row) => ({
    ...row,
    value: Number(row.value),
    answered_at: Number(row.answered_at),
  }));
}

export async function insertSurveyAnswers(db: Db, rows: SurveyAnswerRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('chat_survey_answers').values(rows).execute();
}

export interface RangeAndTeams {
  /** Chats started in [from, to). */
  from: number;
  to: number;
  /** Only these teams' chats (their team when they ended); every chat when null. */
  teamIds: readonly string[] | null;
  /** Only the answers attributed to this agent (the comments: the chat's agent). */
  agentId?: string | undefined;
  /** Only the chats started on this topic, or at this priority. */
  topicId?: string | undefined;
  priority?: Priority | undefined;
}

export interface QuestionTotals {
  questionId: string;
  text: string;
  archived: boolean;
  answers: number;
  sum: number;
}

/** Every question answered for chats of the range (and every question asked now), in order. */
export async function surveyTotals(db: Db, range: RangeAndTeams): Promise<QuestionTotals[]> {
  if (range.teamIds && range.teamIds.length === 0) return [];
  let answered = db
    .selectFrom('chat_survey_answers as a')
    .innerJoin('chat_sessions as s', 's.id', 'a.session_id')
    .select([
      'a.question_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('a.value').as('total'),
    ])
    .where('s.started_at', '>=', range.from)
    .where('s.started_at', '<', range.to)
    .groupBy('a.question_id');
  if (range.teamIds) answered = answered.where('a.team_id', 'in', range.teamIds);
  if (range.agentId !== undefined) answered = answered.where('a.agent_id', '=', range.agentId);
  if (range.topicId !== undefined) answered = answered.where('s.topic_id', '=', range.topicId);
  if (range.priority !== undefined) answered = answered.where('s.priority', '=', range.priority);
  const totals = new Map(
    (await answered.execute()).map((row) => [
      row.question_id,
      { n: Number(row.n), sum: Number(row.total) },
    ]),
  );
  const questions = await db
    .selectFrom('survey_questions')
    .selectAll()
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  // Those asked now first (NULLs sort differently in the two databases).
  const asked = (q: SurveyQuestionRow) => (q.archived_at === null ? 0 : 1);
  return questions
    .sort((a, b) => asked(a) - asked(b))
    .filter((q) => q.archived_at === null || totals.has(q.id))
    .map((q) => ({
      questionId: q.id,
      text: q.text,
      archived: q.archived_at !== null,
      answers: totals.get(q.id)?.n ?? 0,
      sum: totals.get(q.id)?.sum ?? 0,
    }));
}

export interface RatingComment {
  sessionId: string;
  rating: number;
  comment: string;
  ratedAt: number;
  agentName: string | null;
  teamId: string | null;
}

/** The newest rating comments of chats started in the range. */
export async function ratingComments(
  db: Db,
  range: RangeAndTeams,
  limit: number,
): Promise<RatingComment[]> {
  if (range.teamIds && range.teamIds.length === 0) return [];
  let query = db
    .selectFrom('chat_sessions as s')
    .leftJoin('users as u', 'u.id', 's.assigned_agent_id')
    .select(['s.id', 's.rating', 's.feedback', 's.rated_at', 's.team_id', 'u.name'])
    .where('s.started_at', '>=', range.from)
    .where('s.started_at', '<', range.to)
    .where('s.feedback', 'is not', null)
    .where('s.rating', 'is not', null)
    .orderBy('s.rated_at', 'desc')
    .orderBy('s.id')
    .limit(limit);
  if (range.teamIds) query = query.where('s.team_id', 'in', range.teamIds);
  if (range.agentId !== undefined) query = query.where('s.assigned_agent_id', '=', range.agentId);
  if (range.topicId !== undefined) query = query.where('s.topic_id', '=', range.topicId);
  if (range.priority !== undefined) query = query.where('s.priority', '=', range.priority);
  const rows = await query.execute();
  return rows.map((row) => ({
    sessionId: row.id,
    rating: Number(row.rating),
    comment: row.feedback ?? '',
    ratedAt: Number(row.rated_at),
    agentName: row.name,
    teamId: row.team_id,
  }));
}

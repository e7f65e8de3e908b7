// The survey report for a range: each question's answers and mean (the chats started in the
// range, counted for the team they had when answered), and the newest rating comments, with the
// report scope of every report (reportScope.ts). CSAT itself is in the chat report.
import { forbidden } from '../../domain/errors.js';
import { reportPolicy, type Viewer } from '../../domain/policies.js';
import { SURVEY_COMMENT_LIMIT, type SurveyReport } from '../../shared/surveysApi.js';
import { ratingComments, surveyTotals } from '../../storage/repositories/surveys.js';
import type { ServiceContext } from '../context.js';
import { withLeadTeams } from '../teams/teamLeads.js';
import { hourRange, REFUSED, reportTeams, type ChatFilters } from './reportScope.js';

const iso = (ms: number) => new Date(ms).toISOString();

export async function surveyReport(
  ctx: ServiceContext,
  props: { viewer: Viewer; from: number; to: number; teamId?: string | undefined } & ChatFilters,
): Promise<SurveyReport> {
  const db = ctx.store.reportDb;
  const viewer = await withLeadTeams(db, props.viewer);
  if (!reportPolicy.view(viewer)) throw forbidden(REFUSED);
  const { from, to } = hourRange(props.from, props.to);
  const teamIds = await reportTeams(db, viewer, props.teamId);
  const range = {
    from,
    to,
    teamIds,
    agentId: props.agentId,
    topicId: props.topicId,
    priority: props.priority,
  };
  const [totals, comments] = await Promise.all([
    surveyTotals(db, range),
    ratingComments(db, range, SURVEY_COMMENT_LIMIT),
  ]);
  return {
    from: iso(from),
    to: iso(to),
    teamIds,
    questions: totals.map((q) => ({
      id: q.questionId,
      text: q.text,
      removed: q.archived,
      answers: q.answers,
      average: q.answers === 0 ? null : Math.round((q.sum / q.answers) * 100) / 100,
    })),
    comments: comments.map((c) => ({ ...c, ratedAt: iso(c.ratedAt) })),
  };
}

// The survey results against the period of equal length just before (docs/reports.md,
// "Comparison with the previous period"): each question's mean answer beside its change since
// then, by the difference of the means (a higher mean is better). A question matched by its id,
// so one reworded keeps its history; one with no answers before says so.
import type { SurveyReport } from '../../../shared/surveysApi.js';
import { tileChange, type TileChange } from './reportComparison.js';

export type SurveyQuestionRow = SurveyReport['questions'][number] & { change: TileChange };

export function surveyRows(
  current: SurveyReport,
  previous: { report: SurveyReport; label: string },
): SurveyQuestionRow[] {
  const before = new Map(previous.report.questions.map((q) => [q.id, q.average]));
  return current.questions.map((question) => ({
    ...question,
    change: tileChange(question.average, before.get(question.id) ?? null, {
      better: 'up',
      kind: 'score',
      label: previous.label,
    }),
  }));
}

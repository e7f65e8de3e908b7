import { describe, expect, it } from 'vitest';
import type { SurveyReport } from '../../../shared/surveysApi.js';
import { surveyRows } from './surveyComparison.js';

const question = (id: string, answers: number, average: number | null) => ({
  id,
  text: `Question ${id}`,
  removed: false,
  answers,
  average,
});
const report = (questions: SurveyReport['questions']): SurveyReport => ({
  from: '2026-03-08T00:00:00.000Z',
  to: '2026-03-15T00:00:00.000Z',
  teamIds: null,
  questions,
  comments: [],
});

describe('the survey results against the previous period', () => {
  it('gives each question the change of its mean, higher being better', () => {
    const rows = surveyRows(report([question('a', 4, 4.25), question('b', 2, 3)]), {
      report: report([question('b', 5, 3.5), question('a', 3, 4)]),
      label: 'previous 7 days',
    });
    expect(rows.map((row) => [row.id, row.change])).toEqual([
      [
        'a',
        {
          text: '▲ 0.25 vs previous 7 days',
          spoken: 'up 0.25 vs previous 7 days, better',
          tone: 'better',
        },
      ],
      [
        'b',
        {
          text: '▼ 0.50 vs previous 7 days',
          spoken: 'down 0.50 vs previous 7 days, worse',
          tone: 'worse',
        },
      ],
    ]);
  });

  it('says so for a question not answered before, and for an unchanged mean', () => {
    const rows = surveyRows(report([question('new', 1, 5), question('same', 2, 4)]), {
      report: report([question('same', 6, 4)]),
      label: 'previous 30 days',
    });
    expect(rows.map((row) => row.change.text)).toEqual([
      'none in the previous 30 days',
      'no change vs previous 30 days',
    ]);
  });
});

// The survey results of the period (GET /reports/surveys): each question's number of answers and
// mean answer (1 to 5) with its change since the period of equal length just before (the same
// report asked for the earlier range, surveyComparison.ts), questions no longer asked among them
// while they have answers, and the newest rating comments with their rating and agent. CSAT
// itself is a chat tile.
import type { ChatReportQuery } from '../../../shared/reportsApi.js';
import type { SurveyReport } from '../../../shared/surveysApi.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Loading } from '../../components/Spinner.js';
import { DataTable } from '../../components/TableFrame.js';
import { formatDateTime } from '../../format/time.js';
import { useAsync } from '../../hooks/useAsync.js';
import { CsvDownloadButton } from './CsvDownloadButton.js';
import { previousLabel, previousRange } from './reportComparison.js';
import { surveyCsv } from './reportCsv.js';
import { surveyRows, type SurveyQuestionRow } from './surveyComparison.js';

export function SurveyResultsSection({ query }: { query: ChatReportQuery }) {
  const { api } = useServices();
  const range = { from: new Date(query.from), to: new Date(query.to) };
  const report = useAsync(async () => {
    const before = previousRange(range);
    const [current, previous] = await Promise.all([
      api.reports.surveys(query),
      api.reports.surveys({
        ...query,
        from: before.from.toISOString(),
        to: before.to.toISOString(),
      }),
    ]);
    return { current, previous };
  }, [JSON.stringify(query)]);
  return (
    <section
      class="report-section stack"
      aria-labelledby="survey-results"
      aria-busy={report.loading}
    >
      <h2 class="report-section__title" id="survey-results">
        Survey results
      </h2>
      {report.error && <Alert tone="danger">{report.error}</Alert>}
      {report.loading && !report.data && <Loading label="Counting…" />}
      {report.data && (
        <>
          <SurveyResults
            report={report.data.current}
            rows={surveyRows(report.data.current, {
              report: report.data.previous,
              label: previousLabel(range),
            })}
          />
          <div class="cluster cluster--end">
            <CsvDownloadButton
              label="Download the survey results as CSV"
              range={report.data.current}
              table={() => surveyCsv(report.data!.current)}
            />
          </div>
        </>
      )}
    </section>
  );
}

function SurveyResults({ report, rows }: { report: SurveyReport; rows: SurveyQuestionRow[] }) {
  return (
    <>
      {rows.length === 0 ? (
        <p class="report-note">No survey questions were answered in this period.</p>
      ) : (
        <DataTable
          label="Survey questions"
          caption="Answers to each survey question, 1 (worst) to 5 (best)"
          columns={['Question', 'Answers', 'Mean', 'Change']}
        >
          {rows.map((question) => (
            <tr key={question.id}>
              <th scope="row">
                {question.text}
                {question.removed && <span class="report-tile__detail"> (no longer asked)</span>}
              </th>
              <td>{question.answers}</td>
              <td>{question.average === null ? '—' : `${question.average.toFixed(2)} of 5`}</td>
              <td class={`report-change report-change--${question.change.tone}`}>
                <span aria-hidden="true">{question.change.text}</span>
                <span class="sr-only">{question.change.spoken}</span>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <h3 class="section-title">Newest comments</h3>
      {report.comments.length === 0 ? (
        <p class="report-note">No rating comments in this period.</p>
      ) : (
        <ul class="report-comments" aria-label="Rating comments, newest first">
          {report.comments.map((comment) => (
            <li key={comment.sessionId} class="report-comment">
              <p class="report-comment__text">{comment.comment}</p>
              <p class="report-comment__meta">
                Rated {comment.rating} of 5{comment.agentName && <> · {comment.agentName}</>} ·{' '}
                <time dateTime={comment.ratedAt}>{formatDateTime(comment.ratedAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

// The chat half of the Reports page: the chat report of the period as tiles, each with its
// change since the period of equal length just before (the same report asked for the earlier
// range, reportComparison.ts), the ratings chart, and the raw chats of the same period and
// filters as a download (GET /reports/chats.csv, streamed by the server).
import type { ChatReportQuery } from '../../../shared/reportsApi.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { RatingsChart } from './RatingsChart.js';
import { previousLabel, previousRange } from './reportComparison.js';
import { reportTiles } from './reportTiles.js';
import { ReportTileList } from './ReportTileList.js';
import { CsvDownloadButton } from './CsvDownloadButton.js';
import { chatReportCsv } from './reportCsv.js';

interface ChatSectionProps {
  from: Date;
  to: Date;
  /** Team, agent, topic and priority, the same for both periods. */
  filters: Omit<ChatReportQuery, 'from' | 'to'>;
}

/** The raw chats of the period and filters, read by the browser as a download. */
function chatCsvUrl(props: ChatSectionProps): string {
  const query = new URLSearchParams({ from: props.from.toISOString(), to: props.to.toISOString() });
  for (const [name, value] of Object.entries(props.filters)) {
    if (typeof value === 'string' && value !== '') query.set(name, value);
  }
  return `/api/v1/reports/chats.csv?${query.toString()}`;
}

export function ChatReportSection(props: ChatSectionProps) {
  const { api } = useServices();
  const ask = (range: { from: Date; to: Date }) =>
    api.reports.chats({
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      ...props.filters,
    });
  const report = useAsync(async () => {
    const [current, previous] = await Promise.all([ask(props), ask(previousRange(props))]);
    return { current, previous };
  }, [props.from.getTime(), props.to.getTime(), JSON.stringify(props.filters)]);

  return (
    <>
      {report.error && <Alert tone="danger">{report.error}</Alert>}
      {report.loading && !report.data && <Loading label="Counting…" />}
      {report.data && report.data.current.chats === 0 && (
        <EmptyState icon="chart" title="No chats in this period" />
      )}
      {report.data && report.data.current.chats > 0 && (
        // The last numbers stay while the next filters' are read, dimmed and marked busy.
        <div class="report-results" aria-busy={report.loading}>
          <ReportTileList
            label="Chat metrics"
            tiles={reportTiles(report.data.current, {
              report: report.data.previous,
              label: previousLabel(props),
            })}
          />
          <RatingsChart ratings={report.data.current.ratings} />
          <div class="cluster cluster--end">
            <a class="btn" href={chatCsvUrl(props)} download>
              Download chats (CSV)
            </a>
            <CsvDownloadButton
              label="Download the chat report as CSV"
              range={report.data.current}
              table={() => chatReportCsv(report.data!.current)}
            />
          </div>
        </div>
      )}
    </>
  );
}

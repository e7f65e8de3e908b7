// The ticket half of the Reports page: the ticket report of the same period and team as the
// chats above (GET /reports/tickets), as tiles each with its change since the period of equal
// length just before (the same report asked for the earlier range, like the chat tiles), the
// backlog at each day's end in a table, and the same tickets as a CSV download
// (GET /reports/tickets.csv).
import type { TicketReport } from '../../../shared/ticketReportsApi.js';
import type { Priority } from '../../../shared/vocabulary.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { DataTable } from '../../components/TableFrame.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { previousLabel, previousRange } from './reportComparison.js';
import { ReportTileList } from './ReportTileList.js';
import { ticketReportTiles } from './ticketReportTiles.js';
import { CsvDownloadButton } from './CsvDownloadButton.js';
import { ticketReportCsv } from './reportCsv.js';

interface TicketSectionProps {
  from: Date;
  to: Date;
  teamId: string;
  /** The chats' priority filter, which tickets take too; '' for any. */
  priority: Priority | '';
}

/** The raw tickets of the same period and team, read by the browser as a download. */
function ticketCsvUrl(props: TicketSectionProps): string {
  const query = new URLSearchParams({ from: props.from.toISOString(), to: props.to.toISOString() });
  if (props.teamId) query.set('teamId', props.teamId);
  return `/api/v1/reports/tickets.csv?${query.toString()}`;
}

export function TicketReportSection(props: TicketSectionProps) {
  const { api } = useServices();
  const ask = (range: { from: Date; to: Date }) =>
    api.reports.tickets({
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      teamId: props.teamId || undefined,
      priority: props.priority || undefined,
    });
  const report = useAsync(async () => {
    const [current, previous] = await Promise.all([ask(props), ask(previousRange(props))]);
    return { current, previous };
  }, [props.from.getTime(), props.to.getTime(), props.teamId, props.priority]);
  return (
    <section class="stack" aria-labelledby="ticket-report">
      <h2 id="ticket-report" class="section-title">
        Tickets
      </h2>
      <a class="btn" href={ticketCsvUrl(props)} download>
        Download tickets (CSV)
      </a>
      {report.error && <Alert tone="danger">{report.error}</Alert>}
      {report.loading && !report.data && <Loading label="Counting…" />}
      {report.data && (
        <TicketReportBody
          report={report.data.current}
          previous={{ report: report.data.previous, label: previousLabel(props) }}
          busy={report.loading}
        />
      )}
    </section>
  );
}

function TicketReportBody(props: {
  report: TicketReport;
  previous: { report: TicketReport; label: string };
  busy: boolean;
}) {
  const { report } = props;
  return (
    <div class="report-results" aria-busy={props.busy}>
      <ReportTileList label="Ticket metrics" tiles={ticketReportTiles(report, props.previous)} />
      {report.backlog.length > 0 && (
        <DataTable
          label="Backlog by day"
          caption="Tickets in the backlog at the end of each day"
          columns={['Day', 'Backlog at its end']}
        >
          {report.backlog.map((day) => (
            <tr key={day.date}>
              <td>{day.date}</td>
              <td>{day.backlog}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <div class="cluster cluster--end">
        <CsvDownloadButton
          label="Download the ticket report as CSV"
          range={report}
          table={() => ticketReportCsv(report)}
        />
      </div>
    </div>
  );
}

// The ticket half of the Reports page: the ticket report of the same period and team as the
// chats above (GET /reports/tickets), as tiles and the backlog at each day's end in a table, and
// the same tickets as a CSV download (GET /reports/tickets.csv).
import type { TicketReport } from '../../../shared/ticketReportsApi.js';
import type { Priority } from '../../../shared/vocabulary.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { DataTable } from '../../components/TableFrame.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
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
  const report = useAsync(
    () =>
      api.reports.tickets({
        from: props.from.toISOString(),
        to: props.to.toISOString(),
        teamId: props.teamId || undefined,
        priority: props.priority || undefined,
      }),
    [props.from.getTime(), props.to.getTime(), props.teamId, props.priority],
  );
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
      {report.data && <TicketReportBody report={report.data} busy={report.loading} />}
    </section>
  );
}

function TicketReportBody({ report, busy }: { report: TicketReport; busy: boolean }) {
  return (
    <div class="report-results" aria-busy={busy}>
      <dl class="summary report-tiles" aria-label="Ticket metrics">
        {ticketReportTiles(report).map((tile) => (
          <div key={tile.label} class="summary__item report-tile">
            <dt>{tile.label}</dt>
            <dd class="report-tile__value">{tile.value}</dd>
            {tile.detail && <dd class="report-tile__detail">{tile.detail}</dd>}
            <dd class="report-tile__definition">{tile.definition}</dd>
          </div>
        ))}
      </dl>
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

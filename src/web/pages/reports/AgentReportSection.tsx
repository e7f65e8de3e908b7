// The agents of the Reports page: one row per agent over the same period and team as the chats
// above (GET /reports/agents): chats handled, median first response, CSAT, time online, busy and
// away, and utilisation, sortable by any column's header (agentRows.ts).
import { useState } from 'preact/hooks';
import type { ChatReportQuery } from '../../../shared/reportsApi.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { TableFrame } from '../../components/TableFrame.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { cx as classNames } from '../../components/classNames.js';
import {
  AGENT_COLUMNS,
  nextSort,
  sortAgentRows,
  type AgentRow,
  type AgentSort,
} from './agentRows.js';
import { CsvDownloadButton } from './CsvDownloadButton.js';
import { agentReportCsv } from './reportCsv.js';

export function AgentReportSection(props: {
  from: Date;
  to: Date;
  filters: Omit<ChatReportQuery, 'from' | 'to'>;
}) {
  const { api } = useServices();
  const [sort, setSort] = useState<AgentSort>({ key: 'name', direction: 'ascending' });
  const report = useAsync(
    () =>
      api.reports.agents({
        from: props.from.toISOString(),
        to: props.to.toISOString(),
        ...props.filters,
      }),
    [props.from.getTime(), props.to.getTime(), JSON.stringify(props.filters)],
  );
  return (
    <section class="stack" aria-labelledby="agent-report">
      <h2 id="agent-report" class="section-title">
        Agents
      </h2>
      {report.error && <Alert tone="danger">{report.error}</Alert>}
      {report.loading && !report.data && <Loading label="Counting…" />}
      {report.data && (
        <div class="report-results" aria-busy={report.loading}>
          <AgentTable
            rows={sortAgentRows(report.data.agents, sort)}
            sort={sort}
            onSort={(key) => setSort(nextSort(sort, key))}
          />
          <p class="report-note">
            Time in each status runs to now. Utilisation is the time spent holding open chats
            against the chats the agent could hold (their maximum) while online or busy.
          </p>
          <div class="cluster cluster--end">
            <CsvDownloadButton
              label="Download the agent report as CSV"
              range={report.data}
              table={() => agentReportCsv(report.data!)}
            />
          </div>
        </div>
      )}
    </section>
  );
}

function AgentTable(props: {
  rows: AgentRow[];
  sort: AgentSort;
  onSort: (key: AgentSort['key']) => void;
}) {
  return (
    <TableFrame label="Agents">
      <table class="table">
        <caption class="sr-only">
          Agents of the period, sorted by{' '}
          {AGENT_COLUMNS.find((c) => c.key === props.sort.key)!.label}, {props.sort.direction}
        </caption>
        <thead>
          <tr>
            {AGENT_COLUMNS.map((column) => {
              const sorted = column.key === props.sort.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={sorted ? props.sort.direction : undefined}
                >
                  <button
                    type="button"
                    class={classNames('table__sort', sorted && 'is-sorted')}
                    onClick={() => props.onSort(column.key)}
                  >
                    {column.label}
                    <span aria-hidden="true">
                      {sorted ? (props.sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.agentId}>
              {AGENT_COLUMNS.map((column) =>
                column.key === 'name' ? (
                  <th key={column.key} scope="row">
                    {row.name}
                  </th>
                ) : (
                  <td key={column.key}>{column.text(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

// The heatmap of the period (GET /reports/chats/heatmap): chats by weekday (Monday first) and
// hour on the desk's clock, as a table whose cells are shaded by chats per real hour
// (heatmapCells.ts). The grid is itself the table, so screen readers and the keyboard (the frame
// is a tab stop that scrolls) read the same numbers the eye sees; the shade is never the only
// sign, each cell says its number.
import type { ChatHeatmap, ChatReportQuery } from '../../../shared/reportsApi.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Loading } from '../../components/Spinner.js';
import { TableFrame } from '../../components/TableFrame.js';
import { useAsync } from '../../hooks/useAsync.js';
import { heatmapCells, hourSpan, SHADES, WEEKDAYS } from './heatmapCells.js';
import { CsvDownloadButton } from './CsvDownloadButton.js';
import { heatmapCsv } from './reportCsv.js';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

export function HeatmapSection({ query }: { query: ChatReportQuery }) {
  const { api } = useServices();
  const heatmap = useAsync(() => api.reports.heatmap(query), [JSON.stringify(query)]);
  return (
    <section class="report-section" aria-labelledby="heatmap-heading" aria-busy={heatmap.loading}>
      <h2 class="report-section__title" id="heatmap-heading">
        Busiest hours
      </h2>
      {heatmap.error && <Alert tone="danger">{heatmap.error}</Alert>}
      {heatmap.loading && !heatmap.data && <Loading label="Counting…" />}
      {heatmap.data && (
        <>
          <HeatmapTable heatmap={heatmap.data} />
          <div class="cluster cluster--end">
            <CsvDownloadButton
              label="Download the busiest hours as CSV"
              range={heatmap.data}
              table={() => heatmapCsv(heatmap.data!)}
            />
          </div>
        </>
      )}
    </section>
  );
}

function HeatmapTable({ heatmap }: { heatmap: ChatHeatmap }) {
  const cells = heatmapCells(heatmap);
  return (
    <>
      <TableFrame label="Chats by weekday and hour">
        <table class="table report-table heatmap">
          <caption>
            Chats started by weekday and hour ({heatmap.timeZone}); darker is more chats per hour
          </caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {HOURS.map((hour) => (
                <th key={hour} scope="col" class="heatmap__hour">
                  <span aria-hidden="true">{hour}</span>
                  <span class="sr-only">{hourSpan(hour)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cells.map((row, day) => (
              <tr key={WEEKDAYS[day]}>
                <th scope="row">
                  <span aria-hidden="true">{WEEKDAYS[day]!.slice(0, 3)}</span>
                  <span class="sr-only">{WEEKDAYS[day]}</span>
                </th>
                {row.map((cell, hour) => (
                  <td
                    key={hour}
                    class={`heatmap__cell heatmap__cell--${cell.shade}`}
                    title={cell.title}
                  >
                    {cell.hours === 0 ? (
                      <>
                        <span aria-hidden="true">·</span>
                        <span class="sr-only">not in the period</span>
                      </>
                    ) : (
                      cell.chats
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      <p class="heatmap__legend" aria-hidden="true">
        Fewer
        {Array.from({ length: SHADES + 1 }, (_, shade) => (
          <span key={shade} class={`heatmap__swatch heatmap__cell--${shade}`} />
        ))}
        more chats per hour
      </p>
    </>
  );
}

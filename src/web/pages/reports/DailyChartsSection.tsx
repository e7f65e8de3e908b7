// Chats over time: chats per day and the median wait per day of the period (GET
// /reports/chats/daily, days on the desk's clock), drawn with uPlot beside one table of the same
// numbers, which is what screen readers read (the charts are hidden from them).
import type { ChatDaily, ChatReportQuery } from '../../../shared/reportsApi.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Loading } from '../../components/Spinner.js';
import { TableFrame } from '../../components/TableFrame.js';
import { useAsync } from '../../hooks/useAsync.js';
import { deskDayLabel, deskDayLongLabel } from './deskDayLabel.js';
import type { ChartColors } from './drawRatings.js';
import type { DailySeries } from './drawDaily.js';
import { durationText } from './reportTiles.js';
import { useChart } from './useChart.js';
import { CsvDownloadButton } from './CsvDownloadButton.js';
import { dailyCsv } from './reportCsv.js';

export function DailyChartsSection({ query }: { query: ChatReportQuery }) {
  const { api } = useServices();
  const daily = useAsync(() => api.reports.daily(query), [JSON.stringify(query)]);
  return (
    <section class="report-section" aria-labelledby="daily-heading" aria-busy={daily.loading}>
      <h2 class="report-section__title" id="daily-heading">
        Over time
      </h2>
      {daily.error && <Alert tone="danger">{daily.error}</Alert>}
      {daily.loading && !daily.data && <Loading label="Counting…" />}
      {daily.data && (
        <>
          <DailyBody days={daily.data.days} />
          <div class="cluster cluster--end">
            <CsvDownloadButton
              label="Download the chats per day as CSV"
              range={daily.data}
              table={() => dailyCsv(daily.data!)}
            />
          </div>
        </>
      )}
    </section>
  );
}

function DailyBody({ days }: { days: ChatDaily['days'] }) {
  const labels = days.map((day) => deskDayLabel(day.date));
  return (
    <div class="report-section__body">
      <div class="report-charts" aria-hidden="true">
        <DailyChart
          title="Chats per day"
          series={{
            labels,
            values: days.map((day) => day.chats),
            style: 'bars',
            format: String,
            whole: true,
          }}
        />
        <DailyChart
          title="Median wait per day"
          series={{
            labels,
            values: days.map((day) => day.waitMedianMs),
            style: 'line',
            format: durationText,
          }}
        />
      </div>
      <TableFrame label="Chats and median wait per day">
        <table class="table report-table">
          <caption>Chats started and their median wait, per day on the desk’s clock</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Chats</th>
              <th scope="col">Median wait</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  <time dateTime={day.date}>{deskDayLongLabel(day.date)}</time>
                </th>
                <td>{day.chats}</td>
                <td>{durationText(day.waitMedianMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </div>
  );
}

function DailyChart({ title, series }: { title: string; series: DailySeries }) {
  const box = useChart(
    () =>
      import('./drawDaily.js').then(
        ({ drawDaily }) =>
          (container: HTMLElement, colors: ChartColors) =>
            drawDaily(container, series, colors),
      ),
    `${series.labels.join()}|${series.values.join()}`,
  );
  return (
    <figure class="report-figure">
      <figcaption class="report-figure__caption">{title}</figcaption>
      <div class="report-chart" ref={box} />
    </figure>
  );
}

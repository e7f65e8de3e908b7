// A value per day drawn with uPlot, as bars (chats per day) or a line (median wait per day),
// loaded with the Reports page's charts only. The days are the desk's local dates, so the x axis
// counts days by index and labels them with their date, not with the browser's clock.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartColors } from './drawRatings.js';

const HEIGHT = 200;

export interface DailySeries {
  /** One label per day, such as "3 Mar". */
  labels: readonly string[];
  /** One value per day; null where there is none (a day nobody waited). */
  values: ReadonlyArray<number | null>;
  style: 'bars' | 'line';
  /** A y axis value as read, such as "45 s". */
  format: (value: number) => string;
  /** Ticks at whole steps only (counts). */
  whole?: boolean;
}

/** Draws `series` into `container`; the returned function removes the chart. */
export function drawDaily(
  container: HTMLElement,
  series: DailySeries,
  colors: ChartColors,
): () => void {
  const axis = {
    stroke: colors.text,
    grid: { stroke: colors.grid },
    ticks: { stroke: colors.grid },
  };
  const xs = series.labels.map((_, index) => index);
  // About one label in every 60 px, so a month's dates do not overlap.
  const step = (width: number) => Math.max(1, Math.ceil(xs.length / Math.max(1, width / 60)));
  const chart = new uPlot(
    {
      width: Math.max(container.clientWidth, 200),
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: [-0.5, Math.max(xs.length - 0.5, 0.5)] },
        y: { range: (_u, _min, max) => [0, Math.max(max ?? 0, 1)] },
      },
      axes: [
        {
          ...axis,
          grid: { show: false },
          splits: (u) => xs.filter((x) => x % step(u.width) === 0),
          values: (_u, splits) => splits.map((x) => series.labels[x] ?? ''),
        },
        {
          ...axis,
          size: 60,
          ...(series.whole
            ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] }
            : {}),
          values: (_u, splits) => splits.map(series.format),
        },
      ],
      series: [
        {},
        series.style === 'bars'
          ? {
              fill: colors.bar,
              stroke: colors.bar,
              paths: uPlot.paths.bars!({ size: [0.7, 40] }),
              points: { show: false },
            }
          : { stroke: colors.bar, width: 2, spanGaps: false, points: { show: xs.length < 40 } },
      ],
    },
    [xs, [...series.values]],
    container,
  );
  const resize = new ResizeObserver(() =>
    chart.setSize({ width: Math.max(container.clientWidth, 200), height: HEIGHT }),
  );
  resize.observe(container);
  return () => {
    resize.disconnect();
    chart.destroy();
  };
}

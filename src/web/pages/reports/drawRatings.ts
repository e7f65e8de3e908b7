// The ratings distribution drawn with uPlot: one bar for each rating from 1 to 5. Loaded only
// when the Reports page shows a chart, so uPlot stays out of the app's main script. The colours
// are the page's own (read from the container's computed styles), so the chart follows the theme.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartColors {
  bar: string;
  text: string;
  grid: string;
}

const HEIGHT = 220;
const RATINGS = [1, 2, 3, 4, 5];

/** Draws `counts` (ratings 1 to 5) into `container`; the returned function removes the chart. */
export function drawRatings(
  container: HTMLElement,
  counts: readonly number[],
  colors: ChartColors,
): () => void {
  const axis = {
    stroke: colors.text,
    grid: { stroke: colors.grid },
    ticks: { stroke: colors.grid },
  };
  const chart = new uPlot(
    {
      width: Math.max(container.clientWidth, 200),
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: [0.5, 5.5] },
        y: { range: (_u, _min, max) => [0, Math.max(max, 1)] },
      },
      axes: [
        {
          ...axis,
          grid: { show: false },
          splits: () => RATINGS,
          values: (_u, splits) => splits.map((s) => `${s} ★`),
        },
        {
          ...axis,
          // Whole chats only: no 0.5 ticks on a small count.
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000],
          values: (_u, splits) => splits.map(String),
        },
      ],
      series: [
        {},
        {
          label: 'Chats',
          fill: colors.bar,
          stroke: colors.bar,
          paths: uPlot.paths.bars!({ size: [0.6, 64] }),
          points: { show: false },
        },
      ],
    },
    [RATINGS, [...counts]],
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

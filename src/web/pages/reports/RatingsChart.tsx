// The ratings distribution of a report: a bar chart (uPlot, loaded on first use) and beside it a
// table with the same numbers, which is what screen readers read (the chart is hidden from them).
import type { ChatReport } from '../../../shared/reportsApi.js';
import type { ChartColors } from './drawRatings.js';
import { useChart } from './useChart.js';

const RATINGS = ['1', '2', '3', '4', '5'] as const;

export function RatingsChart({ ratings }: { ratings: ChatReport['ratings'] }) {
  const counts = RATINGS.map((rating) => ratings[rating]);
  const box = useChart(
    () =>
      import('./drawRatings.js').then(
        ({ drawRatings }) =>
          (container: HTMLElement, colors: ChartColors) =>
            drawRatings(container, counts, colors),
      ),
    counts.join(','),
  );

  return (
    <section class="report-section" aria-labelledby="ratings-heading">
      <h2 class="report-section__title" id="ratings-heading">
        Ratings
      </h2>
      <div class="report-section__body">
        <div class="report-chart" ref={box} aria-hidden="true" />
        <table class="table report-table">
          <caption>Chats by rating, 1 (worst) to 5 (best)</caption>
          <thead>
            <tr>
              <th scope="col">Rating</th>
              <th scope="col">Chats</th>
            </tr>
          </thead>
          <tbody>
            {RATINGS.map((rating, index) => (
              <tr key={rating}>
                <th scope="row">{rating} of 5</th>
                <td>{counts[index]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

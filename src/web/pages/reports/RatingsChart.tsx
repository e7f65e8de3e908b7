// The ratings distribution of a report: a bar chart (uPlot, loaded on first use) and beside it a
// table with the same numbers, which is what screen readers read (the chart is hidden from them).
import { useEffect, useRef } from 'preact/hooks';
import type { ChatReport } from '../../../shared/reportsApi.js';
import { useMediaQuery } from '../../hooks/useMediaQuery.js';
import { useReadable } from '../../hooks/useReadable.js';
import { themeChoice } from '../../state/preferences.js';

const RATINGS = ['1', '2', '3', '4', '5'] as const;

export function RatingsChart({ ratings }: { ratings: ChatReport['ratings'] }) {
  const counts = RATINGS.map((rating) => ratings[rating]);
  const box = useRef<HTMLDivElement>(null);
  // The colours are drawn into the canvas: draw again when the theme changes.
  const theme = useReadable(themeChoice);
  const dark = useMediaQuery('(prefers-color-scheme: dark)');

  useEffect(() => {
    const container = box.current;
    if (!container) return;
    let remove: (() => void) | undefined;
    let cancelled = false;
    void import('./drawRatings.js').then(({ drawRatings }) => {
      if (cancelled) return;
      const style = getComputedStyle(container);
      remove = drawRatings(container, counts, {
        bar: style.accentColor,
        text: style.color,
        grid: style.borderTopColor,
      });
    });
    return () => {
      cancelled = true;
      remove?.();
    };
  }, [counts.join(','), theme, dark]);

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

// A report's tiles as a description list: each figure's label, value, line under it, change
// since the previous period (an arrow for the eye, words for a screen reader) and definition.
import type { ReportTile } from './reportTiles.js';

export function ReportTileList(props: { tiles: readonly ReportTile[]; label: string }) {
  return (
    <dl class="summary report-tiles" aria-label={props.label}>
      {props.tiles.map((tile) => (
        <div key={tile.label} class="summary__item report-tile">
          <dt>{tile.label}</dt>
          <dd class="report-tile__value">{tile.value}</dd>
          {tile.detail && <dd class="report-tile__detail">{tile.detail}</dd>}
          {tile.change && (
            <dd class={`report-tile__change report-tile__change--${tile.change.tone}`}>
              <span aria-hidden="true">{tile.change.text}</span>
              <span class="sr-only">{tile.change.spoken}</span>
            </dd>
          )}
          <dd class="report-tile__definition">{tile.definition}</dd>
        </div>
      ))}
    </dl>
  );
}

// The benchmark's output: one row per figure, with its baselines, ratios and target where it has
// them, and the second run of each headline figure beside its first.
import { ratio, round } from './stats.js';

export interface Row {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
  /** The same figure from the durable relay (a relay that commits each message first). */
  durableBaseline?: number;
  /** value / durableBaseline. */
  durableRatio?: number;
  /** The target in words, e.g. "≤ 3x raw" or "< 25 ms". */
  target?: string;
  met?: boolean;
  /**
   * On a headline's second run (secondRun): false when the two runs differ by more than
   * UNSTABLE_SPREAD, shown as "unstable".
   */
  stable?: boolean;
  /** On a second run: how far apart the two runs are, in % of the lower. */
  spread?: number;
}

export interface ScenarioResult {
  name: string;
  rows: Row[];
  /** Everything measured, for bench/results/latest.json. */
  details: Record<string, unknown>;
}

/** The "met" column: the target met or not, or for a second run whether it agrees with the first. */
function verdict(row: Row): string {
  if (row.stable !== undefined) return row.stable ? 'yes' : 'unstable';
  return row.met === undefined ? '' : row.met ? 'yes' : 'NO';
}

/**
 * The table as Markdown, laid out exactly as Prettier lays it out, so the output pastes into
 * docs/performance.md unchanged by `npm run format`.
 */
export function formatTable(rows: Row[]): string {
  const header = [
    'scenario',
    'metric',
    'switchboard',
    'baseline',
    'ratio',
    'durable relay',
    'ratio',
    'target',
    'met',
  ];
  const figure = (value: number | undefined, unit: string) =>
    value === undefined ? '' : `${value} ${unit}`.trim();
  const times = (ratio: number | undefined) => (ratio === undefined ? '' : `${ratio}x`);
  const lines = rows.map((r) => [
    r.scenario,
    r.metric,
    figure(r.value, r.unit),
    figure(r.baseline, r.unit),
    times(r.ratio),
    figure(r.durableBaseline, r.unit),
    times(r.durableRatio),
    r.target ?? '',
    verdict(r),
  ]);
  // Prettier's delimiter cells are at least three dashes wide.
  const widths = header.map((h, i) => Math.max(3, h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join(
    '\n',
  );
}

/** Two runs of a headline figure further apart than this (of the lower) are flagged unstable. */
export const UNSTABLE_SPREAD = 0.25;

/**
 * The second run of a headline figure, beside the first as its baseline (ratio: second / first),
 * flagged unstable when the two differ by more than UNSTABLE_SPREAD.
 */
export function secondRun(first: Row, second: number): Row {
  const low = Math.min(first.value, second);
  const high = Math.max(first.value, second);
  const apart = high === low ? 0 : low > 0 ? (high - low) / low : Infinity;
  return {
    scenario: first.scenario,
    metric: `${first.metric}, run 2 (baseline: run 1)`,
    value: second,
    unit: first.unit,
    baseline: first.value,
    ...(first.value > 0 && { ratio: ratio(second, first.value) }),
    target: `within ${UNSTABLE_SPREAD * 100} %`,
    stable: apart <= UNSTABLE_SPREAD,
    // Infinity does not survive JSON: a run of 0 beside one above it is simply "unstable".
    ...(Number.isFinite(apart) && { spread: round(100 * apart, 0) }),
  };
}

/** Every second run beside its first, one line each, unstable ones marked, for the report's end. */
export function secondRunLines(rows: Row[]): string[] {
  return rows
    .filter((r) => r.stable !== undefined)
    .map((r) => {
      const metric = r.metric.replace(/, run 2 \(baseline: run 1\)$/, '');
      const apart = r.spread === undefined ? '' : `, ${r.spread} % apart`;
      const figures = `${r.baseline} then ${r.value} ${r.unit}`.trim();
      return `${r.stable ? '  ' : 'UNSTABLE '}${r.scenario}, ${metric}: ${figures}${apart}`;
    });
}

// The benchmark's output: one row per figure, with its baseline, ratio and target where it has one.

export interface Row {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
  /** The target in words, e.g. "≤ 3x raw" or "< 25 ms". */
  target?: string;
  met?: boolean;
}

export interface ScenarioResult {
  name: string;
  rows: Row[];
  /** Everything measured, for bench/results/latest.json. */
  details: Record<string, unknown>;
}

/**
 * The table as Markdown, laid out exactly as Prettier lays it out, so the output pastes into
 * docs/performance.md unchanged by `npm run format`.
 */
export function formatTable(rows: Row[]): string {
  const header = ['scenario', 'metric', 'switchboard', 'baseline', 'ratio', 'target', 'met'];
  const lines = rows.map((r) => [
    r.scenario,
    r.metric,
    `${r.value} ${r.unit}`.trim(),
    r.baseline === undefined ? '' : `${r.baseline} ${r.unit}`.trim(),
    r.ratio === undefined ? '' : `${r.ratio}x`,
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  // Prettier's delimiter cells are at least three dashes wide.
  const widths = header.map((h, i) => Math.max(3, h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join(
    '\n',
  );
}

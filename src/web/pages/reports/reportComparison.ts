// Each report tile against the period of equal length just before (docs/reports.md, "Comparison
// with the previous period"): that period's range, and the change as a tile shows it, with
// whether it is better or worse. Which way is better is decided per metric (reportTiles.ts for
// the chats, ticketReportTiles.ts for the tickets, the survey means here): less waiting, fewer
// abandoned, unanswered and transferred chats and a higher CSAT are better; the number of chats
// and the handle time only move (more chats is demand, not quality; a shorter handle time may be
// a rushed one).

const DAY_MS = 86_400_000;

/** Which way a metric improves; null when a change is neither good nor bad. */
export type Better = 'down' | 'up' | null;

/**
 * How a value changes: counts and durations by percent, a share (CSAT) by percentage points, a
 * mean answer of 1 to 5 by its difference to two decimals ("▲ 0.25").
 */
export type ChangeKind = 'relative' | 'points' | 'score';

export interface TileChange {
  /** What the tile shows, such as "▲ 12 % vs previous 30 days". */
  text: string;
  /** What a screen reader reads instead of the arrow, such as "up 12 % vs previous 30 days, worse". */
  spoken: string;
  tone: 'better' | 'worse' | 'neutral';
}

/** The period of equal length that ends where `range` starts. */
export function previousRange(range: { from: Date; to: Date }): { from: Date; to: Date } {
  const length = range.to.getTime() - range.from.getTime();
  return { from: new Date(range.from.getTime() - length), to: range.from };
}

/**
 * "previous 30 days", "previous day": the earlier period named by the local days this one
 * touches (a preset that ends now, partway through today, counts today whole; a day of 23 or 25
 * hours is one day).
 */
export function previousLabel(range: { from: Date; to: Date }): string {
  const first = startOfDay(range.from);
  const last = startOfDay(new Date(range.to.getTime() - 1));
  const days = Math.round((last.getTime() - first.getTime()) / DAY_MS) + 1;
  return days <= 1 ? 'previous day' : `previous ${days} days`;
}

const startOfDay = (at: Date) => new Date(at.getFullYear(), at.getMonth(), at.getDate());

/** The change from `previous` to `current`; null values are figures that do not exist. */
export function tileChange(
  current: number | null,
  previous: number | null,
  options: { better: Better; kind: ChangeKind; label: string },
): TileChange {
  const vs = `vs ${options.label}`;
  if (previous === null || current === null) {
    const text = previous === null ? `none in the ${options.label}` : `none now, ${vs}`;
    return { text, spoken: text, tone: 'neutral' };
  }
  const delta = current - previous;
  let amount: string;
  if (options.kind === 'points') {
    amount = `${Math.abs(Math.round(delta * 100))} pts`;
  } else if (options.kind === 'score') {
    amount = Math.abs(delta).toFixed(2);
  } else if (previous === 0) {
    amount = delta === 0 ? '0 %' : `from 0`;
  } else {
    amount = `${Math.abs(Math.round((delta / previous) * 100))} %`;
  }
  const unchanged = amount === '0 %' || amount === '0 pts' || amount === '0.00';
  if (unchanged) {
    const text = `no change ${vs}`;
    return { text, spoken: text, tone: 'neutral' };
  }
  const up = delta > 0;
  const tone =
    options.better === null ? 'neutral' : (options.better === 'up') === up ? 'better' : 'worse';
  return {
    text: `${up ? '▲' : '▼'} ${amount} ${vs}`,
    spoken: `${up ? 'up' : 'down'} ${amount} ${vs}${tone === 'neutral' ? '' : `, ${tone}`}`,
    tone,
  };
}

/** What a tile compares: its number in a report, and which way is better. */
export interface Compared<R> {
  measure: (report: R) => number | null;
  better: Better;
  kind?: ChangeKind;
  /** Against another figure of the previous report than `measure` (the backlog now). */
  before?: (previous: R) => number | null;
  /** The previous figure's name when it is not the previous period's (its label otherwise). */
  label?: string;
}

/** Each tile given its change since `previous`; a tile with no entry in `compared` keeps none. */
export function withChanges<T extends { label: string }, R>(
  tiles: readonly T[],
  compared: Readonly<Record<string, Compared<R>>>,
  current: R,
  previous: { report: R; label: string },
): (T & { change?: TileChange })[] {
  return tiles.map((tile) => {
    const how = compared[tile.label];
    if (!how) return tile;
    const change = tileChange(how.measure(current), (how.before ?? how.measure)(previous.report), {
      better: how.better,
      kind: how.kind ?? 'relative',
      label: how.label ?? previous.label,
    });
    return { ...tile, change };
  });
}

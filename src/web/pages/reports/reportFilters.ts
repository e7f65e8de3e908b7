// The Reports page's filters as its address keeps them (`/reports?range=30d&team=…`, so a view
// can be linked), and the range of time a choice means on the browser's clock: the last 7 or 30
// days are today and the days before it, this month runs from its first day; a custom range
// counts its `from` and `to` days whole. Days are the browser's local days; the server rounds
// the range to whole UTC hours (docs/reports.md).

export const RANGE_PRESETS = ['7d', '30d', 'month', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_LABELS: Record<RangePreset, string> = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  month: 'This month',
  custom: 'Custom',
};

export interface ReportFilters {
  range: RangePreset;
  /** Custom range: first and last day counted, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** One team's chats; '' for every chat the viewer may see. */
  teamId: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A local day as `YYYY-MM-DD`. */
export function dayString(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());

/** The filters a query names; anything missing or malformed falls back to the last 7 days. */
export function readFilters(query: URLSearchParams, now: Date): ReportFilters {
  const range = query.get('range');
  const preset = (RANGE_PRESETS as readonly string[]).includes(range ?? '')
    ? (range as RangePreset)
    : '7d';
  const today = dayString(now);
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  return {
    range: preset,
    from: DAY.test(from) ? from : today,
    to: DAY.test(to) ? to : today,
    teamId: query.get('team') ?? '',
  };
}

/** The query for the filters, leaving out what is the default (a custom range keeps its days). */
export function writeFilters(filters: ReportFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.range !== '7d') query.set('range', filters.range);
  if (filters.range === 'custom') {
    query.set('from', filters.from);
    query.set('to', filters.to);
  }
  if (filters.teamId) query.set('team', filters.teamId);
  return query;
}

/** The instants the filters cover, `to` exclusive; null for a custom range that ends first. */
export function rangeOf(filters: ReportFilters, now: Date): { from: Date; to: Date } | null {
  const today = startOfDay(now);
  switch (filters.range) {
    case '7d':
      return {
        from: new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6),
        to: now,
      };
    case '30d':
      return {
        from: new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29),
        to: now,
      };
    case 'month':
      return { from: new Date(today.getFullYear(), today.getMonth(), 1), to: now };
    case 'custom': {
      const [fy, fm, fd] = filters.from.split('-').map(Number) as [number, number, number];
      const [ty, tm, td] = filters.to.split('-').map(Number) as [number, number, number];
      const from = new Date(fy, fm - 1, fd);
      const to = new Date(ty, tm - 1, td + 1);
      return to <= from ? null : { from, to };
    }
  }
}

// The Reports page's tiles: each metric of a chat report as a label, its value as read at a
// glance, a line under it, the plain-language definition docs/reports.md gives it, and (given
// the previous period's report) its change since then (reportComparison.ts).
import type { ChatReport } from '../../../shared/reportsApi.js';
import { formatDuration } from '../../format/time.js';
import { withChanges, type Compared, type TileChange } from './reportComparison.js';

export interface ReportTile {
  label: string;
  value: string;
  /** A second line: how many the value is of (a CSAT's ratings, a duration's chats). */
  detail?: string;
  definition: string;
  /** Against the previous period, when its report is given. */
  change?: TileChange;
}

const COMPARED: Record<string, Compared<ChatReport>> = {
  Chats: { measure: (r) => r.chats, better: null },
  'Median wait': { measure: (r) => r.wait.medianMs, better: 'down' },
  '90th percentile wait': { measure: (r) => r.wait.p90Ms, better: 'down' },
  'Median first response': { measure: (r) => r.firstResponse.medianMs, better: 'down' },
  'Median handle time': { measure: (r) => r.handle.medianMs, better: null },
  Abandoned: { measure: (r) => r.abandoned, better: 'down' },
  Unanswered: { measure: (r) => r.unanswered, better: 'down' },
  Transfers: { measure: (r) => r.transfers, better: 'down' },
  CSAT: { measure: (r) => r.csat, better: 'up', kind: 'points' },
};

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A duration from the report (ms, null when nothing had one) as "45 s", "3 min", or "—". */
export const durationText = (ms: number | null): string =>
  ms === null ? '—' : ms < 1000 ? '< 1 s' : formatDuration(ms / 1000);

export const ratingsCount = (ratings: ChatReport['ratings']): number =>
  ratings['1'] + ratings['2'] + ratings['3'] + ratings['4'] + ratings['5'];

/** The tiles of `report`, each with its change since `previous` when that is given. */
export function reportTiles(
  report: ChatReport,
  previous?: { report: ChatReport; label: string },
): ReportTile[] {
  const tiles = currentTiles(report);
  return previous ? withChanges(tiles, COMPARED, report, previous) : tiles;
}

function currentTiles(report: ChatReport): ReportTile[] {
  const rated = ratingsCount(report.ratings);
  const of = (n: number) => `of ${count(n, 'chat', 'chats')}`;
  return [
    {
      label: 'Chats',
      value: String(report.chats),
      definition: 'Chats started in the period.',
    },
    {
      label: 'Median wait',
      value: durationText(report.wait.medianMs),
      detail: of(report.wait.count),
      definition:
        'Half the customers waited less than this from starting the chat to an agent getting it. Chats never assigned have no wait.',
    },
    {
      label: '90th percentile wait',
      value: durationText(report.wait.p90Ms),
      detail: of(report.wait.count),
      definition: 'Nine customers in ten waited less than this for an agent.',
    },
    {
      label: 'Median first response',
      value: durationText(report.firstResponse.medianMs),
      detail: of(report.firstResponse.count),
      definition:
        'From the first agent getting the chat to the first message an agent sent the customer; notes do not count, and a transfer does not restart it.',
    },
    {
      label: 'Median handle time',
      value: durationText(report.handle.medianMs),
      detail: of(report.handle.count),
      definition: 'From the first agent getting the chat to its end, for ended chats.',
    },
    {
      label: 'Abandoned',
      value: String(report.abandoned),
      definition:
        'Chats that ended before any agent got them: the customer left, or the chat was closed while it waited.',
    },
    {
      label: 'Unanswered',
      value: String(report.unanswered),
      definition: 'Chats an agent got that ended without a single agent message to the customer.',
    },
    {
      label: 'Transfers',
      value: String(report.transfers),
      detail: `in ${count(report.transferredChats, 'chat', 'chats')}`,
      definition: 'Moves of an assigned chat to another agent or to a team.',
    },
    {
      label: 'CSAT',
      value: report.csat === null ? '—' : `${Math.round(report.csat * 100)} %`,
      detail: count(rated, 'rating', 'ratings'),
      definition: 'The share of rated chats rated 4 or 5 out of 5.',
    },
  ];
}

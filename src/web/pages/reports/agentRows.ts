// The agent table of the Reports page: its columns, each with the text a cell shows and the
// value it sorts by (docs/reports.md, "Agents"). A row without a value (no CSAT, no
// utilisation) sorts after every row with one, whichever the direction.
import type { AgentReport } from '../../../shared/reportsApi.js';
import { durationText } from './reportTiles.js';

export type AgentRow = AgentReport['agents'][number];
export type AgentColumnKey =
  'name' | 'chats' | 'firstResponse' | 'csat' | 'online' | 'busy' | 'away' | 'utilisation';

export interface AgentColumn {
  key: AgentColumnKey;
  label: string;
  /** What the column sorts by; null when the row has none. */
  value: (row: AgentRow) => string | number | null;
  text: (row: AgentRow) => string;
}

export interface AgentSort {
  key: AgentColumnKey;
  direction: 'ascending' | 'descending';
}

/** Time in a status: none is 0 s (a duration report's "< 1 s" would read as something). */
const timeText = (ms: number) => (ms === 0 ? '0 s' : durationText(ms));
const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

export const AGENT_COLUMNS: readonly AgentColumn[] = [
  { key: 'name', label: 'Agent', value: (r) => r.name, text: (r) => r.name },
  { key: 'chats', label: 'Chats', value: (r) => r.chats, text: (r) => String(r.chats) },
  {
    key: 'firstResponse',
    label: 'Median first response',
    value: (r) => r.firstResponse.medianMs,
    text: (r) => durationText(r.firstResponse.medianMs),
  },
  { key: 'csat', label: 'CSAT', value: (r) => r.csat, text: (r) => percent(r.csat) },
  {
    key: 'online',
    label: 'Online',
    value: (r) => r.time.onlineMs,
    text: (r) => timeText(r.time.onlineMs),
  },
  {
    key: 'busy',
    label: 'Busy',
    value: (r) => r.time.busyMs,
    text: (r) => timeText(r.time.busyMs),
  },
  {
    key: 'away',
    label: 'Away',
    value: (r) => r.time.awayMs,
    text: (r) => timeText(r.time.awayMs),
  },
  {
    key: 'utilisation',
    label: 'Utilisation',
    value: (r) => r.utilisation,
    text: (r) => percent(r.utilisation),
  },
];

/** Clicking a column sorts by it (names A to Z, numbers highest first), again reverses it. */
export function nextSort(current: AgentSort, key: AgentColumnKey): AgentSort {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: key === 'name' ? 'ascending' : 'descending' };
}

export function sortAgentRows(rows: readonly AgentRow[], sort: AgentSort): AgentRow[] {
  const column = AGENT_COLUMNS.find((c) => c.key === sort.key)!;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - Number(y);
    return order !== 0 ? sign * order : a.name.localeCompare(b.name);
  });
}

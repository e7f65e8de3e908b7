// The Reports page's filters as its address keeps them (`/reports?range=30d&team=…&priority=high`,
// so a view can be linked), the choices of agent and topic the teams shown offer, and the range of time a choice means on the browser's clock: the last 7 or 30
// days are today and the days before it, this month runs from its first day; a custom range
// counts its `from` and `to` days whole. Days are the browser's local days; the server rounds
// the range to whole UTC hours (docs/reports.md).

import type { ChatReportQuery } from '../../../shared/reportsApi.js';
import type { Person } from '../../../shared/api.js';
import type { Topic } from '../../../shared/teamsApi.js';
import { PRIORITIES, type Priority } from '../../../shared/vocabulary.js';

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
  /** One agent's, topic's or priority's chats; '' for any. */
  agentId: string;
  topicId: string;
  priority: Priority | '';
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
  const priority = query.get('priority');
  return {
    range: preset,
    from: DAY.test(from) ? from : today,
    to: DAY.test(to) ? to : today,
    teamId: query.get('team') ?? '',
    agentId: query.get('agent') ?? '',
    topicId: query.get('topic') ?? '',
    priority: (PRIORITIES as readonly string[]).includes(priority ?? '')
      ? (priority as Priority)
      : '',
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
  if (filters.agentId) query.set('agent', filters.agentId);
  if (filters.topicId) query.set('topic', filters.topicId);
  if (filters.priority) query.set('priority', filters.priority);
  return query;
}

/** The filters every chat section sends beside its range ('' left out). */
export function chatFiltersOf(filters: ReportFilters): Omit<ChatReportQuery, 'from' | 'to'> {
  return {
    teamId: filters.teamId || undefined,
    agentId: filters.agentId || undefined,
    topicId: filters.topicId || undefined,
    priority: filters.priority || undefined,
  };
}

/**
 * The agents and topics to offer: those of the team chosen, else of every team listed (a lead's
 * teams; for a super admin every team, and the topics of no team too), by name. An agent of no
 * team is not offered (the API still takes their id).
 */
export function filterChoices(
  teams: ReadonlyArray<{
    id: string;
    members: ReadonlyArray<{ agent: Pick<Person, 'id' | 'name'> }>;
  }>,
  topics: readonly Pick<Topic, 'id' | 'name' | 'team'>[],
  teamId: string,
  superAdmin: boolean,
): { agents: Array<readonly [string, string]>; topics: Array<readonly [string, string]> } {
  const shown = teamId ? teams.filter((team) => team.id === teamId) : teams;
  const agents = new Map<string, string>();
  for (const team of shown) for (const m of team.members) agents.set(m.agent.id, m.agent.name);
  const teamIds = new Set(shown.map((team) => team.id));
  const offered = topics.filter((topic) =>
    topic.team ? teamIds.has(topic.team.id) : superAdmin && !teamId,
  );
  const byName = (a: readonly [string, string], b: readonly [string, string]) =>
    a[1].localeCompare(b[1]);
  return {
    agents: [...agents].sort(byName),
    topics: offered.map((topic) => [topic.id, topic.name] as const).sort(byName),
  };
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

// Each report of the page as a table for its CSV download: the numbers the page shows, in plain
// units (durations in seconds with one decimal, shares from 0 to 1, empty where there is none),
// built from the report the page already holds, so the file says what the page said. The raw
// chats and tickets download from the server instead (chats.csv, tickets.csv), streamed, since a
// year of them is never on the page.
import type {
  AgentReport,
  ChatDaily,
  ChatHeatmap,
  ChatReport,
  DurationSummary,
} from '../../../shared/reportsApi.js';
import type { SurveyReport } from '../../../shared/surveysApi.js';
import type { TicketReport } from '../../../shared/ticketReportsApi.js';
import type { z } from 'zod';
import { WEEKDAYS } from './heatmapCells.js';

export type CsvCell = string | number | boolean | null;

export interface CsvTable {
  /** The file's name, without the range and extension. */
  name: string;
  columns: string[];
  rows: CsvCell[][];
}

type Summary = z.infer<typeof DurationSummary>;
type Metrics = Omit<ChatReport, 'from' | 'to' | 'teamIds'>;

const seconds = (ms: number | null): number | null =>
  ms === null ? null : Math.round(ms / 100) / 10;

const durationColumns = (name: string) => [
  `${name}_count`,
  `${name}_mean_s`,
  `${name}_median_s`,
  `${name}_p90_s`,
];
const durationCells = (summary: Summary): CsvCell[] => [
  summary.count,
  seconds(summary.meanMs),
  seconds(summary.medianMs),
  seconds(summary.p90Ms),
];

const METRIC_COLUMNS = [
  'chats',
  'abandoned',
  'unanswered',
  'transfers',
  'transferred_chats',
  ...durationColumns('wait'),
  ...durationColumns('first_response'),
  ...durationColumns('handle'),
  'rated_1',
  'rated_2',
  'rated_3',
  'rated_4',
  'rated_5',
  'csat',
];

const metricCells = (m: Metrics): CsvCell[] => [
  m.chats,
  m.abandoned,
  m.unanswered,
  m.transfers,
  m.transferredChats,
  ...durationCells(m.wait),
  ...durationCells(m.firstResponse),
  ...durationCells(m.handle),
  m.ratings['1'],
  m.ratings['2'],
  m.ratings['3'],
  m.ratings['4'],
  m.ratings['5'],
  m.csat,
];

/** The chat report: one row, its range first. */
export function chatReportCsv(report: ChatReport): CsvTable {
  return {
    name: 'chat-report',
    columns: ['from', 'to', ...METRIC_COLUMNS],
    rows: [[report.from, report.to, ...metricCells(report)]],
  };
}

/** One row per agent: their chat metrics, then their time in each status and utilisation. */
export function agentReportCsv(report: AgentReport): CsvTable {
  return {
    name: 'agent-report',
    columns: [
      'agent_id',
      'name',
      'active',
      ...METRIC_COLUMNS,
      'online_s',
      'busy_s',
      'away_s',
      'offline_s',
      'utilisation',
    ],
    rows: report.agents.map((agent) => [
      agent.agentId,
      agent.name,
      agent.isActive,
      ...metricCells(agent),
      seconds(agent.time.onlineMs),
      seconds(agent.time.busyMs),
      seconds(agent.time.awayMs),
      seconds(agent.time.offlineMs),
      agent.utilisation,
    ]),
  };
}

/** One row per day on the desk's clock. */
export function dailyCsv(daily: ChatDaily): CsvTable {
  return {
    name: 'chats-per-day',
    columns: ['date', 'hours', 'chats', 'waited', 'wait_median_s'],
    rows: daily.days.map((day) => [
      day.date,
      day.hours,
      day.chats,
      day.waited,
      seconds(day.waitMedianMs),
    ]),
  };
}

/** One row per weekday and hour (Monday first), with the real hours the cell spans. */
export function heatmapCsv(heatmap: ChatHeatmap): CsvTable {
  const rows: CsvCell[][] = [];
  heatmap.chats.forEach((hours, day) =>
    hours.forEach((chats, hour) =>
      rows.push([WEEKDAYS[day]!, hour, chats, heatmap.hoursPerCell[day]![hour]!]),
    ),
  );
  return { name: 'busiest-hours', columns: ['weekday', 'hour', 'chats', 'hours'], rows };
}

/** One row per question, then one per rating comment (`kind` says which). */
export function surveyCsv(report: SurveyReport): CsvTable {
  return {
    name: 'survey-results',
    columns: ['kind', 'question', 'answers', 'mean', 'rating', 'comment', 'agent', 'rated_at'],
    rows: [
      ...report.questions.map((q): CsvCell[] => [
        q.removed ? 'question (no longer asked)' : 'question',
        q.text,
        q.answers,
        q.average,
        null,
        null,
        null,
        null,
      ]),
      ...report.comments.map((c): CsvCell[] => [
        'comment',
        null,
        null,
        null,
        c.rating,
        c.comment,
        c.agentName,
        c.ratedAt,
      ]),
    ],
  };
}

/** The ticket report as figure and value, one row each (its backlog per day follows). */
export function ticketReportCsv(report: TicketReport): CsvTable {
  const rows: CsvCell[][] = [
    ['created', report.created],
    ['solved', report.solved],
    ['reopened', report.reopened],
    ['backlog_now', report.backlogNow],
  ];
  for (const [name, times] of [
    ['first_response', report.firstResponse],
    ['resolution', report.resolution],
  ] as const) {
    for (const clock of ['calendar', 'business'] as const) {
      const summary = times[clock];
      rows.push(
        [`${name}_${clock}_count`, summary.count],
        [`${name}_${clock}_median_s`, seconds(summary.medianMs)],
        [`${name}_${clock}_p90_s`, seconds(summary.p90Ms)],
      );
    }
  }
  for (const target of ['firstResponse', 'resolution'] as const) {
    const sla = report.sla[target];
    const name = target === 'firstResponse' ? 'first_response' : 'resolution';
    rows.push(
      [`sla_${name}_achieved`, sla.achieved],
      [`sla_${name}_breached`, sla.breached],
      [`sla_${name}_achievement`, sla.achievement],
    );
  }
  rows.push(['survey_rated', report.satisfaction.rated], ['survey_csat', report.satisfaction.csat]);
  for (const day of report.backlog) rows.push([`backlog_${day.date}`, day.backlog]);
  return { name: 'ticket-report', columns: ['figure', 'value'], rows };
}

/** `name-FROM-TO.csv`, the range's ends as dates. */
export const csvFileName = (table: CsvTable, range: { from: string; to: string }) =>
  `${table.name}-${range.from.slice(0, 10)}-${range.to.slice(0, 10)}.csv`;

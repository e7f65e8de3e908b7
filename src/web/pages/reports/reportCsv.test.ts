import { describe, expect, it } from 'vitest';
import type { AgentReport, ChatHeatmap, ChatReport } from '../../../shared/reportsApi.js';
import type { TicketReport } from '../../../shared/ticketReportsApi.js';
import {
  agentReportCsv,
  chatReportCsv,
  csvFileName,
  heatmapCsv,
  ticketReportCsv,
} from './reportCsv.js';

const none = { count: 0, meanMs: null, medianMs: null, p90Ms: null };
const metrics = {
  chats: 3,
  abandoned: 1,
  unanswered: 0,
  transfers: 2,
  transferredChats: 1,
  wait: { count: 2, meanMs: 61_234, medianMs: 60_000, p90Ms: 90_049 },
  firstResponse: none,
  handle: none,
  ratings: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 1 },
  csat: 0.5,
};
const range = { from: '2026-06-01T00:00:00.000Z', to: '2026-06-08T00:00:00.000Z', teamIds: null };

/** The row of `table` as an object of its columns. */
const record = (table: { columns: string[]; rows: unknown[][] }, row = 0) =>
  Object.fromEntries(table.columns.map((column, i) => [column, table.rows[row]![i]]));

describe('report tables for CSV', () => {
  it('writes the chat report as one row, durations in seconds, nothing as empty', () => {
    const table = chatReportCsv({ ...range, ...metrics } as ChatReport);
    expect(table.rows).toHaveLength(1);
    expect(record(table)).toMatchObject({
      from: range.from,
      chats: 3,
      wait_count: 2,
      wait_mean_s: 61.2,
      wait_median_s: 60,
      wait_p90_s: 90,
      first_response_median_s: null,
      rated_3: 1,
      rated_5: 1,
      csat: 0.5,
    });
    expect(table.columns).toHaveLength(table.rows[0]!.length);
  });

  it('gives each agent a row with their time and utilisation', () => {
    const report = {
      ...range,
      agents: [
        {
          agentId: 'a1',
          name: 'Ama',
          isActive: true,
          time: { onlineMs: 3_600_000, busyMs: 0, awayMs: 1_500, offlineMs: 0 },
          utilisation: 0.25,
          ...metrics,
        },
        {
          agentId: 'a2',
          name: 'Kofi',
          isActive: false,
          time: { onlineMs: 0, busyMs: 0, awayMs: 0, offlineMs: 60_000 },
          utilisation: null,
          ...metrics,
        },
      ],
    } as AgentReport;
    const table = agentReportCsv(report);
    expect(table.rows.map((row) => row[1])).toEqual(['Ama', 'Kofi']);
    expect(record(table, 0)).toMatchObject({ online_s: 3600, away_s: 1.5, utilisation: 0.25 });
    expect(record(table, 1)).toMatchObject({ active: false, utilisation: null, offline_s: 60 });
  });

  it('writes the heatmap as 168 rows, Monday first, with the hours of each cell', () => {
    const chats = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    const hoursPerCell = Array.from({ length: 7 }, () => Array<number>(24).fill(1));
    chats[0]![9] = 4;
    hoursPerCell[6]![2] = 2;
    const table = heatmapCsv({ ...range, timeZone: 'UTC', chats, hoursPerCell } as ChatHeatmap);
    expect(table.rows).toHaveLength(168);
    expect(table.rows[9]).toEqual(['Monday', 9, 4, 1]);
    expect(table.rows[6 * 24 + 2]).toEqual(['Sunday', 2, 0, 2]);
  });

  it('writes the ticket report as figure and value, with the backlog per day', () => {
    const times = { calendar: none, business: { ...none, count: 1, medianMs: 7_200_000 } };
    const target = { achieved: 3, breached: 1, open: 0, achievement: 0.75 };
    const report = {
      ...range,
      created: 5,
      solved: 2,
      reopened: 1,
      backlogNow: 3,
      backlog: [{ date: '2026-06-01', backlog: 4 }],
      firstResponse: times,
      resolution: times,
      sla: { firstResponse: target, resolution: target },
      satisfaction: { rated: 1, csat: 1, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } },
    } as unknown as TicketReport;
    const values = Object.fromEntries(ticketReportCsv(report).rows);
    expect(values).toMatchObject({
      created: 5,
      first_response_business_median_s: 7200,
      sla_resolution_achievement: 0.75,
      survey_csat: 1,
      'backlog_2026-06-01': 4,
    });
  });

  it('names the file by the report and its range', () => {
    expect(csvFileName({ name: 'agent-report', columns: [], rows: [] }, range)).toBe(
      'agent-report-2026-06-01-2026-06-08.csv',
    );
  });
});

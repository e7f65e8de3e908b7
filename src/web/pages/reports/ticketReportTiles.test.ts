import { describe, expect, it } from 'vitest';
import type { TicketReport } from '../../../shared/ticketReportsApi.js';
import { ticketReportTiles } from './ticketReportTiles.js';

const none = { count: 0, meanMs: null, medianMs: null, p90Ms: null };
const HOUR = 3_600_000;
const report: TicketReport = {
  from: '2026-01-05T00:00:00.000Z',
  to: '2026-01-07T00:00:00.000Z',
  teamIds: null,
  created: 3,
  solved: 1,
  reopened: 1,
  backlogNow: 2,
  backlog: [{ date: '2026-01-05', backlog: 1 }],
  firstResponse: {
    calendar: { count: 3, meanMs: 7 * HOUR, medianMs: 18 * HOUR, p90Ms: 18 * HOUR },
    business: { count: 1, meanMs: 2 * HOUR, medianMs: 2 * HOUR, p90Ms: 2 * HOUR },
  },
  resolution: { calendar: none, business: none },
  sla: {
    firstResponse: { achieved: 3, breached: 1, open: 0, achievement: 0.75 },
    resolution: { achieved: 0, breached: 0, open: 2, achievement: null },
  },
  satisfaction: { rated: 3, csat: 2 / 3, distribution: { '1': 1, '2': 0, '3': 0, '4': 1, '5': 1 } },
};

describe('the ticket report tiles', () => {
  it('reads each figure at a glance, business hours first', () => {
    const tiles = Object.fromEntries(
      ticketReportTiles(report).map((tile) => [tile.label, [tile.value, tile.detail]]),
    );
    expect(tiles).toEqual({
      Created: ['3', undefined],
      Solved: ['1', undefined],
      Reopened: ['1', undefined],
      'Backlog now': ['2', undefined],
      'Median first response': ['2 h', 'in business hours, of 1 ticket; 18 h on the clock'],
      'Median resolution': ['—', 'in business hours, of 0 tickets; — on the clock'],
      'First response SLA': ['75 %', '3 met, 1 missed'],
      'Resolution SLA': ['—', '0 met, 0 missed'],
      'Ticket CSAT': ['67 %', '3 answers'],
    });
  });

  it('compares each figure with the previous period, the backlog with the one it started with', () => {
    const before: TicketReport = {
      ...report,
      created: 4,
      solved: 2,
      reopened: 0,
      backlogNow: 2,
      // Its last day's end is where this period starts.
      backlog: [
        { date: '2026-01-03', backlog: 3 },
        { date: '2026-01-04', backlog: 4 },
      ],
      firstResponse: { ...report.firstResponse, business: { ...none, count: 2, medianMs: HOUR } },
      sla: { ...report.sla, firstResponse: { ...report.sla.firstResponse, achievement: 0.5 } },
      satisfaction: { ...report.satisfaction, rated: 0, csat: null },
    };
    const changes = Object.fromEntries(
      ticketReportTiles(report, { report: before, label: 'previous 2 days' }).map((tile) => [
        tile.label,
        tile.change && [tile.change.text, tile.change.tone],
      ]),
    );
    expect(changes).toEqual({
      Created: ['▼ 25 % vs previous 2 days', 'neutral'],
      Solved: ['▼ 50 % vs previous 2 days', 'worse'],
      Reopened: ['▲ from 0 vs previous 2 days', 'worse'],
      'Backlog now': ['▼ 50 % vs the period’s start', 'better'],
      'Median first response': ['▲ 100 % vs previous 2 days', 'worse'],
      'Median resolution': ['none in the previous 2 days', 'neutral'],
      'First response SLA': ['▲ 25 pts vs previous 2 days', 'better'],
      'Resolution SLA': ['none in the previous 2 days', 'neutral'],
      'Ticket CSAT': ['none in the previous 2 days', 'neutral'],
    });
  });

  it('shows no change without a previous period', () => {
    expect(ticketReportTiles(report).every((tile) => tile.change === undefined)).toBe(true);
  });
});

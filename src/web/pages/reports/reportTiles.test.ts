import { describe, expect, it } from 'vitest';
import type { ChatReport } from '../../../shared/reportsApi.js';
import { durationText, reportTiles } from './reportTiles.js';

const none = { count: 0, meanMs: null, medianMs: null, p90Ms: null };
const report: ChatReport = {
  from: '2026-03-12T00:00:00.000Z',
  to: '2026-03-18T16:00:00.000Z',
  teamIds: null,
  chats: 4,
  abandoned: 1,
  unanswered: 0,
  transfers: 2,
  transferredChats: 1,
  wait: { count: 3, meanMs: 50_000, medianMs: 45_255, p90Ms: 181_019 },
  firstResponse: { count: 3, meanMs: 400, medianMs: 500, p90Ms: 500 },
  handle: none,
  ratings: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 1 },
  csat: 2 / 3,
};

describe('the report tiles', () => {
  it('reads each metric at a glance, with what it is of', () => {
    const tiles = Object.fromEntries(
      reportTiles(report).map((tile) => [tile.label, [tile.value, tile.detail]]),
    );
    expect(tiles).toEqual({
      Chats: ['4', undefined],
      'Median wait': ['45 s', 'of 3 chats'],
      '90th percentile wait': ['3 min', 'of 3 chats'],
      'Median first response': ['< 1 s', 'of 3 chats'],
      'Median handle time': ['—', 'of 0 chats'],
      Abandoned: ['1', undefined],
      Unanswered: ['0', undefined],
      Transfers: ['2', 'in 1 chat'],
      CSAT: ['67 %', '3 ratings'],
    });
  });

  it('gives every tile a definition, and no CSAT without ratings', () => {
    const empty = { ...report, csat: null, ratings: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } };
    const tiles = reportTiles(empty);
    expect(tiles.every((tile) => tile.definition.length > 20)).toBe(true);
    expect(tiles.find((tile) => tile.label === 'CSAT')).toMatchObject({
      value: '—',
      detail: '0 ratings',
    });
    expect(durationText(3_723_000)).toBe('1 h 2 min');
  });

  it('compares every tile with the previous period, each metric its own way round', () => {
    const before: ChatReport = {
      ...report,
      chats: 5,
      wait: { ...report.wait, medianMs: 30_000 },
      abandoned: 2,
      csat: 0.5,
    };
    const changes = Object.fromEntries(
      reportTiles(report, { report: before, label: 'previous 7 days' }).map((tile) => [
        tile.label,
        [tile.change?.text, tile.change?.tone],
      ]),
    );
    expect(changes).toMatchObject({
      Chats: ['▼ 20 % vs previous 7 days', 'neutral'],
      'Median wait': ['▲ 51 % vs previous 7 days', 'worse'],
      Abandoned: ['▼ 50 % vs previous 7 days', 'better'],
      Transfers: ['no change vs previous 7 days', 'neutral'],
      CSAT: ['▲ 17 pts vs previous 7 days', 'better'],
      'Median handle time': ['none in the previous 7 days', 'neutral'],
    });
    expect(reportTiles(report).every((tile) => tile.change === undefined)).toBe(true);
  });
});

// The reports scenario at quick size: a quarter of a few thousand chats is generated and rolled up,
// every report has its figures beside a raw baseline on each database that answered, and what
// the reports count is what was generated (the rollups saw every chat, once).
import { expect, it } from 'vitest';
import { QUICK_TIMEOUT_MS, runQuick } from './quickRun.js';

interface Counted {
  chats: number;
  abandoned: number;
  unanswered: number;
  transfers: number;
  rated: number;
}

it('runs the reports scenario at quick size', { timeout: QUICK_TIMEOUT_MS }, () => {
  const report = runQuick('reports');
  const details = report.scenarios[0]!.details as Record<
    string,
    {
      generated?: Counted & { byTeam: Record<string, number> };
      reported?: Counted & { heatmapChats: number; leadChats: number };
      leadTeamChats?: number;
      catchUp?: { hours: number };
    }
  >;
  const kinds = ['sqlite', 'postgres'].filter((kind) => details[kind]);
  expect(kinds).toContain('sqlite');
  for (const kind of kinds) {
    const { generated, reported, leadTeamChats, catchUp } = details[kind]!;
    expect(generated!.chats).toBeGreaterThan(1000);
    expect(reported).toEqual({
      chats: generated!.chats,
      abandoned: generated!.abandoned,
      unanswered: generated!.unanswered,
      transfers: generated!.transfers,
      rated: generated!.rated,
      heatmapChats: generated!.chats,
      leadChats: leadTeamChats,
    });
    expect(leadTeamChats).toBeGreaterThan(0);
    expect(catchUp!.hours).toBeGreaterThan(0);
    for (const name of ['chat report', 'heatmap', 'agent report', 'ticket report']) {
      for (const viewer of ['super admin', 'team lead']) {
        const rows = report.byMetric(`${name} for 90 days, as ${viewer}, ${kind}`);
        expect(rows.length, `${name} ${viewer} ${kind}`).toBe(2);
        for (const row of rows) {
          expect(row.value).toBeGreaterThan(0);
          expect(row.baseline).toBeGreaterThan(0);
        }
      }
    }
    const [delivery] = report
      .byMetric(`delivery p99 while reports are requested`)
      .filter((r) => r.metric.endsWith(kind));
    expect(delivery!.value).toBeGreaterThan(0);
    expect(delivery!.baseline).toBeGreaterThan(0);
  }
});

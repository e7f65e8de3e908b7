import { describe, expect, it } from 'vitest';
import { AGENT_COLUMNS, nextSort, sortAgentRows, type AgentRow } from './agentRows.js';

const row = (name: string, chats: number, utilisation: number | null, csat: number | null) =>
  ({
    agentId: name,
    name,
    isActive: true,
    chats,
    csat,
    utilisation,
    firstResponse: { medianMs: chats * 1000 },
    time: { onlineMs: 3_600_000, busyMs: 0, awayMs: 90_000, offlineMs: 0 },
  }) as unknown as AgentRow;

const names = (rows: AgentRow[]) => rows.map((r) => r.name);

describe('the agent table', () => {
  const rows = [row('Kofi', 3, 0.5, null), row('Ama', 7, null, 0.8), row('Esi', 5, 0.9, 1)];

  it('sorts by a number highest first, then reversed, with rows lacking one last either way', () => {
    const down = nextSort({ key: 'name', direction: 'ascending' }, 'utilisation');
    expect(down).toEqual({ key: 'utilisation', direction: 'descending' });
    expect(names(sortAgentRows(rows, down))).toEqual(['Esi', 'Kofi', 'Ama']);
    const up = nextSort(down, 'utilisation');
    expect(names(sortAgentRows(rows, up))).toEqual(['Kofi', 'Esi', 'Ama']);
  });

  it('sorts names A to Z first', () => {
    const sort = nextSort({ key: 'chats', direction: 'descending' }, 'name');
    expect(names(sortAgentRows(rows, sort))).toEqual(['Ama', 'Esi', 'Kofi']);
  });

  it('shows durations, shares and missing values as read at a glance', () => {
    const text = (key: string, r: AgentRow) => AGENT_COLUMNS.find((c) => c.key === key)!.text(r);
    expect(text('online', rows[0]!)).toBe('1 h');
    expect(text('away', rows[0]!)).toBe('1 min');
    expect(text('busy', rows[0]!)).toBe('0 s');
    expect(text('utilisation', rows[0]!)).toBe('50 %');
    expect(text('utilisation', rows[1]!)).toBe('—');
    expect(text('csat', rows[1]!)).toBe('80 %');
  });
});

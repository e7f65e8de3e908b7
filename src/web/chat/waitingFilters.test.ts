import { describe, expect, it } from 'vitest';
import {
  ALL,
  applyWaitingFilter,
  NO_TEAM,
  queuePlaceLabel,
  waitingFilters,
} from './waitingFilters.js';

const finance = { id: 'f', name: 'Finance' };
const it_ = { id: 'i', name: 'IT' };
const records = { id: 'r', name: 'Records' };
const chat = (id: string, team: { id: string; name: string } | null) => ({ id, team });

describe('waitingFilters', () => {
  it('offers nothing when no team is involved', () => {
    expect(waitingFilters([chat('a', null)], [])).toEqual([]);
  });

  it("lists the agent's teams first, even empty, then other teams waiting, then no team", () => {
    const waiting = [chat('a', records), chat('b', null), chat('c', finance), chat('d', records)];
    expect(waitingFilters(waiting, [it_, finance])).toEqual([
      { id: ALL, label: 'All', count: 4 },
      { id: 'f', label: 'Finance', count: 1 },
      { id: 'i', label: 'IT', count: 0 },
      { id: 'r', label: 'Records', count: 2 },
      { id: NO_TEAM, label: 'No team', count: 1 },
    ]);
  });
});

describe('applyWaitingFilter', () => {
  const waiting = [chat('a', records), chat('b', null), chat('c', finance), chat('d', records)];
  it('keeps routing order within a team, and picks out chats of no team', () => {
    expect(applyWaitingFilter(waiting, 'r').map((s) => s.id)).toEqual(['a', 'd']);
    expect(applyWaitingFilter(waiting, NO_TEAM).map((s) => s.id)).toEqual(['b']);
    expect(applyWaitingFilter(waiting, ALL).map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(applyWaitingFilter(waiting, 'gone')).toEqual([]);
  });
});

describe('queuePlaceLabel', () => {
  it("names the team's queue", () => {
    expect(queuePlaceLabel(1, null)).toBe('Next in queue');
    expect(queuePlaceLabel(3, finance)).toBe('No. 3 in Finance');
  });
});

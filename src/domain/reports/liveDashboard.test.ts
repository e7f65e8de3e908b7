import { describe, expect, it } from 'vitest';
import {
  dashboardSnapshot,
  NO_TEAM_NAME,
  pushDelay,
  type DashboardFacts,
} from './liveDashboard.js';

const NOW = Date.UTC(2026, 2, 29, 9, 0);
const MIN = 60_000;

const facts = (overrides: Partial<DashboardFacts> = {}): DashboardFacts => ({
  teams: [
    { id: 'fin', name: 'Finance' },
    { id: 'it', name: 'IT Support' },
  ],
  includeNoTeam: true,
  openChats: [
    { teamId: 'fin', status: 'waiting', chats: 3, oldestStartedAt: NOW - 7 * MIN },
    { teamId: 'fin', status: 'active', chats: 2, oldestStartedAt: NOW - 30 * MIN },
    { teamId: null, status: 'active', chats: 1, oldestStartedAt: NOW - MIN },
  ],
  agents: [
    { id: 'esi', name: 'Esi', status: 'online', openChats: 2, capacity: 3, teamId: 'fin' },
    { id: 'esi', name: 'Esi', status: 'online', openChats: 2, capacity: 3, teamId: 'it' },
    { id: 'kojo', name: 'Kojo', status: 'away', openChats: 0, capacity: 5, teamId: null },
  ],
  tickets: [],
  ticketsTotal: 0,
  ...overrides,
});

describe('the live dashboard snapshot', () => {
  it('gives each team its queue, longest wait and chats in progress, and the chats of no team', () => {
    const snapshot = dashboardSnapshot(facts(), null, NOW);
    expect(snapshot.teams).toEqual([
      {
        teamId: 'fin',
        name: 'Finance',
        queueLength: 3,
        waitingSince: new Date(NOW - 7 * MIN).toISOString(),
        longestWaitMs: 7 * MIN,
        inProgress: 2,
      },
      {
        teamId: 'it',
        name: 'IT Support',
        queueLength: 0,
        waitingSince: null,
        longestWaitMs: null,
        inProgress: 0,
      },
      {
        teamId: null,
        name: NO_TEAM_NAME,
        queueLength: 0,
        waitingSince: null,
        longestWaitMs: null,
        inProgress: 1,
      },
    ]);
  });

  it('leaves the chats of no team out when only some teams are covered', () => {
    const snapshot = dashboardSnapshot(facts({ includeNoTeam: false }), ['fin', 'it'], NOW);
    expect(snapshot.teams.map((team) => team.teamId)).toEqual(['fin', 'it']);
    expect(snapshot.teamIds).toEqual(['fin', 'it']);
  });

  it('lists each agent once with the teams they are in', () => {
    expect(dashboardSnapshot(facts(), null, NOW).agents).toEqual([
      {
        id: 'esi',
        name: 'Esi',
        status: 'online',
        openChats: 2,
        capacity: 3,
        teamIds: ['fin', 'it'],
      },
      { id: 'kojo', name: 'Kojo', status: 'away', openChats: 0, capacity: 5, teamIds: [] },
    ]);
  });

  it('marks the tickets whose due time has passed as overdue', () => {
    const ticket = {
      number: 7,
      subject: 'Refund',
      teamId: 'fin',
      assigneeId: null,
      assigneeName: null,
    };
    const snapshot = dashboardSnapshot(
      facts({
        tickets: [
          { ...ticket, id: 'late', nextDueAt: NOW - MIN },
          { ...ticket, id: 'soon', nextDueAt: NOW + 10 * MIN },
        ],
        ticketsTotal: 2,
      }),
      null,
      NOW,
    );
    expect(snapshot.ticketsAtRisk.map((t) => [t.ticketId, t.overdue])).toEqual([
      ['late', true],
      ['soon', false],
    ]);
    expect(snapshot.ticketsAtRiskTotal).toBe(2);
  });
});

describe('when a watcher hears the next snapshot', () => {
  it('gathers a first burst of changes briefly', () => {
    expect(pushDelay(null, NOW, 1000, 100)).toBe(100);
  });

  it('keeps pushes at least the interval apart', () => {
    expect(pushDelay(NOW - 300, NOW, 1000, 100)).toBe(700);
    expect(pushDelay(NOW - 5000, NOW, 1000, 100)).toBe(100);
  });
});

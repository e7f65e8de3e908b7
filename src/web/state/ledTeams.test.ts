import { describe, expect, it } from 'vitest';
import type { Team } from '../../shared/teamsApi.js';
import { ama } from '../testing/chatFixtures.js';
import { leadsTeamOf, teamsLedBy } from './ledTeams.js';

const kofi = { ...ama, id: 'kofi', name: 'Kofi' };

function team(id: string, members: Team['members'], archived = false): Team {
  return {
    id,
    name: id,
    description: '',
    archived,
    overflow: null,
    openingHours: null,
    members,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

describe('teamsLedBy', () => {
  it('keeps the teams the agent leads, not those they are only a member of, nor archived ones', () => {
    const teams = [
      team('finance', [
        { agent: ama, isLead: true },
        { agent: kofi, isLead: false },
      ]),
      team('it', [{ agent: ama, isLead: false }]),
      team('old', [{ agent: ama, isLead: true }], true),
    ];
    expect(teamsLedBy(teams, 'ama').map((t) => t.id)).toEqual(['finance']);
    expect(teamsLedBy(teams, 'kofi')).toEqual([]);
  });
});

describe('leadsTeamOf', () => {
  it("is true only for a chat of one of the lead's teams", () => {
    const led = [{ id: 'finance' }];
    expect(leadsTeamOf(led, { team: { id: 'finance' } })).toBe(true);
    expect(leadsTeamOf(led, { team: { id: 'it' } })).toBe(false);
    expect(leadsTeamOf(led, { team: null })).toBe(false);
    expect(leadsTeamOf([], { team: { id: 'finance' } })).toBe(false);
  });
});

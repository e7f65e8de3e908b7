// The teams the signed-in agent leads, for the whole sign-in: the agent's desk reads them from
// the API and keeps them here, and the conversation stores ask whether a chat is one the agent
// monitors as its team's lead (rather than one transferred away from them), and the chat window
// which actions to offer.
import type { Team } from '../../shared/teamsApi.js';
import { Observable } from './observable.js';

export const ledTeams = new Observable<readonly Team[]>([]);

/** The teams (not archived) where `agentId` is a lead, by name as the server lists them. */
export const teamsLedBy = (teams: readonly Team[], agentId: string): Team[] =>
  teams.filter(
    (team) => !team.archived && team.members.some((m) => m.agent.id === agentId && m.isLead),
  );

/** Whether one of `ledTeams` is the team of `session` (a chat without a team has no lead). */
export const leadsTeamOf = (
  led: readonly Pick<Team, 'id'>[],
  session: { team: { id: string } | null },
): boolean => session.team !== null && led.some((team) => team.id === session.team!.id);

// The teams the signed-in agent leads and belongs to, for the whole sign-in: the agent's desk
// reads them from the API and keeps them here; the conversation stores ask whether a chat is one
// the agent monitors as its team's lead (rather than one transferred away from them), the chat
// window which actions to offer, and the Waiting tab which team queues to offer first.
import type { Team } from '../../shared/teamsApi.js';
import { Observable } from './observable.js';

export const ledTeams = new Observable<readonly Team[]>([]);
export const memberTeams = new Observable<readonly Team[]>([]);

/** The teams (not archived) `agentId` belongs to, leading or not. */
export const teamsOf = (teams: readonly Team[], agentId: string): Team[] =>
  teams.filter((team) => !team.archived && team.members.some((m) => m.agent.id === agentId));

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

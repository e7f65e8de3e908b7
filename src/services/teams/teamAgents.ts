// A team's agents with their status, connection and load: what its leads watch, and super admins.
import { forbidden, notFound } from '../../domain/errors.js';
import { teamPolicy, type Viewer } from '../../domain/policies.js';
import { listAgentStates, type AgentStateRecord } from '../../storage/repositories/agents.js';
import { findTeam } from '../../storage/repositories/teams.js';
import type { ServiceContext } from '../context.js';
import { withLeadTeams } from './teamLeads.js';

export interface TeamAgentRecord extends AgentStateRecord {
  isLead: boolean;
}

export async function listTeamAgents(
  ctx: ServiceContext,
  viewer: Viewer,
  teamId: string,
): Promise<TeamAgentRecord[]> {
  const { db } = ctx.store;
  if (!teamPolicy.list(viewer)) throw forbidden('Teams are for agents');
  const team = await findTeam(db, teamId);
  if (!team) throw notFound('Team');
  if (!teamPolicy.seeAgents(await withLeadTeams(db, viewer), teamId)) {
    throw forbidden("Only the team's leads and super admins see its agents' load");
  }
  if (team.members.length === 0) return [];
  const leads = new Set(team.members.filter((m) => m.isLead).map((m) => m.agent.id));
  const states = await listAgentStates(db, {
    now: ctx.clock.now(),
    nodeStaleMs: ctx.settings.nodeStaleMs,
    agentIds: team.members.map((m) => m.agent.id),
  });
  return states.map((state) => ({ ...state, isLead: leads.has(state.agent.id) }));
}

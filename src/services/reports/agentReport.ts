// The agent report: per agent, the chats they handled in a range, their median first response
// and their CSAT, from the hourly rollups (docs/reports.md, "Agents"). Super admins see every
// agent, a team lead the agents of the teams they lead (counting those teams' chats), an agent
// their own row (counting all their chats, or one team's).
import { forbidden } from '../../domain/errors.js';
import { isSuperAdmin, reportPolicy, type Viewer } from '../../domain/policies.js';
import { chatMetrics, emptyRollup, type ChatMetrics } from '../../domain/reports/chatRollup.js';
import { sumRollupsByAgent } from '../../storage/repositories/reports/chatRollups.js';
import { reportAgents } from '../../storage/repositories/reports/reportAgents.js';
import type { ServiceContext } from '../context.js';
import { withLeadTeams } from '../teams/teamLeads.js';
import { hourRange, reportTeams } from './reportScope.js';

export interface AgentReportProps {
  viewer: Viewer;
  /** Epoch milliseconds; rounded outwards to whole UTC hours. */
  from: number;
  to: number;
  teamId?: string | undefined;
}

export interface AgentReportRow {
  agentId: string;
  name: string;
  isActive: boolean;
  metrics: ChatMetrics;
}

export interface AgentReportResult {
  from: number;
  to: number;
  /** The teams whose chats count; null: every chat. */
  teamIds: string[] | null;
  agents: AgentReportRow[];
}

export async function agentReport(
  ctx: ServiceContext,
  props: AgentReportProps,
): Promise<AgentReportResult> {
  const { db } = ctx.store;
  const viewer = await withLeadTeams(db, props.viewer);
  if (!reportPolicy.viewAgents(viewer)) {
    throw forbidden('The agent report is for the desk’s agents');
  }
  const { from, to } = hourRange(props.from, props.to);
  // An agent who leads no team reads their own chats: all of them, or one team's.
  const ownOnly = !isSuperAdmin(viewer) && (viewer.leadTeamIds ?? []).length === 0;
  const teamIds = ownOnly
    ? props.teamId === undefined
      ? null
      : [props.teamId]
    : await reportTeams(db, viewer, props.teamId);
  const rollups = await sumRollupsByAgent(db, {
    from,
    to,
    teamIds: teamIds ?? undefined,
    agentId: ownOnly ? viewer.id : undefined,
  });
  const candidates = await reportAgents(db, {
    withChats: ownOnly ? [viewer.id] : [...rollups.keys()],
    teamIds: ownOnly ? [] : teamIds,
  });
  const agents = candidates
    .filter((agent) => reportPolicy.viewAgentRow(viewer, agent))
    .map((agent) => ({
      agentId: agent.id,
      name: agent.name,
      isActive: agent.isActive,
      metrics: chatMetrics(rollups.get(agent.id) ?? emptyRollup()),
    }));
  return { from, to, teamIds, agents };
}

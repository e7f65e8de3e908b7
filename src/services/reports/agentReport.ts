// The agent report: per agent, the chats they handled in a range, their median first response
// and their CSAT, from the daily and hourly rollups (docs/reports.md, "Agents"). Super admins see
// every agent, a team lead the agents of the teams they lead (counting those teams' chats), an
// agent their own row (counting all their chats, or one team's). Each row also has the agent's
// time in each status and utilisation over the range, which are the agent's whole day whatever
// the team.
import { forbidden } from '../../domain/errors.js';
import { isSuperAdmin, reportPolicy, type Viewer } from '../../domain/policies.js';
import {
  availableSlotMs,
  elapsedRange,
  timeInStatus,
  utilisation,
  type StatusTime,
} from '../../domain/reports/agentTime.js';
import { chatMetrics, emptyRollup, type ChatMetrics } from '../../domain/reports/chatRollup.js';
import { heldChatMs, statusChangesIn } from '../../storage/repositories/reports/agentTime.js';
import { sumRollupsByAgent } from '../../storage/repositories/reports/chatRollups.js';
import { reportAgents } from '../../storage/repositories/reports/reportAgents.js';
import type { ServiceContext } from '../context.js';
import { withLeadTeams } from '../teams/teamLeads.js';
import { hourRange, reportTeams, rollupFilter, type ChatFilters } from './reportScope.js';

export interface AgentReportProps extends ChatFilters {
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
  /** Time in each status within the range, up to now. */
  time: StatusTime;
  /** Chats held ÷ Σ (time online or busy × max concurrent chats then); null if never available. */
  utilisation: number | null;
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
  const db = ctx.store.reportDb;
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
  // An agent filter narrows the rows to that agent (none when it is not a row the viewer sees).
  const agentId = ownOnly ? viewer.id : props.agentId;
  const rollups = await sumRollupsByAgent(
    db,
    rollupFilter({ from, to, teamIds }, { ...props, agentId }),
  );
  const candidates = await reportAgents(db, {
    withChats: ownOnly ? [viewer.id] : [...rollups.keys()],
    teamIds: ownOnly ? [] : teamIds,
  });
  const listed = candidates.filter(
    (agent) =>
      reportPolicy.viewAgentRow(viewer, agent) &&
      (props.agentId === undefined || agent.id === props.agentId),
  );
  const now = ctx.clock.now();
  const elapsed = { ...elapsedRange({ from, to }, now), agentIds: listed.map((a) => a.id) };
  const [changes, held] = await Promise.all([
    statusChangesIn(db, elapsed),
    heldChatMs(db, elapsed),
  ]);
  const agents = listed.map((agent) => {
    const history = changes.get(agent.id) ?? [];
    const time = timeInStatus(history, { from, to }, now);
    return {
      agentId: agent.id,
      name: agent.name,
      isActive: agent.isActive,
      metrics: chatMetrics(rollups.get(agent.id) ?? emptyRollup()),
      time,
      utilisation: utilisation(
        held.get(agent.id) ?? 0,
        availableSlotMs(history, { from, to }, now),
      ),
    };
  });
  return { from, to, teamIds, agents };
}

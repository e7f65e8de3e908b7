// The live dashboard's snapshot (docs/reports.md, "Live dashboard"), pushed on the WebSocket as
// `dashboard.snapshot` frames (docs/protocol.md). Plain types: the server builds it, never parses it.
import type { AgentStatus } from './vocabulary.js';

/** One team's queue and chats in progress; `teamId: null` is the chats of no team. */
export interface DashboardTeam {
  teamId: string | null;
  name: string;
  /** Chats waiting for an agent. */
  queueLength: number;
  /** When the chat waiting longest started to wait (ISO); null when nobody waits. */
  waitingSince: string | null;
  /** How long it had waited when the snapshot was taken. */
  longestWaitMs: number | null;
  /** Chats assigned to an agent and not ended. */
  inProgress: number;
}

/** An agent of the dashboard's teams, with their load. */
export interface DashboardAgent {
  id: string;
  name: string;
  status: AgentStatus;
  /** Open chats assigned to them. */
  openChats: number;
  /** How many open chats they may have at once. */
  capacity: number;
  /** The teams of the dashboard they belong to. */
  teamIds: string[];
}

/** A ticket whose next SLA due time is near (within DASHBOARD_SLA_RISK_MS) or past. */
export interface DashboardTicket {
  ticketId: string;
  number: number;
  subject: string;
  teamId: string | null;
  assignee: { id: string; name: string } | null;
  dueAt: string;
  /** The due time has passed. */
  overdue: boolean;
}

export interface DashboardSnapshot {
  /** When it was computed. */
  at: string;
  /** The teams it covers; null: every team and the chats of no team (super admins). */
  teamIds: string[] | null;
  teams: DashboardTeam[];
  agents: DashboardAgent[];
  /** Soonest due first, at most DASHBOARD_TICKET_LIMIT of them… */
  ticketsAtRisk: DashboardTicket[];
  /** …of this many. */
  ticketsAtRiskTotal: number;
}

/** A ticket is "at SLA risk" when its next due time is at most this far off (or past). */
export const DASHBOARD_SLA_RISK_MS = 60 * 60 * 1000;
export const DASHBOARD_TICKET_LIMIT = 20;
/** A watcher hears at most one snapshot this often, however much changes. */
export const DASHBOARD_PUSH_INTERVAL_MS = 1000;
/** While nothing changes, watchers hear a snapshot again this often (waits grow, SLAs come near). */
export const DASHBOARD_REFRESH_MS = 30_000;

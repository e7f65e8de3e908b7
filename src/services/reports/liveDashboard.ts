// The live dashboard (docs/reports.md, "Live dashboard"): who may watch it and which teams they
// see (the report scope: a super admin every chat, a team lead the teams they lead), and the
// snapshot of one scope now.
import { forbidden } from '../../domain/errors.js';
import { isSuperAdmin, reportPolicy, type Viewer } from '../../domain/policies.js';
import { dashboardSnapshot } from '../../domain/reports/liveDashboard.js';
import {
  DASHBOARD_SLA_RISK_MS,
  DASHBOARD_TICKET_LIMIT,
  type DashboardSnapshot,
} from '../../shared/dashboard.js';
import {
  agentLoads,
  dashboardTeams,
  openChatCounts,
  ticketsDueBefore,
} from '../../storage/repositories/reports/liveDashboard.js';
import type { Db } from '../../storage/store.js';
import { withLeadTeams } from '../teams/teamLeads.js';

/** The teams one watcher sees: null for every chat (super admins), else the teams led, sorted. */
export type DashboardScope = string[] | null;

export const DASHBOARD_REFUSED = 'The live dashboard is for super admins and team leads';

/** The scope `viewer` watches, or a 403 for whoever may not (customers, agents leading no team). */
export async function dashboardScopeFor(db: Db, viewer: Viewer): Promise<DashboardScope> {
  if (isSuperAdmin(viewer)) return null;
  const known = await withLeadTeams(db, viewer);
  if (!reportPolicy.view(known)) throw forbidden(DASHBOARD_REFUSED);
  return [...(known.leadTeamIds ?? [])].sort();
}

/** One key per scope, so watchers of the same scope share one computation. */
export const scopeKey = (scope: DashboardScope): string => (scope ? scope.join(',') : '*');

export async function liveDashboard(
  db: Db,
  scope: DashboardScope,
  now: number,
): Promise<DashboardSnapshot> {
  const [teams, openChats, agents, due] = await Promise.all([
    dashboardTeams(db, scope),
    openChatCounts(db, scope),
    agentLoads(db, scope),
    ticketsDueBefore(db, scope, now + DASHBOARD_SLA_RISK_MS, DASHBOARD_TICKET_LIMIT),
  ]);
  return dashboardSnapshot(
    {
      teams,
      includeNoTeam: scope === null,
      openChats,
      agents,
      tickets: due.tickets,
      ticketsTotal: due.total,
    },
    scope,
    now,
  );
}

// The live dashboard (Reports → Live, super admins and team leads): per team the queue, its
// longest wait and the chats in progress, the agents with their status and load, and the tickets
// near their SLA due time, as tables pushed over the socket (docs/reports.md, "Live dashboard").
// Waits keep growing on this browser's clock between snapshots.
import { Link } from '../../app/router.js';
import { AgentStatusLabel } from '../../components/Badge.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { DataTable } from '../../components/TableFrame.js';
import { formatClock, formatDuration } from '../../format/time.js';
import { useLiveDashboard } from '../../hooks/useLiveDashboard.js';
import { useNow } from '../../hooks/useNow.js';
import { ReportsViews } from './ReportsViews.js';

export function LiveDashboardPage() {
  const { snapshot, receivedAt, refused } = useLiveDashboard();
  const now = useNow(5_000);
  const since = Math.max(0, now - receivedAt);
  const teamName = new Map(snapshot?.teams.map((team) => [team.teamId, team.name]));

  return (
    <div class="page">
      <div class="page-header">
        <h1 class="page-title">Reports</h1>
      </div>
      <ReportsViews />
      {refused && (
        <EmptyState icon="chart" title="The live dashboard is for super admins and team leads" />
      )}
      {!refused && !snapshot && <Loading label="Connecting…" />}
      {snapshot && (
        <div class="live-dashboard">
          <p class="report-note" aria-live="polite">
            Live, as of {formatClock(snapshot.at)}.
          </p>
          <section class="report-section" aria-labelledby="live-teams">
            <h2 id="live-teams" class="report-section__title">
              Queues
            </h2>
            <DataTable
              label="Queues"
              caption="Chats waiting, the longest wait and chats in progress, per team"
              columns={['Team', 'Waiting', 'Longest wait', 'In progress']}
            >
              {snapshot.teams.map((team) => (
                <tr key={team.teamId ?? ''} data-team={team.name}>
                  <th scope="row">{team.name}</th>
                  <td>{team.queueLength}</td>
                  <td>
                    {team.longestWaitMs === null
                      ? '—'
                      : formatDuration((team.longestWaitMs + since) / 1000)}
                  </td>
                  <td>{team.inProgress}</td>
                </tr>
              ))}
            </DataTable>
          </section>
          <section class="report-section" aria-labelledby="live-agents">
            <h2 id="live-agents" class="report-section__title">
              Agents
            </h2>
            {snapshot.agents.length === 0 ? (
              <p>No agents.</p>
            ) : (
              <DataTable
                label="Agents"
                caption="Agents with their status and open chats against their capacity"
                columns={['Agent', 'Status', 'Load', 'Teams']}
              >
                {snapshot.agents.map((agent) => (
                  <tr key={agent.id}>
                    <th scope="row">{agent.name}</th>
                    <td>
                      <AgentStatusLabel status={agent.status} />
                    </td>
                    <td>
                      {agent.openChats} / {agent.capacity}
                    </td>
                    <td>{agent.teamIds.map((id) => teamName.get(id) ?? '').join(', ') || '—'}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
          <section class="report-section" aria-labelledby="live-tickets">
            <h2 id="live-tickets" class="report-section__title">
              Tickets at SLA risk ({snapshot.ticketsAtRiskTotal})
            </h2>
            {snapshot.ticketsAtRisk.length === 0 ? (
              <p>No ticket is due within the hour.</p>
            ) : (
              <DataTable
                label="Tickets at SLA risk"
                caption="Open tickets due within the hour or overdue, soonest first"
                columns={['Ticket', 'Team', 'Assignee', 'Due']}
              >
                {snapshot.ticketsAtRisk.map((ticket) => (
                  <tr key={ticket.ticketId}>
                    <th scope="row">
                      <Link href={`/tickets/${encodeURIComponent(ticket.ticketId)}`}>
                        #{ticket.number} {ticket.subject}
                      </Link>
                    </th>
                    <td>{(ticket.teamId && teamName.get(ticket.teamId)) || '—'}</td>
                    <td>{ticket.assignee?.name ?? 'Unassigned'}</td>
                    <td>
                      {formatClock(ticket.dueAt)}
                      {ticket.overdue && ' (overdue)'}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

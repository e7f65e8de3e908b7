// Reports (super admins, team leads): the chat and ticket metrics of a period (docs/reports.md), filtered
// by range, team, agent, topic and priority, all kept in the address so a view can be linked. A team lead picks among
// the teams they lead; the server refuses any other. The chat numbers come from the hourly
// rollups, so they lag the chats by about one housekeeping period. Each part of the page is its
// own section, asking its own report of the same period and team. The Live view beside it is
// LiveDashboardPage.
import { useMemo } from 'preact/hooks';
import { useServices } from '../../app/services.js';
import { navigate, useLocation } from '../../app/router.js';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { teamsLedBy } from '../../state/ledTeams.js';
import { AgentReportSection } from './AgentReportSection.js';
import { ChatReportSection } from './ChatReportSection.js';
import { DailyChartsSection } from './DailyChartsSection.js';
import { HeatmapSection } from './HeatmapSection.js';
import {
  chatFiltersOf,
  filterChoices,
  rangeOf,
  readFilters,
  writeFilters,
  type ReportFilters,
} from './reportFilters.js';
import { ReportFiltersForm } from './ReportFiltersForm.js';
import { ReportsViews } from './ReportsViews.js';
import { SurveyQuestionsEditor } from './SurveyQuestionsEditor.js';
import { SurveyResultsSection } from './SurveyResultsSection.js';
import { TicketReportSection } from './TicketReportSection.js';

export function ReportsPage() {
  const { api, me } = useServices();
  const { query } = useLocation();
  const search = query.toString();
  // The clock is read when the filters change, so a preset's range stays put between renders.
  const now = useMemo(() => new Date(), [search]);
  const filters = readFilters(query, now);
  const range = rangeOf(filters, now);
  const superAdmin = me.role === 'super_admin';
  const teams = useAsync(async () => {
    const { items } = await api.teams.list();
    return superAdmin ? items.filter((team) => !team.archived) : teamsLedBy(items, me.id);
  }, [api, me.id]);
  // Topics are listed to anyone signed in; a lead is offered their teams' (filterChoices).
  const topics = useAsync(async () => (await api.topics.list()).items, [api]);
  const allowed = superAdmin || (teams.data?.length ?? 0) > 0;
  const set = (changes: Partial<ReportFilters>) => {
    const next = writeFilters({ ...filters, ...changes }).toString();
    navigate(next ? `/reports?${next}` : '/reports', { replace: true });
  };

  if (teams.loading && !teams.data) return <Loading />;
  if (teams.error && !superAdmin) return <Alert tone="danger">{teams.error}</Alert>;
  if (!allowed)
    return (
      <div class="page">
        <EmptyState icon="chart" title="Reports are for super admins and team leads" />
      </div>
    );

  const chatFilters = chatFiltersOf(filters);
  const rangeQuery = range && {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    ...chatFilters,
  };
  const offered = filterChoices(teams.data ?? [], topics.data ?? [], filters.teamId, superAdmin);
  return (
    <div class="page">
      <div class="page-header">
        <h1 class="page-title">Reports</h1>
      </div>
      <ReportsViews />
      <ReportFiltersForm
        filters={filters}
        teams={teams.data ?? []}
        superAdmin={superAdmin}
        agents={offered.agents}
        topics={offered.topics}
        onChange={set}
      />
      {!range && <Alert tone="warning">The period ends before it starts.</Alert>}
      {teams.error && <Alert tone="danger">{teams.error}</Alert>}
      {range && rangeQuery && (
        <div class="stack">
          <ChatReportSection from={range.from} to={range.to} filters={chatFilters} />
          <p class="report-note">
            A chat counts in the hour it started. The numbers are recounted every few seconds, so a
            chat that just changed may take a moment to show.
          </p>
          <DailyChartsSection query={rangeQuery} />
          <HeatmapSection query={rangeQuery} />
          <SurveyResultsSection query={rangeQuery} />
          <AgentReportSection from={range.from} to={range.to} filters={chatFilters} />
          <TicketReportSection
            from={range.from}
            to={range.to}
            teamId={filters.teamId}
            priority={filters.priority}
          />
        </div>
      )}
      {superAdmin && <SurveyQuestionsEditor />}
    </div>
  );
}

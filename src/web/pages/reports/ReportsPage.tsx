// Reports (super admins, team leads): the chat and ticket metrics of a period (docs/reports.md), filtered
// by range and team, both kept in the address so a view can be linked. A team lead picks among
// the teams they lead; the server refuses any other. The numbers come from the hourly rollups,
// so they lag the chats by about one housekeeping period. The Live view beside it is
// LiveDashboardPage.
import { useMemo } from 'preact/hooks';
import { useServices } from '../../app/services.js';
import { navigate, useLocation } from '../../app/router.js';
import { Alert } from '../../components/Alert.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { teamsLedBy } from '../../state/ledTeams.js';
import { RatingsChart } from './RatingsChart.js';
import {
  RANGE_LABELS,
  RANGE_PRESETS,
  rangeOf,
  readFilters,
  writeFilters,
  type RangePreset,
  type ReportFilters,
} from './reportFilters.js';
import { reportTiles } from './reportTiles.js';
import { ReportsViews } from './ReportsViews.js';
import { SurveyQuestionsEditor } from './SurveyQuestionsEditor.js';
import { TicketReportSection } from './TicketReportSection.js';
import { AgentReportSection } from './AgentReportSection.js';

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
  const allowed = superAdmin || (teams.data?.length ?? 0) > 0;
  const report = useAsync(
    async () =>
      range && allowed
        ? api.reports.chats({
            from: range.from.toISOString(),
            to: range.to.toISOString(),
            teamId: filters.teamId || undefined,
          })
        : null,
    [search, allowed],
  );
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

  return (
    <div class="page">
      <div class="page-header">
        <h1 class="page-title">Reports</h1>
      </div>
      <ReportsViews />
      <form
        class="filters"
        aria-label="Report filters"
        onSubmit={(event) => event.preventDefault()}
      >
        <label class="filters__field">
          <span class="filters__label">Period</span>
          <select
            class="input select"
            value={filters.range}
            onChange={(e) => set({ range: e.currentTarget.value as RangePreset })}
          >
            {RANGE_PRESETS.map((preset) => (
              <option key={preset} value={preset}>
                {RANGE_LABELS[preset]}
              </option>
            ))}
          </select>
        </label>
        {filters.range === 'custom' && (
          <>
            <DateField label="From" value={filters.from} onChange={(from) => set({ from })} />
            <DateField label="To" value={filters.to} onChange={(to) => set({ to })} />
          </>
        )}
        <label class="filters__field">
          <span class="filters__label">Team</span>
          <select
            class="input select"
            value={filters.teamId}
            onChange={(e) => set({ teamId: e.currentTarget.value })}
          >
            <option value="">{superAdmin ? 'All chats' : 'All my teams'}</option>
            {teams.data?.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {!range && <Alert tone="warning">The period ends before it starts.</Alert>}
      {teams.error && <Alert tone="danger">{teams.error}</Alert>}
      {report.error && <Alert tone="danger">{report.error}</Alert>}
      {range && report.loading && !report.data && <Loading label="Counting…" />}
      {report.data && report.data.chats === 0 && (
        <EmptyState icon="chart" title="No chats in this period" />
      )}
      {report.data && report.data.chats > 0 && (
        // The last numbers stay while the next filters' are read, dimmed and marked busy.
        <div class="report-results" aria-busy={report.loading}>
          <dl class="summary report-tiles" aria-label="Chat metrics">
            {reportTiles(report.data).map((tile) => (
              <div key={tile.label} class="summary__item report-tile">
                <dt>{tile.label}</dt>
                <dd class="report-tile__value">{tile.value}</dd>
                {tile.detail && <dd class="report-tile__detail">{tile.detail}</dd>}
                <dd class="report-tile__definition">{tile.definition}</dd>
              </div>
            ))}
          </dl>
          <RatingsChart ratings={report.data.ratings} />
        </div>
      )}
      <p class="report-note">
        A chat counts in the hour it started. The numbers are recounted every few seconds, so a chat
        that just changed may take a moment to show.
      </p>
      {range && <AgentReportSection from={range.from} to={range.to} teamId={filters.teamId} />}
      {range && <TicketReportSection from={range.from} to={range.to} teamId={filters.teamId} />}
      {superAdmin && <SurveyQuestionsEditor />}
    </div>
  );
}

/** A required day of a custom period; clearing it leaves the period as it was. */
function DateField(props: { label: string; value: string; onChange: (day: string) => void }) {
  return (
    <label class="filters__field">
      <span class="filters__label">{props.label}</span>
      <input
        class="input"
        type="date"
        value={props.value}
        required
        onChange={(e) => e.currentTarget.value && props.onChange(e.currentTarget.value)}
      />
    </label>
  );
}

// The Reports page's filters: the period (a preset or chosen days) and the team, each change
// written to the address by the page (reportFilters.ts).
import type { Team } from '../../../shared/teamsApi.js';
import {
  RANGE_LABELS,
  RANGE_PRESETS,
  type RangePreset,
  type ReportFilters,
} from './reportFilters.js';

export function ReportFiltersForm(props: {
  filters: ReportFilters;
  teams: readonly Pick<Team, 'id' | 'name'>[];
  superAdmin: boolean;
  onChange: (changes: Partial<ReportFilters>) => void;
}) {
  const { filters, onChange: set } = props;
  return (
    <form class="filters" aria-label="Report filters" onSubmit={(event) => event.preventDefault()}>
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
          <option value="">{props.superAdmin ? 'All chats' : 'All my teams'}</option>
          {props.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
    </form>
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

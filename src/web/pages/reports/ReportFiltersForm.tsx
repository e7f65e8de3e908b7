// The Reports page's filters: the period (a preset or chosen days), the team, and the agent,
// topic and priority of the chats, each change written to the address by the page
// (reportFilters.ts).
import type { Team } from '../../../shared/teamsApi.js';
import { PRIORITIES } from '../../../shared/vocabulary.js';
import { choices, FilterSelect } from '../../components/FilterSelect.js';
import { PRIORITY_LABELS } from '../../format/labels.js';
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
  /** [id, name] of the agents and topics to offer (filterChoices). */
  agents: ReadonlyArray<readonly [string, string]>;
  topics: ReadonlyArray<readonly [string, string]>;
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
          // Another team's agent or topic would count nothing: the choices start again.
          onChange={(e) => set({ teamId: e.currentTarget.value, agentId: '', topicId: '' })}
        >
          <option value="">{props.superAdmin ? 'All chats' : 'All my teams'}</option>
          {props.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <FilterSelect
        label="Agent"
        any="Any agent"
        value={filters.agentId}
        options={props.agents}
        onChange={(agentId) => set({ agentId })}
      />
      <FilterSelect
        label="Topic"
        any="Any topic"
        value={filters.topicId}
        options={props.topics}
        onChange={(topicId) => set({ topicId })}
      />
      <FilterSelect
        label="Priority"
        any="Any priority"
        value={filters.priority}
        options={choices(PRIORITIES, PRIORITY_LABELS)}
        onChange={(priority) => set({ priority })}
      />
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

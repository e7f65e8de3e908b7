// The inbox's search box and filters: words to search, and a status (among the view's),
// priority and team to narrow the view by (not a saved view, whose query holds its filters).
import type { Team } from '../../../shared/teamsApi.js';
import { PRIORITIES } from '../../../shared/vocabulary.js';
import { choices, FilterSelect } from '../../components/FilterSelect.js';
import { PRIORITY_LABELS } from '../../format/labels.js';
import { viewStatuses, type InboxFilters, type InboxView } from './inboxViews.js';
import { TICKET_STATUS_LABELS } from './ticketLabels.js';

export function InboxFilterForm(props: {
  /** The saved view shown, whose query stands in for the filters (only the search box stays). */
  saved: string | null;
  view: InboxView;
  filters: InboxFilters;
  onChange: (changes: Partial<InboxFilters>) => void;
  typed: string;
  onType: (typed: string) => void;
  teams: readonly Team[];
}) {
  const { view, filters, onChange: set } = props;
  return (
    <form
      class="filters"
      role="search"
      aria-label="Filter tickets"
      onSubmit={(e) => e.preventDefault()}
    >
      <label class="filters__field filters__field--grow">
        <span class="filters__label">Search</span>
        <input
          class="input"
          type="search"
          placeholder="Words in a subject, thread or name, CS101…"
          value={props.typed}
          onInput={(e) => props.onType(e.currentTarget.value)}
        />
      </label>
      {props.saved === null && (
        <>
          <FilterSelect
            label="Status"
            any={view === 'solved' ? 'Solved' : 'Any open status'}
            value={filters.status}
            onChange={(status) => set({ status })}
            options={choices(viewStatuses(view), TICKET_STATUS_LABELS)}
          />
          <FilterSelect
            label="Priority"
            any="Any priority"
            value={filters.priority}
            onChange={(priority) => set({ priority })}
            options={choices(PRIORITIES, PRIORITY_LABELS)}
          />
          <FilterSelect
            label="Team"
            any="Any team"
            value={filters.teamId}
            onChange={(teamId) => set({ teamId })}
            options={[['none', 'No team'], ...props.teams.map((t) => [t.id, t.name] as const)]}
          />
        </>
      )}
    </form>
  );
}

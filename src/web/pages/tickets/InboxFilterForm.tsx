// The inbox's search box and filters: words to search, and a status (among the view's),
// priority and team to narrow the view by (not a saved view, whose query holds its filters).
import type { Team } from '../../../shared/teamsApi.js';
import { PRIORITIES } from '../../../shared/vocabulary.js';
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
          <label class="filters__field">
            <span class="filters__label">Status</span>
            <select
              class="input select"
              value={filters.status}
              onChange={(e) => set({ status: e.currentTarget.value as InboxFilters['status'] })}
            >
              <option value="">{view === 'solved' ? 'Solved' : 'Any open status'}</option>
              {viewStatuses(view).map((s) => (
                <option key={s} value={s}>
                  {TICKET_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label class="filters__field">
            <span class="filters__label">Priority</span>
            <select
              class="input select"
              value={filters.priority}
              onChange={(e) => set({ priority: e.currentTarget.value as InboxFilters['priority'] })}
            >
              <option value="">Any priority</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </select>
          </label>
          <label class="filters__field">
            <span class="filters__label">Team</span>
            <select
              class="input select"
              value={filters.teamId}
              onChange={(e) => set({ teamId: e.currentTarget.value })}
            >
              <option value="">Any team</option>
              <option value="none">No team</option>
              {props.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </form>
  );
}

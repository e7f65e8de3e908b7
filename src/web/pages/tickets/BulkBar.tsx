// The inbox's bulk bar, shown while tickets are selected: one change (status, priority, assign
// to me or to nobody, team, a tag to add or remove, or a merge into one ticket by its number) made
// to each selected ticket. The server changes each as alone; what it refused is said by number.
import { useState } from 'preact/hooks';
import type { Team } from '../../../shared/teamsApi.js';
import type { BulkTicketChange, Ticket } from '../../../shared/ticketsApi.js';
import { PRIORITIES } from '../../../shared/vocabulary.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Button } from '../../components/Button.js';
import { PRIORITY_LABELS } from '../../format/labels.js';
import { showToast } from '../../state/toasts.js';
import { parseTicketRef, SETTABLE_STATUSES, TICKET_STATUS_LABELS } from './ticketLabels.js';

type Action = BulkTicketChange['kind'];

const ACTIONS: Record<Action, string> = {
  status: 'Set status',
  priority: 'Set priority',
  assignee: 'Assign',
  team: 'Move to team',
  addTags: 'Add tag',
  removeTags: 'Remove tag',
  merge: 'Merge into #',
};

export function BulkBar(props: {
  selected: readonly Ticket[];
  teams: readonly Team[];
  /** After the change: the tickets it left unchanged stay selected. */
  onDone: (failedIds: readonly string[]) => void;
}) {
  const { api, me } = useServices();
  const [action, setAction] = useState<Action>('status');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const numbers = new Map(props.selected.map((t) => [t.id, t.number]));

  const changeOf = async (): Promise<BulkTicketChange | string> => {
    const tag = value.trim();
    switch (action) {
      case 'status':
        return { kind: 'status', status: (value || 'open') as (typeof SETTABLE_STATUSES)[number] };
      case 'priority':
        return { kind: 'priority', priority: (value || 'medium') as (typeof PRIORITIES)[number] };
      case 'assignee':
        return { kind: 'assignee', assigneeId: value === 'none' ? null : me.id };
      case 'team':
        return { kind: 'team', teamId: value && value !== 'none' ? value : null };
      case 'addTags':
      case 'removeTags':
        return tag ? { kind: action, tags: [tag] } : 'Enter a tag.';
      case 'merge': {
        const number = parseTicketRef(value);
        if (number === null) return 'Enter the number of the ticket to merge into.';
        const target = (await api.tickets.list({ number, limit: 1 })).items[0];
        return target ? { kind: 'merge', targetId: target.id } : `There is no ticket #${number}.`;
      }
    }
  };

  const apply = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const change = await changeOf();
      if (typeof change === 'string') return showToast(change, 'danger');
      const ids = props.selected.map((t) => t.id);
      const { results } = await api.tickets.bulk(ids, change);
      const failed = results.filter((r) => r.error);
      const changed = results.length - failed.length;
      showToast(
        failed.length === 0
          ? `${changed} ticket${changed === 1 ? '' : 's'} changed`
          : `${changed} changed; not changed: ${failed
              .map((r) => `#${numbers.get(r.ticketId)} (${r.error?.message})`)
              .join(', ')}`,
        failed.length === 0 ? 'success' : 'danger',
      );
      props.onDone(failed.map((r) => r.ticketId));
    } catch (failure) {
      showToast(errorMessage(failure), 'danger');
    } finally {
      setBusy(false);
    }
  };

  const options: Array<[string, string]> | null =
    action === 'status'
      ? SETTABLE_STATUSES.map((s) => [s, TICKET_STATUS_LABELS[s]])
      : action === 'priority'
        ? PRIORITIES.map((p) => [p, PRIORITY_LABELS[p]])
        : action === 'assignee'
          ? [
              ['me', 'To me'],
              ['none', 'To nobody'],
            ]
          : action === 'team'
            ? [['none', 'No team'], ...props.teams.map((t): [string, string] => [t.id, t.name])]
            : null;

  return (
    <form class="bulk-bar" aria-label="Change the selected tickets" onSubmit={apply}>
      <strong class="bulk-bar__count" role="status">
        {props.selected.length} selected
      </strong>
      <label class="filters__field">
        <span class="filters__label">Change</span>
        <select
          class="input select"
          aria-label="Change"
          value={action}
          onChange={(e) => {
            setAction(e.currentTarget.value as Action);
            setValue('');
          }}
        >
          {(Object.keys(ACTIONS) as Action[]).map((a) => (
            <option key={a} value={a}>
              {ACTIONS[a]}
            </option>
          ))}
        </select>
      </label>
      <label class="filters__field">
        <span class="filters__label" aria-hidden="true">
          To
        </span>
        {options ? (
          <select
            class="input select"
            aria-label="New value"
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
          >
            <option value="" disabled>
              Choose…
            </option>
            {options.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        ) : (
          <input
            class="input"
            aria-label="New value"
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        )}
      </label>
      <Button type="submit" variant="primary" busy={busy} disabled={options !== null && !value}>
        Apply to {props.selected.length}
      </Button>
    </form>
  );
}

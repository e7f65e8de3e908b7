// The inbox's saved views, beside the built-in ones: the agent's own and those shared with the
// desk, each a button that shows its tickets; "Save view" names the current view's filters and
// sort; the agent's own may be deleted.
import { useState } from 'preact/hooks';
import type { TicketView, TicketViewQuery } from '../../../shared/ticketsApi.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Button } from '../../components/Button.js';
import { useAsync } from '../../hooks/useAsync.js';
import { showToast } from '../../state/toasts.js';

export function SavedViews(props: {
  active: TicketView | null;
  onSelect: (view: TicketView | null) => void;
  /** What "Save view" saves: the list's filters and sort now. */
  current: TicketViewQuery;
}) {
  const { api } = useServices();
  const views = useAsync(() => api.ticketViews.list(), []);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');

  const save = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return;
    try {
      const saved = await api.ticketViews.create({ name: name.trim(), query: props.current });
      setNaming(false);
      setName('');
      await views.reload();
      props.onSelect(saved);
      showToast(`Saved “${saved.name}”`);
    } catch (failure) {
      showToast(errorMessage(failure), 'danger');
    }
  };

  const remove = async (view: TicketView) => {
    try {
      await api.ticketViews.remove(view.id);
      if (props.active?.id === view.id) props.onSelect(null);
      await views.reload();
    } catch (failure) {
      showToast(errorMessage(failure), 'danger');
    }
  };

  return (
    <div class="saved-views" role="group" aria-label="Saved views">
      {views.data?.items.map((view) => (
        <span key={view.id} class="saved-views__item">
          <Button
            size="sm"
            variant={props.active?.id === view.id ? 'primary' : 'secondary'}
            aria-pressed={props.active?.id === view.id}
            onClick={() => props.onSelect(props.active?.id === view.id ? null : view)}
          >
            {view.name}
            {view.shared ? ' (shared)' : ''}
          </Button>
          {view.mine && (
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Delete ${view.name}`}
              onClick={() => void remove(view)}
            >
              ×
            </Button>
          )}
        </span>
      ))}
      {naming ? (
        <form class="saved-views__form" onSubmit={save}>
          <input
            class="input"
            aria-label="Name of the view"
            placeholder="Name, e.g. Urgent refunds"
            value={name}
            maxLength={200}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <Button size="sm" type="submit" variant="primary">
            Save
          </Button>
          <Button size="sm" onClick={() => setNaming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        !props.active && (
          <Button size="sm" onClick={() => setNaming(true)}>
            Save view
          </Button>
        )
      )}
    </div>
  );
}

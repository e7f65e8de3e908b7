// The agent's status bar: availability (online, busy, away, offline), max concurrent chats, and
// auto-assignment, saved together with Update (PATCH /agents/me); beside it, today's numbers.
// Changes wait for Update so that "online, by hand only" never passes through "online, auto-assign
// on" (routing would hand over a chat in between); until then the dot and the hint keep showing
// the saved status. A change made elsewhere (another tab, auto-away) arrives as an agent.status
// frame and is shown at once.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { AgentState } from '../../../shared/api.js';
import { AGENT_STATUSES, LIMITS } from '../../../shared/vocabulary.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Button } from '../../components/Button.js';
import { AGENT_STATUS_LABELS } from '../../format/labels.js';
import { formatDuration } from '../../format/time.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { MY_SESSIONS, QUEUE } from '../../realtime/invalidations.js';
import { showToast } from '../../state/toasts.js';
import {
  availabilityOf as draftOf,
  changedMessage,
  sameAvailability as sameDraft,
  statusHint,
  type Availability as Draft,
} from './statusBarText.js';

const CAPACITY_CHOICES = Array.from(
  { length: LIMITS.maxConcurrentChats.max - LIMITS.maxConcurrentChats.min + 1 },
  (_, i) => LIMITS.maxConcurrentChats.min + i,
);

export function AgentStatusBar() {
  const { api, realtime, me } = useServices();
  const [saved, setSavedState] = useState<AgentState | null>(null);
  const savedRef = useRef<AgentState | null>(null);
  const setSaved = (state: AgentState) => {
    savedRef.current = state;
    setSavedState(state);
  };
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const statusId = useId();
  const statusHintId = useId();
  const loaded = useAsync(() => api.agents.me(), []);
  // While the link was down the server may have changed it (away after a long disconnection).
  useLiveRefresh([], () => void loaded.reload());

  useEffect(() => {
    if (!loaded.data) return;
    setSaved(loaded.data);
    setDraft(draftOf(loaded.data));
  }, [loaded.data]);

  useEffect(
    () =>
      realtime.on('agent.status', ({ state }) => {
        if (state.agent.id !== me.id) return;
        const before = savedRef.current;
        // Follow the server unless the agent is in the middle of changing something.
        setDraft((current) =>
          !current || !before || sameDraft(current, draftOf(before)) ? draftOf(state) : current,
        );
        setSaved(state);
      }),
    [realtime, me.id],
  );

  const dirty = saved !== null && draft !== null && !sameDraft(draft, draftOf(saved));

  const update = async (event: Event) => {
    event.preventDefault();
    if (!draft) return;
    setSaving(true);
    const before = saved ? draftOf(saved) : draft;
    try {
      const state = await api.agents.updateMe(draft);
      setSaved(state);
      setDraft(draftOf(state));
      showToast(changedMessage(before, state));
    } catch (error) {
      showToast(errorMessage(error), 'danger');
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="status-bar">
      <form class="status-bar__form" onSubmit={update} aria-label="Your availability">
        {/* Not one <label> around it all: the hint would become part of the select's name. */}
        <div class="status-bar__field status-bar__field--status">
          <label class="status-bar__label" for={statusId}>
            Status
          </label>
          <span class="select-wrap">
            {saved && <span class={`dot dot--${saved.status}`} aria-hidden="true" />}
            <select
              id={statusId}
              aria-describedby={draft ? statusHintId : undefined}
              class="input select select--dotted"
              value={draft?.status}
              disabled={!draft}
              onChange={(e) =>
                draft && setDraft({ ...draft, status: e.currentTarget.value as Draft['status'] })
              }
            >
              {AGENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {AGENT_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          </span>
          {saved && draft && (
            <span class="status-bar__hint" id={statusHintId} data-unsaved={dirty || undefined}>
              {statusHint(saved, draft)}
            </span>
          )}
        </div>
        <label class="status-bar__field">
          <span class="status-bar__label">Max chats</span>
          <select
            class="input select"
            value={draft?.maxConcurrentChats}
            disabled={!draft}
            onChange={(e) =>
              draft && setDraft({ ...draft, maxConcurrentChats: Number(e.currentTarget.value) })
            }
          >
            {CAPACITY_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label class="status-bar__field">
          <span class="status-bar__label">Auto-assign</span>
          <span class="switch">
            <input
              type="checkbox"
              role="switch"
              checked={draft?.autoAssign ?? false}
              disabled={!draft}
              onChange={(e) => draft && setDraft({ ...draft, autoAssign: e.currentTarget.checked })}
            />
            <span class="switch__track" aria-hidden="true" />
            <span class="switch__state" aria-hidden="true">
              {draft?.autoAssign ? 'On' : 'Off'}
            </span>
          </span>
        </label>
        <Button
          type="submit"
          variant={dirty ? 'primary' : 'secondary'}
          size="sm"
          busy={saving}
          disabled={!dirty}
        >
          Update
        </Button>
      </form>
      <TodayStats />
    </div>
  );
}

function TodayStats() {
  const { api } = useServices();
  const stats = useAsync(() => api.agents.myStats(), []);
  useLiveRefresh([MY_SESSIONS, QUEUE], () => void stats.reload());
  const s = stats.data;
  const figure = (value: string | number | null | undefined) =>
    value === null || value === undefined ? '—' : value;
  return (
    <dl class="stats" aria-label="Today">
      <div class="stats__item">
        <dt>Handled today</dt>
        <dd>{figure(s?.today.chatsHandled)}</dd>
      </div>
      <div class="stats__item">
        <dt>First reply</dt>
        <dd>
          {figure(
            s && s.today.averageFirstResponseSeconds !== null
              ? formatDuration(s.today.averageFirstResponseSeconds)
              : null,
          )}
        </dd>
      </div>
      <div class="stats__item">
        <dt>Rating</dt>
        <dd>{figure(s?.today.averageRating?.toFixed(1))}</dd>
      </div>
      <div class="stats__item">
        <dt>Active</dt>
        <dd>{figure(s?.activeNow)}</dd>
      </div>
      <div class="stats__item">
        <dt>Waiting</dt>
        <dd>{figure(s?.waitingNow)}</dd>
      </div>
    </dl>
  );
}

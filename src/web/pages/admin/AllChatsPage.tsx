// Super admins: every chat, filtered by status, priority, agent and subject, updated live (an
// active chat whose customer has waited past REPLY_OVERDUE_SECONDS says so); a waiting chat can
// be given to a chosen agent from here.
import { useState } from 'preact/hooks';
import type { SessionView } from '../../../shared/api.js';
import {
  PRIORITIES,
  SESSION_STATUSES,
  type Priority,
  type SessionStatus,
} from '../../../shared/vocabulary.js';
import { Link } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { overdueReplyLabel } from '../../chat/awaitingReply.js';
import { OverdueReplyBadge, PriorityBadge, SessionStatusBadge } from '../../components/Badge.js';
import { Button } from '../../components/Button.js';
import { AgentPickerDialog } from '../../components/chat/AgentPickerDialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { choices, FilterSelect } from '../../components/FilterSelect.js';
import { Loading } from '../../components/Spinner.js';
import { Stars } from '../../components/Stars.js';
import { DataTable } from '../../components/TableFrame.js';
import { ShowMore } from '../../components/ShowMore.js';
import { PRIORITY_LABELS, SESSION_STATUS_LABELS } from '../../format/labels.js';
import { formatDateTime } from '../../format/time.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useDebounced } from '../../hooks/useDebounced.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { useNow } from '../../hooks/useNow.js';
import { useReplyOverdueMs } from '../../hooks/useReplyOverdue.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { ALL_SESSIONS, QUEUE } from '../../realtime/invalidations.js';
import { showToast } from '../../state/toasts.js';

interface Filters {
  status: SessionStatus | '';
  priority: Priority | '';
  agentId: string;
  q: string;
}

export function AllChatsPage() {
  const { api } = useServices();
  const [filters, setFilters] = useState<Filters>({ status: '', priority: '', agentId: '', q: '' });
  const q = useDebounced(filters.q.trim());
  const agents = useAsync(() => api.agents.list(), []);
  const [assigning, setAssigning] = useState<SessionView | null>(null);
  const now = useNow(10_000);
  const overdueMs = useReplyOverdueMs();
  const chats = usePagedList(
    (cursor) =>
      api.sessions.list({
        view: 'all',
        status: filters.status || undefined,
        priority: filters.priority || undefined,
        agentId: filters.agentId || undefined,
        q: q || undefined,
        cursor,
        limit: 25,
      }),
    [filters.status, filters.priority, filters.agentId, q],
  );
  useLiveRefresh([ALL_SESSIONS, QUEUE], () => void chats.reload());
  const set = (changes: Partial<Filters>) => setFilters({ ...filters, ...changes });

  return (
    <div class="page">
      <div class="page-header">
        <h1 class="page-title">All chats</h1>
      </div>
      <form
        class="filters"
        role="search"
        aria-label="Filter chats"
        onSubmit={(e) => e.preventDefault()}
      >
        <label class="filters__field filters__field--grow">
          <span class="filters__label">Subject</span>
          <input
            class="input"
            type="search"
            placeholder="Search subjects"
            value={filters.q}
            onInput={(e) => set({ q: e.currentTarget.value })}
          />
        </label>
        <FilterSelect
          label="Status"
          any="Any status"
          value={filters.status}
          onChange={(status) => set({ status })}
          options={choices(SESSION_STATUSES, SESSION_STATUS_LABELS)}
        />
        <FilterSelect
          label="Priority"
          any="Any priority"
          value={filters.priority}
          onChange={(priority) => set({ priority })}
          options={choices(PRIORITIES, PRIORITY_LABELS)}
        />
        <FilterSelect
          label="Agent"
          any="Any agent"
          value={filters.agentId}
          onChange={(agentId) => set({ agentId })}
          options={(agents.data?.items ?? []).map((a) => [a.agent.id, a.agent.name] as const)}
        />
      </form>
      {chats.error && <Alert tone="danger">{chats.error}</Alert>}
      {!chats.loaded && chats.loading && <Loading />}
      {chats.loaded && chats.items.length === 0 && (
        <EmptyState icon="search" title="No chats match these filters" />
      )}
      {chats.items.length > 0 && (
        <DataTable
          label="Chats"
          caption="Chats, newest first, updated live"
          columns={['Subject', 'Customer', 'Agent', 'Status', 'Priority', 'Started', 'Rating']}
        >
          {chats.items.map((session) => (
            <tr key={session.id}>
              <td>
                <Link href={`/admin/chats/${encodeURIComponent(session.id)}`} class="table__link">
                  {session.subject}
                </Link>
              </td>
              <td>{session.customer.name}</td>
              <td>
                {session.agent?.name ??
                  (session.status === 'waiting' ? (
                    <Button size="sm" onClick={() => setAssigning(session)}>
                      Assign to…
                    </Button>
                  ) : (
                    '—'
                  ))}
              </td>
              <td>
                <SessionStatusBadge status={session.status} />{' '}
                <OverdueReplyBadge
                  label={overdueReplyLabel(session, session.awaitingAgentSince, overdueMs, now)}
                />
              </td>
              <td>
                <PriorityBadge priority={session.priority} />
              </td>
              <td class="nowrap">{formatDateTime(session.startedAt)}</td>
              <td>{session.rating !== null ? <Stars rating={session.rating} /> : '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <ShowMore list={chats} />
      {assigning && (
        <AgentPickerDialog
          title="Assign chat"
          intro={`Choose the agent who should answer ${assigning.customer.name} about “${assigning.subject}”.`}
          confirmLabel="Assign"
          excludeIds={[assigning.customer.id]}
          onClose={() => setAssigning(null)}
          onPick={async (agentId) => {
            const session = await api.sessions.assign(assigning.id, agentId);
            showToast(`Chat assigned to ${session.agent?.name ?? 'the agent'}`);
          }}
        />
      )}
    </div>
  );
}

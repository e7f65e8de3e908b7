// Super admins: every agent's live status and load (GET /agents, then agent.status frames).
import { useEffect, useState } from 'preact/hooks';
import type { AgentState } from '../../../shared/api.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Avatar } from '../../components/Avatar.js';
import { AgentStatusLabel, RoleBadge } from '../../components/Badge.js';
import { Loading } from '../../components/Spinner.js';
import { DataTable } from '../../components/TableFrame.js';
import { formatRelative } from '../../format/time.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { useNow } from '../../hooks/useNow.js';

export function AgentsPage() {
  const { api, realtime } = useServices();
  const loaded = useAsync(() => api.agents.list(), []);
  const [agents, setAgents] = useState<AgentState[]>([]);
  const now = useNow(30_000);
  useEffect(() => setAgents(loaded.data?.items ?? []), [loaded.data]);
  useEffect(
    () =>
      realtime.on('agent.status', ({ state }) =>
        setAgents((list) =>
          list.some((a) => a.agent.id === state.agent.id)
            ? list.map((a) => (a.agent.id === state.agent.id ? state : a))
            : [...list, state],
        ),
      ),
    [realtime],
  );
  useLiveRefresh([], () => void loaded.reload());

  const online = agents.filter((a) => a.status === 'online');
  const capacity = online.reduce((sum, a) => sum + a.maxConcurrentChats, 0);
  const open = agents.reduce((sum, a) => sum + a.openChats, 0);

  return (
    <div class="page">
      <div class="page-header">
        <h1 class="page-title">Agents</h1>
      </div>
      <dl class="summary">
        <div class="summary__item">
          <dt>Online</dt>
          <dd>
            {online.length} of {agents.length}
          </dd>
        </div>
        <div class="summary__item">
          <dt>Open chats</dt>
          <dd>{open}</dd>
        </div>
        <div class="summary__item">
          <dt>Online capacity</dt>
          <dd>{capacity}</dd>
        </div>
      </dl>
      {loaded.error && <Alert tone="danger">{loaded.error}</Alert>}
      {loaded.loading && !loaded.data && <Loading />}
      {agents.length > 0 && (
        <DataTable
          label="Agents"
          caption="Agents with their status and load, updated live"
          columns={['Agent', 'Status', 'Load', 'Auto-assign', 'Last chat assigned']}
        >
          {agents.map((state) => (
            <tr key={state.agent.id} data-agent={state.agent.email ?? state.agent.id}>
              <td>
                <span class="person">
                  <Avatar id={state.agent.id} name={state.agent.name} size="sm" />
                  <span>
                    <span class="person__name">{state.agent.name}</span>
                    <RoleBadge role={state.agent.role} />
                  </span>
                </span>
              </td>
              <td>
                <AgentStatusLabel status={state.status} />
                <span class="muted small block">
                  {state.connected ? 'Connected' : 'Not connected'}
                </span>
              </td>
              <td>
                <span class="load">
                  <meter
                    class="load__meter"
                    min={0}
                    max={state.maxConcurrentChats}
                    high={state.maxConcurrentChats - 0.5}
                    value={state.openChats}
                    aria-label={`${state.openChats} of ${state.maxConcurrentChats} chats`}
                  />
                  <span>
                    {state.openChats} / {state.maxConcurrentChats}
                  </span>
                </span>
              </td>
              <td>{state.autoAssign ? 'On' : 'Off'}</td>
              <td>{state.lastAssignedAt ? formatRelative(state.lastAssignedAt, now) : '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

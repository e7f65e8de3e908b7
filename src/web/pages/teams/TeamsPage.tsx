// Super admins: the teams (departments) with their agents and leads, where their chats
// overflow to, and the topics that lead customers to them. Create and edit teams (overflow
// included), add and remove agents, make an agent a team lead, archive a team (one with chats
// is never deleted).
import { useState } from 'preact/hooks';
import type { AgentState } from '../../../shared/api.js';
import type { Team } from '../../../shared/teamsApi.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Avatar } from '../../components/Avatar.js';
import { Button } from '../../components/Button.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { showToast } from '../../state/toasts.js';
import { delayLabel } from './overflowDelay.js';
import { TeamDialog } from './TeamDialog.js';
import { TopicsSection } from './TopicsSection.js';

export function TeamsPage() {
  const { api } = useServices();
  const data = useAsync(async () => {
    const [teams, topics, agents] = await Promise.all([
      api.teams.list({ includeArchived: true }),
      api.topics.list({ includeArchived: true }),
      api.agents.list(),
    ]);
    return { teams: teams.items, topics: topics.items, agents: agents.items };
  }, []);
  const [creating, setCreating] = useState(false);
  const reload = () => void data.reload();
  const teams = data.data?.teams ?? [];

  return (
    <div class="page">
      <div class="page-header">
        <div>
          <h1 class="page-title">Teams</h1>
          <p class="muted">
            The desks of the support team. A team’s chats go to its agents only, and after its
            overflow delay to the overflow team’s agents too. A team lead sees and reassigns the
            team’s chats and its agents’ load.
          </p>
        </div>
        <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
          New team
        </Button>
      </div>
      {data.error && <Alert tone="danger">{data.error}</Alert>}
      {!data.data && data.loading && <Loading />}
      {data.data && teams.length === 0 && (
        <EmptyState icon="users" title="No teams yet: every agent works one queue." />
      )}
      {data.data && (
        <div class="stack">
          {teams.map((team) => (
            <TeamCard
              key={team.id}
              team={team}
              teams={teams}
              agents={data.data!.agents}
              onChanged={reload}
            />
          ))}
          <TopicsSection
            topics={data.data.topics}
            teams={teams.filter((team) => !team.archived)}
            onChanged={reload}
          />
        </div>
      )}
      {creating && (
        <TeamDialog
          onClose={() => setCreating(false)}
          onSaved={(team) => {
            showToast(`Team ${team.name} created`);
            reload();
          }}
        />
      )}
    </div>
  );
}

function TeamCard({
  team,
  teams,
  agents,
  onChanged,
}: {
  team: Team;
  teams: Team[];
  agents: AgentState[];
  onChanged: () => void;
}) {
  const { api } = useServices();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [adding, setAdding] = useState('');
  const memberIds = new Set(team.members.map((m) => m.agent.id));
  const candidates = agents.filter((a) => !memberIds.has(a.agent.id));
  const act = (action: () => Promise<unknown>, done: string) =>
    void action()
      .then(() => {
        showToast(done);
        onChanged();
      })
      .catch((error) => showToast(errorMessage(error), 'danger'));

  return (
    <section class="card stack" aria-label={`Team ${team.name}`}>
      <div class="page-header">
        <div>
          <h2 class="section-title">
            {team.name} <span class="count">{team.members.length}</span>{' '}
            {team.archived && <span class="badge badge--off">Archived</span>}
          </h2>
          {team.description && <p class="muted">{team.description}</p>}
          {team.overflow && (
            <p class="muted">
              Chats waiting over {delayLabel(team.overflow.afterSeconds)} also go to{' '}
              {team.overflow.team.name}
            </p>
          )}
        </div>
        <div class="cluster">
          <Button size="sm" variant="ghost" icon="edit" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() =>
              act(
                () => api.teams.update(team.id, { archived: !team.archived }),
                `${team.name} ${team.archived ? 'restored' : 'archived'}`,
              )
            }
          >
            {team.archived ? 'Restore' : 'Archive'}
          </Button>
          <Button size="sm" variant="ghost" icon="trash" onClick={() => setDeleting(true)}>
            Delete
          </Button>
        </div>
      </div>
      {team.members.length === 0 ? (
        <p class="muted">No agents in this team yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">Agents of {team.name}</caption>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Team lead</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {team.members.map(({ agent, isLead }) => (
                <tr key={agent.id}>
                  <td>
                    <span class="person">
                      <Avatar id={agent.id} name={agent.name} size="sm" />
                      <span class="person__name">{agent.name}</span>
                    </span>
                  </td>
                  <td>
                    <label class="cluster">
                      <input
                        type="checkbox"
                        checked={isLead}
                        disabled={team.archived}
                        aria-label={`${agent.name} leads ${team.name}`}
                        onChange={(e) =>
                          act(
                            () => api.teams.setMember(team.id, agent.id, e.currentTarget.checked),
                            e.currentTarget.checked
                              ? `${agent.name} leads ${team.name}`
                              : `${agent.name} no longer leads ${team.name}`,
                          )
                        }
                      />
                      <span>{isLead ? 'Lead' : 'Agent'}</span>
                    </label>
                  </td>
                  <td class="table__actions">
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Remove ${agent.name} from ${team.name}`}
                      onClick={() =>
                        act(
                          () => api.teams.removeMember(team.id, agent.id),
                          `${agent.name} left ${team.name}`,
                        )
                      }
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!team.archived && candidates.length > 0 && (
        <form
          class="cluster"
          onSubmit={(event) => {
            event.preventDefault();
            if (!adding) return;
            const name = candidates.find((c) => c.agent.id === adding)?.agent.name ?? 'Agent';
            act(() => api.teams.setMember(team.id, adding, false), `${name} joined ${team.name}`);
            setAdding('');
          }}
        >
          <select
            class="input select input--sm"
            aria-label={`Agent to add to ${team.name}`}
            value={adding}
            onChange={(e) => setAdding(e.currentTarget.value)}
          >
            <option value="">Choose an agent…</option>
            {candidates.map(({ agent }) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
          <Button size="sm" type="submit" icon="userPlus" disabled={!adding}>
            Add to team
          </Button>
        </form>
      )}
      {editing && (
        <TeamDialog
          team={team}
          teams={teams}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            showToast(`${saved.name} saved`);
            onChanged();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${team.name}?`}
          confirmLabel="Delete"
          tone="danger"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.teams.remove(team.id);
            showToast(`${team.name} deleted`);
            onChanged();
          }}
        >
          Only a team without chats or topics can be deleted; archive a team that has chats.
        </ConfirmDialog>
      )}
    </section>
  );
}

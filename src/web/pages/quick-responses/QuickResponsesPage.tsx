// Quick responses: the shared ones every agent can use (kept by super admins), those of the
// agent's teams (kept by each team's leads) and each agent's personal ones, with their categories
// and shortcuts. Agents add, edit and delete their own here; team leads also their teams', super
// admins every team's and the shared ones.
import { useState } from 'preact/hooks';
import type { QuickResponse } from '../../../shared/api.js';
import type { Team } from '../../../shared/teamsApi.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { showToast } from '../../state/toasts.js';
import { ResponseForm, type ScopeChoice } from './ResponseForm.js';

/** The teams whose responses `meId` keeps: those they lead, every open one for super admins. */
const keptTeams = (teams: readonly Team[], meId: string, superAdmin: boolean) =>
  teams.filter(
    (team) =>
      !team.archived && (superAdmin || team.members.some((m) => m.agent.id === meId && m.isLead)),
  );

/** The team sections: each team with responses the agent sees, by name. */
function byTeam(items: readonly QuickResponse[]) {
  const teams = new Map<string, { name: string; items: QuickResponse[] }>();
  for (const response of items) {
    if (!response.team) continue;
    const entry = teams.get(response.team.id) ?? { name: response.team.name, items: [] };
    entry.items.push(response);
    teams.set(response.team.id, entry);
  }
  return [...teams].sort(([, a], [, b]) => a.name.localeCompare(b.name));
}

export function QuickResponsesPage() {
  const { api, me, quickResponses } = useServices();
  const responses = useAsync(() => api.quickResponses.list(), []);
  const teams = useAsync(() => api.teams.list(), []);
  const [adding, setAdding] = useState(false);
  const superAdmin = me.role === 'super_admin';
  const items = responses.data?.items ?? [];
  const shared = items.filter((r) => r.scope === 'shared');
  const personal = items.filter((r) => r.scope === 'personal');
  const kept = keptTeams(teams.data?.items ?? [], me.id, superAdmin);
  const keptIds = new Set(kept.map((team) => team.id));
  const scopes: ScopeChoice[] = [
    ...kept.map((team) => ({ value: team.id, label: `Team ${team.name}` })),
    ...(superAdmin ? [{ value: 'shared', label: 'Shared with all agents' }] : []),
  ];
  const categories = [
    ...new Set(items.map((r) => r.category).filter((c): c is string => c !== null)),
  ].sort((a, b) => a.localeCompare(b));
  // The open chats' composers share the catalog: they get the change too.
  const reload = () => {
    void responses.reload();
    void quickResponses?.refresh();
  };

  return (
    <div class="page page--narrow">
      <div class="page-header">
        <div>
          <h1 class="page-title">Quick responses</h1>
          <p class="muted">
            Insert them in a chat with the <strong>lightning bolt</strong>, or by typing{' '}
            <kbd>/</kbd> and a few letters.
          </p>
        </div>
        {!adding && (
          <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>
            New response
          </Button>
        )}
      </div>
      {adding && (
        <ResponseForm
          heading="New quick response"
          scopes={scopes}
          categories={categories}
          onCancel={() => setAdding(false)}
          onSave={async (draft) => {
            await api.quickResponses.create(draft);
            setAdding(false);
            showToast('Quick response added');
            reload();
          }}
        />
      )}
      {responses.error && <Alert tone="danger">{responses.error}</Alert>}
      {responses.loading && !responses.data && <Loading />}
      {responses.data && (
        <>
          <ResponseSection
            title="Shared with all agents"
            items={shared}
            editable={superAdmin}
            categories={categories}
            empty="No shared responses yet."
            onChanged={reload}
          />
          {byTeam(items).map(([teamId, team]) => (
            <ResponseSection
              key={teamId}
              title={`Team ${team.name}`}
              items={team.items}
              editable={superAdmin || keptIds.has(teamId)}
              categories={categories}
              empty=""
              onChanged={reload}
            />
          ))}
          <ResponseSection
            title="Your personal responses"
            items={personal}
            editable
            categories={categories}
            empty="You have no personal responses. Add the answers you give most often."
            onChanged={reload}
          />
        </>
      )}
    </div>
  );
}

function ResponseSection({
  title,
  items,
  editable,
  categories,
  empty,
  onChanged,
}: {
  title: string;
  items: QuickResponse[];
  editable: boolean;
  categories: readonly string[];
  empty: string;
  onChanged: () => void;
}) {
  return (
    <section class="stack" aria-label={title}>
      <h2 class="section-title">
        {title} <span class="count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <EmptyState icon="bolt" title={empty} />
      ) : (
        <ul class="response-list">
          {items.map((response) => (
            <ResponseItem
              key={response.id}
              response={response}
              editable={editable}
              categories={categories}
              onChanged={onChanged}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ResponseItem({
  response,
  editable,
  categories,
  onChanged,
}: {
  response: QuickResponse;
  editable: boolean;
  categories: readonly string[];
  onChanged: () => void;
}) {
  const { api } = useServices();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (editing) {
    return (
      <li>
        <ResponseForm
          heading={`Edit “${response.title}”`}
          initial={response}
          categories={categories}
          onCancel={() => setEditing(false)}
          onSave={async ({ title, content, category, shortcut }) => {
            await api.quickResponses.update(response.id, { title, content, category, shortcut });
            setEditing(false);
            showToast('Quick response saved');
            onChanged();
          }}
        />
      </li>
    );
  }
  return (
    <li class="response">
      <div class="response__body">
        <h3 class="response__title">
          {response.title}
          {response.shortcut && <span class="response__shortcut">/{response.shortcut}</span>}
          {response.category && <span class="response__category">{response.category}</span>}
        </h3>
        <p class="response__content">{response.content}</p>
      </div>
      {editable && (
        <div class="response__actions">
          <Button size="sm" variant="ghost" icon="edit" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button size="sm" variant="ghost" icon="trash" onClick={() => setDeleting(true)}>
            Delete
          </Button>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this quick response?"
          confirmLabel="Delete"
          tone="danger"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.quickResponses.remove(response.id);
            showToast('Quick response deleted');
            onChanged();
          }}
        >
          “{response.title}” will no longer be offered{' '}
          {response.scope === 'shared'
            ? 'to any agent'
            : response.team
              ? `to the members of ${response.team.name}`
              : 'to you'}
          .
        </ConfirmDialog>
      )}
    </li>
  );
}

// Quick responses: the shared ones every agent can use (kept by super admins) and each agent's
// personal ones, with their categories and shortcuts. Agents add, edit and delete their own here;
// super admins also the shared ones.
import { useState } from 'preact/hooks';
import type { QuickResponse } from '../../../shared/api.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { showToast } from '../../state/toasts.js';
import { ResponseForm } from './ResponseForm.js';

export function QuickResponsesPage() {
  const { api, me, quickResponses } = useServices();
  const responses = useAsync(() => api.quickResponses.list(), []);
  const [adding, setAdding] = useState(false);
  const superAdmin = me.role === 'super_admin';
  const items = responses.data?.items ?? [];
  const shared = items.filter((r) => r.shared);
  const personal = items.filter((r) => !r.shared);
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
          canShare={superAdmin}
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
          canShare={false}
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
          “{response.title}” will no longer be offered {response.shared ? 'to any agent' : 'to you'}
          .
        </ConfirmDialog>
      )}
    </li>
  );
}

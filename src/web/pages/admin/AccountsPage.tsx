// Super admins: the accounts, searchable by name or email and by role; create one, change a role,
// deactivate or reactivate. One's own account is shown but not changed here.
import { useState } from 'preact/hooks';
import type { Account } from '../../../shared/api.js';
import { ROLES, type Role } from '../../../shared/vocabulary.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Avatar } from '../../components/Avatar.js';
import { Button } from '../../components/Button.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { choices, FilterSelect } from '../../components/FilterSelect.js';
import { Loading } from '../../components/Spinner.js';
import { DataTable } from '../../components/TableFrame.js';
import { ShowMore } from '../../components/ShowMore.js';
import { ROLE_LABELS } from '../../format/labels.js';
import { formatRelative } from '../../format/time.js';
import { useDebounced } from '../../hooks/useDebounced.js';
import { useNow } from '../../hooks/useNow.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { showToast } from '../../state/toasts.js';
import { NewAccountDialog } from './NewAccountDialog.js';

export function AccountsPage() {
  const { api } = useServices();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [creating, setCreating] = useState(false);
  const q = useDebounced(search.trim());
  const accounts = usePagedList(
    (cursor) =>
      api.accounts.list({ q: q || undefined, role: role || undefined, cursor, limit: 50 }),
    [q, role],
  );

  return (
    <div class="page">
      <div class="page-header">
        <h1 class="page-title">Accounts</h1>
        <Button variant="primary" icon="userPlus" onClick={() => setCreating(true)}>
          New account
        </Button>
      </div>
      <form
        class="filters"
        role="search"
        aria-label="Find accounts"
        onSubmit={(e) => e.preventDefault()}
      >
        <label class="filters__field filters__field--grow">
          <span class="filters__label">Name or email</span>
          <input
            class="input"
            type="search"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </label>
        <FilterSelect
          label="Role"
          any="Any role"
          value={role}
          onChange={setRole}
          options={choices(ROLES, ROLE_LABELS)}
        />
      </form>
      {accounts.error && <Alert tone="danger">{accounts.error}</Alert>}
      {!accounts.loaded && accounts.loading && <Loading />}
      {accounts.loaded && accounts.items.length === 0 && (
        <EmptyState icon="users" title="No accounts match" />
      )}
      {accounts.items.length > 0 && (
        <DataTable
          label="Accounts"
          caption="Accounts"
          columns={['Name', 'Role', 'State', 'Last sign-in']}
          actions
        >
          {accounts.items.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              onChanged={() => void accounts.reload()}
            />
          ))}
        </DataTable>
      )}
      <ShowMore list={accounts} />
      {creating && (
        <NewAccountDialog
          onClose={() => setCreating(false)}
          onCreated={(account) => {
            showToast(`Account created for ${account.name}`);
            void accounts.reload();
          }}
        />
      )}
    </div>
  );
}

function AccountRow({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const { api, me } = useServices();
  const now = useNow(60_000);
  const [confirming, setConfirming] = useState(false);
  const [savingRole, setSavingRole] = useState(false);
  const self = account.id === me.id;

  const changeRole = async (role: Role) => {
    setSavingRole(true);
    try {
      await api.accounts.update(account.id, { role });
      showToast(`${account.name} is now ${ROLE_LABELS[role].toLowerCase()}`);
      onChanged();
    } catch (error) {
      showToast(errorMessage(error), 'danger');
    } finally {
      setSavingRole(false);
    }
  };

  const setActive = async (isActive: boolean) => {
    await api.accounts.update(account.id, { isActive });
    showToast(`${account.name} ${isActive ? 'reactivated' : 'deactivated'}`);
    onChanged();
  };

  return (
    <tr class={account.isActive ? undefined : 'table__row--muted'}>
      <td>
        <span class="person">
          <Avatar id={account.id} name={account.name} size="sm" />
          <span>
            <span class="person__name">
              {account.name}
              {self && <span class="muted"> (you)</span>}
            </span>
            <span class="muted small block">{account.email ?? account.externalId ?? '—'}</span>
          </span>
        </span>
      </td>
      <td>
        <select
          class="input select input--sm"
          aria-label={`Role of ${account.name}`}
          value={account.role}
          disabled={self || savingRole || !account.isActive}
          onChange={(e) => void changeRole(e.currentTarget.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span class={`badge ${account.isActive ? 'badge--ok' : 'badge--off'}`}>
          {account.isActive ? 'Active' : 'Deactivated'}
        </span>
      </td>
      <td class="nowrap">
        {account.lastLoginAt ? formatRelative(account.lastLoginAt, now) : 'Never'}
      </td>
      <td class="table__actions">
        {!self &&
          (account.isActive ? (
            <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
              Deactivate
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              onClick={() =>
                void setActive(true).catch((e) => showToast(errorMessage(e), 'danger'))
              }
            >
              Reactivate
            </Button>
          ))}
        {confirming && (
          <ConfirmDialog
            title={`Deactivate ${account.name}?`}
            confirmLabel="Deactivate"
            tone="danger"
            onClose={() => setConfirming(false)}
            onConfirm={() => setActive(false)}
          >
            They are signed out everywhere and can no longer sign in.{' '}
            {account.role === 'user'
              ? 'Their open chats are closed.'
              : 'Their open chats go back to the queue for other agents.'}
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

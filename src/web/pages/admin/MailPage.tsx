// Super admins: the mail outbox. Whether this desk sends mail at all, how many mails are in each
// state, and the mail of one state (failed mail first), each failed one with "Retry".
import { useState } from 'preact/hooks';
import type { OutboxMail } from '../../../shared/mailApi.js';
import { MAIL_STATUSES, type MailStatus } from '../../../shared/vocabulary.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { EmptyState } from '../../components/EmptyState.js';
import { choices, FilterSelect } from '../../components/FilterSelect.js';
import { Loading } from '../../components/Spinner.js';
import { DataTable } from '../../components/TableFrame.js';
import { ShowMore } from '../../components/ShowMore.js';
import { formatDateTime, formatRelative } from '../../format/time.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useNow } from '../../hooks/useNow.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { showToast } from '../../state/toasts.js';

const STATUS_LABELS: Record<MailStatus, string> = {
  dead: 'Failed',
  queued: 'Waiting to be sent',
  sending: 'Sending',
  sent: 'Sent',
  cancelled: 'Not sent (account deactivated)',
};

/** The order of the status filter: what needs an admin first. */
const STATUS_ORDER: readonly MailStatus[] = ['dead', 'queued', 'sending', 'sent', 'cancelled'];

export function MailPage() {
  const { api } = useServices();
  const [status, setStatus] = useState<MailStatus>('dead');
  const state = useAsync(() => api.mail.state(), []);
  const mails = usePagedList((cursor) => api.mail.outbox({ status, cursor, limit: 50 }), [status]);
  const reload = () => {
    void state.reload();
    void mails.reload();
  };

  return (
    <div class="page">
      <div class="page-header">
        <h1 class="page-title">Mail</h1>
        <Button icon="refresh" onClick={reload}>
          Refresh
        </Button>
      </div>
      {state.data && !state.data.enabled && (
        <Alert tone="info" title="Mail is off">
          SMTP_URL is not set, so this desk sends no mail and queues none: no password reset links,
          no notifications. Set SMTP_URL, MAIL_FROM and PUBLIC_URL, then check them with
          “switchboard mail-test”.
        </Alert>
      )}
      {state.data && (
        <dl class="summary">
          {STATUS_ORDER.filter((s) => s !== 'sending').map((s) => (
            <div class="summary__item" key={s}>
              <dt>{STATUS_LABELS[s]}</dt>
              <dd>{state.data!.counts[s]}</dd>
            </div>
          ))}
        </dl>
      )}
      <form class="filters" aria-label="Show mail" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label="Show"
          value={status}
          onChange={(value) => value && setStatus(value)}
          options={choices(
            STATUS_ORDER.filter((s) => MAIL_STATUSES.includes(s)),
            STATUS_LABELS,
          )}
        />
      </form>
      {(mails.error ?? state.error) && <Alert tone="danger">{mails.error ?? state.error}</Alert>}
      {!mails.loaded && mails.loading && <Loading />}
      {mails.loaded && mails.items.length === 0 && (
        <EmptyState icon="mail" title={status === 'dead' ? 'No failed mail' : 'No mail here'} />
      )}
      {mails.items.length > 0 && (
        <DataTable
          label="Mail"
          caption={`Mail: ${STATUS_LABELS[status]}`}
          columns={['To', 'Subject', 'Attempts', 'What happened', 'Queued']}
          actions
        >
          {mails.items.map((mail) => (
            <MailRow key={mail.id} mail={mail} onRetried={reload} />
          ))}
        </DataTable>
      )}
      <ShowMore list={mails} />
    </div>
  );
}

function MailRow({ mail, onRetried }: { mail: OutboxMail; onRetried: () => void }) {
  const { api } = useServices();
  const now = useNow(60_000);
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      await api.mail.retry(mail.id);
      showToast(`Mail to ${mail.to} queued again`);
      onRetried();
    } catch (error) {
      showToast(errorMessage(error), 'danger');
      setBusy(false);
    }
  };
  const failed = mail.status === 'dead' || mail.status === 'cancelled';
  return (
    <tr data-mail={mail.id}>
      <td>{mail.to}</td>
      <td>
        {mail.subject}
        <span class="muted small block">{mail.kind.replace(/_/g, ' ')}</span>
      </td>
      <td>{mail.attempts}</td>
      <td>
        {mail.lastError ?? (mail.sentAt ? `Sent ${formatRelative(mail.sentAt, now)}` : '—')}
        {mail.nextAttemptAt && (
          <span class="muted small block">Next try {formatDateTime(mail.nextAttemptAt)}</span>
        )}
      </td>
      <td>{formatRelative(mail.createdAt, now)}</td>
      <td>
        {failed && (
          <Button size="sm" busy={busy} onClick={() => void retry()}>
            Retry
          </Button>
        )}
      </td>
    </tr>
  );
}

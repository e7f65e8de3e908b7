// An agent's mail about tickets: which notices they get (a new ticket in their teams, one given
// to them, an `@` in a note, an SLA alert). Where every such mail's List-Unsubscribe points
// (`/settings#mail`); saved on the server with the other notification preferences.
import { MAIL_NOTICES, type MailNotice } from '../../../shared/vocabulary.js';
import { useReadable } from '../../hooks/useReadable.js';
import { showToast } from '../../state/toasts.js';
import { useAgentDesk } from '../console/AgentDesk.js';

const LABELS: Record<MailNotice, string> = {
  newTickets: 'A new ticket in my teams (any team’s, when it has none)',
  assigned: 'A ticket someone gives me',
  mentions: 'An internal note that mentions me with @',
  sla: 'An SLA warning or breach of a ticket I am told about',
};

export function MailSettingsPage() {
  const { settings } = useAgentDesk();
  const mail = useReadable(settings).mail;
  const change = (notice: MailNotice, on: boolean) =>
    void settings
      .change({ mail: { ...mail, [notice]: on } })
      .catch(() => showToast('Could not save your mail settings. Try again.', 'danger'));
  return (
    <div class="page">
      <div class="page-header">
        <h1 class="page-title">Settings</h1>
      </div>
      <section id="mail" aria-labelledby="mail-heading">
        <h2 id="mail-heading">Mail about tickets</h2>
        <p>
          Send me a mail when… A requester’s mail (their request received, the desk’s answers) is
          not affected.
        </p>
        {MAIL_NOTICES.map((notice) => (
          <div key={notice}>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={mail[notice]}
                onChange={(e) => change(notice, e.currentTarget.checked)}
              />
              {LABELS[notice]}
            </label>
          </div>
        ))}
      </section>
    </div>
  );
}

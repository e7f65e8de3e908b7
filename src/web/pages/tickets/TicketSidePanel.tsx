// The desk's side of a ticket: its SLA standing; status, priority, assignee, team, tags and custom
// fields, each saved as soon as it is changed (PATCH; a refusal is shown and the ticket loaded
// again); the requester and CCs; the requester's survey answer; "Merge into…" for a duplicate;
// and the history of every change.
import { useState } from 'preact/hooks';
import type { Ticket, TicketEvent, UpdateTicketBody } from '../../../shared/ticketsApi.js';
import { PRIORITIES, type Priority } from '../../../shared/vocabulary.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { TagEditor } from '../../components/chat/TagEditor.js';
import { Field } from '../../components/Field.js';
import { Stars } from '../../components/Stars.js';
import { PRIORITY_LABELS } from '../../format/labels.js';
import { formatDateTime } from '../../format/time.js';
import { useAsync } from '../../hooks/useAsync.js';
import { MergeDialog } from './MergeDialog.js';
import { SlaStanding } from './SlaStanding.js';
import { TicketCcsSection } from './TicketCcsSection.js';
import { TicketFieldsSection } from './TicketFieldsSection.js';
import { eventText, SETTABLE_STATUSES, TICKET_STATUS_LABELS } from './ticketLabels.js';

export function TicketSidePanel({
  ticket,
  events,
  onChanged,
}: {
  ticket: Ticket;
  events: readonly TicketEvent[];
  onChanged: (ticket: Ticket | null) => void;
}) {
  const { api, me } = useServices();
  const agents = useAsync(() => api.agents.list(), []);
  const teams = useAsync(() => api.teams.list(), []);
  const fields = useAsync(() => api.ticketFields.list(), []);
  const [merging, setMerging] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const closed = ticket.status === 'closed';

  const save = async (changes: UpdateTicketBody) => {
    setSaving(true);
    setProblem(null);
    try {
      onChanged(await api.tickets.update(ticket.id, changes));
    } catch (failure) {
      setProblem(errorMessage(failure));
      onChanged(null);
    } finally {
      setSaving(false);
    }
  };

  const agentChoices = agents.data?.items.map((item) => item.agent) ?? [];
  if (ticket.assignee && !agentChoices.some((a) => a.id === ticket.assignee?.id))
    agentChoices.unshift(ticket.assignee);
  const teamChoices = teams.data?.items ?? [];
  const disabled = saving || closed;
  const fieldLabel = (key: string) => fields.data?.items.find((f) => f.key === key)?.label;

  return (
    <aside class="ticket-panel card stack" aria-label="Ticket details">
      {problem && <Alert tone="danger">{problem}</Alert>}
      <SlaStanding ticket={ticket} />
      <Field label="Status">
        {(control) => (
          <select
            {...control}
            class="input select"
            value={ticket.status}
            disabled={disabled}
            onChange={(e) =>
              void save({ status: e.currentTarget.value as (typeof SETTABLE_STATUSES)[number] })
            }
          >
            {!(SETTABLE_STATUSES as readonly string[]).includes(ticket.status) && (
              <option value={ticket.status} disabled>
                {TICKET_STATUS_LABELS[ticket.status]}
              </option>
            )}
            {SETTABLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {TICKET_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Priority">
        {(control) => (
          <select
            {...control}
            class="input select"
            value={ticket.priority}
            disabled={disabled}
            onChange={(e) => void save({ priority: e.currentTarget.value as Priority })}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Assignee">
        {(control) => (
          <select
            {...control}
            class="input select"
            value={ticket.assignee?.id ?? ''}
            disabled={disabled}
            onChange={(e) => void save({ assigneeId: e.currentTarget.value || null })}
          >
            <option value="">Unassigned</option>
            {agentChoices.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.id === me.id ? `${agent.name} (you)` : agent.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Team">
        {(control) => (
          <select
            {...control}
            class="input select"
            value={ticket.team?.id ?? ''}
            disabled={disabled}
            onChange={(e) => void save({ teamId: e.currentTarget.value || null })}
          >
            <option value="">No team</option>
            {ticket.team && !teamChoices.some((t) => t.id === ticket.team?.id) && (
              <option value={ticket.team.id}>{ticket.team.name}</option>
            )}
            {teamChoices.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <section class="ticket-panel__section" aria-labelledby="ticket-tags">
        <h2 id="ticket-tags" class="ticket-panel__title">
          Tags
        </h2>
        <TagEditor
          tags={ticket.tags}
          editable={!closed}
          onSave={(tags) => api.tickets.update(ticket.id, { tags }).then(onChanged)}
        />
      </section>
      <TicketFieldsSection
        ticket={ticket}
        fields={fields.data?.items ?? []}
        disabled={disabled}
        onSave={save}
      />
      <section class="ticket-panel__section" aria-labelledby="ticket-requester">
        <h2 id="ticket-requester" class="ticket-panel__title">
          Requester
        </h2>
        <p class="ticket-panel__requester">{ticket.requester.name}</p>
        {ticket.requester.email && <p class="muted">{ticket.requester.email}</p>}
      </section>
      <TicketCcsSection ticket={ticket} editable={!closed} />
      {ticket.satisfaction && (
        <section class="ticket-panel__section" aria-labelledby="ticket-satisfaction">
          <h2 id="ticket-satisfaction" class="ticket-panel__title">
            Satisfaction
          </h2>
          {ticket.satisfaction.rating !== null ? (
            <>
              <Stars rating={ticket.satisfaction.rating} />
              {ticket.satisfaction.comment && <q>{ticket.satisfaction.comment}</q>}
            </>
          ) : (
            <p class="muted">
              Survey mailed {formatDateTime(ticket.satisfaction.surveyedAt)}, not answered
            </p>
          )}
        </section>
      )}
      {!closed && (
        <Button icon="merge" onClick={() => setMerging(true)}>
          Merge into…
        </Button>
      )}
      {merging && <MergeDialog ticket={ticket} onClose={() => setMerging(false)} />}
      <section class="ticket-panel__section" aria-labelledby="ticket-history">
        <h2 id="ticket-history" class="ticket-panel__title">
          History
        </h2>
        <ol class="ticket-history">
          {events.map((event) => (
            <li key={event.id} class="ticket-history__item">
              <span>
                <strong>{event.actor?.name ?? 'Switchboard'}</strong> {eventText(event, fieldLabel)}
              </span>
              <time class="muted" dateTime={event.createdAt}>
                {formatDateTime(event.createdAt)}
              </time>
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}

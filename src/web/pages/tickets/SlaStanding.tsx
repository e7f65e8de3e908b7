// Where the ticket stands against its SLA on the desk's side panel: each target's state and, while
// it runs, when it is due (the server counts it: domain/tickets/slaStatus.ts). A target that is
// due soon or missed is marked so it is seen first.
import type { Ticket, TicketSla } from '../../../shared/ticketsApi.js';
import { formatDateTime } from '../../format/time.js';

type Target = NonNullable<TicketSla['firstResponse']>;

const STATE_LABELS: Record<Target['state'], string> = {
  active: 'Due',
  paused: 'Paused',
  achieved: 'Met',
  breached: 'Missed',
};

/** "Due 3 Dec, 14:00", "Paused", "Met", "Missed (was due 2 Dec, 17:00)". */
export function targetText(target: Target): string {
  const due = target.dueAt ? formatDateTime(target.dueAt) : null;
  if (target.state === 'active') return due ? `Due ${due}` : 'Running';
  if (target.state === 'breached' && due) return `Missed (was due ${due})`;
  return STATE_LABELS[target.state];
}

export function SlaStanding({ ticket }: { ticket: Ticket }) {
  const sla = ticket.sla;
  if (!sla || (!sla.firstResponse && !sla.nextResponse && !sla.resolution)) return null;
  const rows: [string, Target | null][] = [
    ['First response', sla.firstResponse],
    ['Next response', sla.nextResponse],
    ['Resolution', sla.resolution],
  ];
  return (
    <section class="ticket-panel__section" aria-labelledby="ticket-sla">
      <h2 id="ticket-sla" class="ticket-panel__title">
        SLA
      </h2>
      <dl class="details__list">
        {rows.map(
          ([label, target]) =>
            target && (
              <>
                <dt key={`${label}-term`}>{label}</dt>
                <dd key={`${label}-value`} class={`sla-state sla-state--${target.state}`}>
                  {targetText(target)}
                </dd>
              </>
            ),
        )}
      </dl>
    </section>
  );
}

// The words the ticket screens use: statuses, the inbox's views, and each history entry as a
// sentence ("Ana set the status from Open to Pending").
import type { Ticket, TicketEvent } from '../../../shared/ticketsApi.js';
import type { Priority, TicketStatus } from '../../../shared/vocabulary.js';
import { PRIORITY_LABELS } from '../../format/labels.js';
import { formatDateTime } from '../../format/time.js';

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  on_hold: 'On hold',
  solved: 'Solved',
  closed: 'Closed',
};

/** The statuses an agent may set by hand (docs/tickets.md: `new` and `closed` are not). */
export const SETTABLE_STATUSES = ['open', 'pending', 'on_hold', 'solved'] as const;

export const ticketNumber = (ticket: Pick<Ticket, 'number'>) => `#${ticket.number}`;

/** Where a ticket's page is, at its number: the desk's, or the requester's. */
export const ticketHref = (ticket: Pick<Ticket, 'number'>, requester: boolean) =>
  `${requester ? '/requests' : '/tickets'}/${ticket.number}`;

/** A ticket's page is at its number (`/tickets/1042`, `#1042` too), or at its id. */
export const parseTicketRef = (ref: string): number | null => {
  const match = /^#?([1-9][0-9]{0,15})$/.exec(ref.trim());
  return match ? Number(match[1]) : null;
};

type EventValue = TicketEvent['to'];

function valueText(kind: TicketEvent['kind'], value: EventValue): string {
  if (value === null) return kind === 'assignee' || kind === 'team' ? 'nobody' : 'nothing';
  if (kind === 'status' && typeof value === 'string' && value in TICKET_STATUS_LABELS)
    return TICKET_STATUS_LABELS[value as TicketStatus];
  if (kind === 'priority' && typeof value === 'string' && value in PRIORITY_LABELS)
    return PRIORITY_LABELS[value as Priority];
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : 'none';
  if (typeof value === 'object') {
    if ('number' in value) return `#${value.number}`;
    return value.name;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

const isPerson = (value: EventValue): value is { id: string; name: string } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'name' in value;

/**
 * One history entry as a sentence, without its actor and time; `fieldLabel` names a custom field
 * by its label ("Student ID") where the definitions are at hand, else the key is shown.
 */
export function eventText(
  event: TicketEvent,
  fieldLabel: (key: string) => string | undefined = () => undefined,
): string {
  const from = valueText(event.kind, event.from);
  const to = valueText(event.kind, event.to);
  switch (event.kind) {
    case 'created':
      return 'filed the ticket';
    case 'status':
      return `changed the status from ${from} to ${to}`;
    case 'priority':
      return `changed the priority from ${from} to ${to}`;
    case 'subject':
      return `renamed it from “${from}” to “${to}”`;
    case 'team':
      return event.to === null ? `moved it out of ${from}` : `moved it to ${to}`;
    case 'assignee':
      if (event.to === null) return `unassigned ${from}`;
      return isPerson(event.to) && event.to.id === event.actor?.id
        ? 'took it'
        : `assigned it to ${to}`;
    case 'tags':
      return `set the tags to ${to}`;
    case 'field':
      return `set ${(event.field && fieldLabel(event.field)) ?? event.field ?? 'a field'} to ${to}`;
    case 'merged_into':
      return `merged it into ${to}`;
    case 'merged_from':
      return `merged ${to} into it`;
    case 'follow_up':
      return `followed it up with ${to}`;
    case 'follow_up_of':
      return `filed it as a follow-up of ${to}`;
    case 'chat_linked':
      return 'made it from a chat';
    case 'sla_warning':
      return `warned that ${slaTargetText(event.field)} is at risk (due ${dueText(event.to)})`;
    case 'sla_breach':
      return `recorded that ${slaTargetText(event.field)} was missed (due ${dueText(event.to)})`;
  }
}

/** An SLA target's name in a sentence. */
export const slaTargetText = (target: string | null) =>
  target === 'first_response'
    ? 'the first response'
    : target === 'next_response'
      ? 'the next response'
      : 'the resolution';

const dueText = (value: EventValue) =>
  typeof value === 'string' ? new Date(value).toLocaleString() : 'unknown';

/** A due time counts as at risk in its last hour. */
const AT_RISK_MS = 60 * 60 * 1000;

export interface SlaDue {
  at: string;
  text: string;
  /** `breached`: missed; `soon`: due within the hour; `later`. */
  risk: 'breached' | 'soon' | 'later';
}

/** The inbox's SLA due column: the soonest due time of a running or missed target, if any. */
export function slaDue(ticket: Pick<Ticket, 'sla'>, now: number): SlaDue | null {
  const { sla } = ticket;
  const targets = [sla?.firstResponse, sla?.nextResponse, sla?.resolution].flatMap((target) =>
    target && target.dueAt && (target.state === 'active' || target.state === 'breached')
      ? [{ state: target.state, dueAt: target.dueAt }]
      : [],
  );
  const soonest = targets.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
  if (!soonest) return null;
  const left = Date.parse(soonest.dueAt) - now;
  const risk =
    soonest.state === 'breached' || left <= 0 ? 'breached' : left <= AT_RISK_MS ? 'soon' : 'later';
  const when = formatDateTime(soonest.dueAt);
  return { at: soonest.dueAt, text: risk === 'breached' ? `Missed ${when}` : when, risk };
}

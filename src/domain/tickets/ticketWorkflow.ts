// The ticket state machine as data: for each event, what each status becomes, a follow-up
// (a closed ticket is final), or a named refusal. Services and tests share this one answer.
import type { TicketStatus } from '../../shared/vocabulary.js';
import { AppError } from '../errors.js';

/** new → open ↔ pending / on_hold → solved → closed. `closed` is final. */
export { TICKET_STATUSES, type TicketStatus } from '../../shared/vocabulary.js';

/** Statuses an agent may pick by hand; `new` is only ever the start and `closed` is automatic. */
export const SETTABLE_STATUSES = ['open', 'pending', 'on_hold', 'solved'] as const;

export type TicketEvent =
  | { type: 'agentReply' }
  | { type: 'requesterReply' }
  | { type: 'note' }
  | { type: 'assign' }
  | { type: 'requesterSolve' }
  | { type: 'setStatus'; status: TicketStatus }
  | { type: 'autoClose' }
  | { type: 'merge' };

export type TicketEventType = TicketEvent['type'];

/** What the machine answers: a status, a follow-up ticket to create, or a refusal. */
export type TicketTransition =
  | { kind: 'status'; status: TicketStatus }
  | { kind: 'followUp' }
  | { kind: 'refused'; error: AppError };

type Outcome = TicketStatus | 'followUp' | 'closed!' | 'invalid!';

/** One row per event without a parameter, one column per status. */
const TRANSITIONS: Record<Exclude<TicketEventType, 'setStatus'>, Record<TicketStatus, Outcome>> = {
  // The first public agent reply opens a new ticket; otherwise the status stays (the composer's
  // "Send and set pending / solved" is a reply followed by setStatus).
  agentReply: {
    new: 'open',
    open: 'open',
    pending: 'pending',
    on_hold: 'on_hold',
    solved: 'solved',
    closed: 'followUp',
  },
  // The requester answering reopens what waited on them or was solved; on_hold waits on a third
  // party, so their message is stored but the ticket stays on hold.
  requesterReply: {
    new: 'new',
    open: 'open',
    pending: 'open',
    on_hold: 'on_hold',
    solved: 'open',
    closed: 'followUp',
  },
  note: {
    new: 'new',
    open: 'open',
    pending: 'pending',
    on_hold: 'on_hold',
    solved: 'solved',
    closed: 'closed!',
  },
  assign: {
    new: 'open',
    open: 'open',
    pending: 'pending',
    on_hold: 'on_hold',
    solved: 'solved',
    closed: 'closed!',
  },
  // "Mark as solved" on the customer's ticket page.
  requesterSolve: {
    new: 'solved',
    open: 'solved',
    pending: 'solved',
    on_hold: 'solved',
    solved: 'solved',
    closed: 'closed!',
  },
  autoClose: {
    new: 'invalid!',
    open: 'invalid!',
    pending: 'invalid!',
    on_hold: 'invalid!',
    solved: 'closed',
    closed: 'closed!',
  },
  // The source of a merge is closed (with merged_into set by the merge rules).
  merge: {
    new: 'closed',
    open: 'closed',
    pending: 'closed',
    on_hold: 'closed',
    solved: 'closed',
    closed: 'closed!',
  },
};

const label = (status: TicketStatus) => status.replace('_', ' ');

function refusal(outcome: 'closed!' | 'invalid!', from: TicketStatus, what: string) {
  const error =
    outcome === 'closed!'
      ? new AppError('TICKET_CLOSED', 'This ticket is closed; reply to create a follow-up')
      : new AppError('INVALID_TRANSITION', `This ${label(from)} ticket cannot ${what}`);
  return { kind: 'refused', error } as const;
}

/** The outcome of `event` on a ticket in `status`, without throwing. */
export function ticketTransition(status: TicketStatus, event: TicketEvent): TicketTransition {
  if (event.type === 'setStatus') {
    if (status === 'closed') return refusal('closed!', status, '');
    if (!(SETTABLE_STATUSES as readonly TicketStatus[]).includes(event.status)) {
      return refusal('invalid!', status, `be set to ${label(event.status)} by hand`);
    }
    return { kind: 'status', status: event.status };
  }
  const outcome = TRANSITIONS[event.type][status];
  if (outcome === 'followUp') return { kind: 'followUp' };
  if (outcome === 'closed!' || outcome === 'invalid!') {
    return refusal(outcome, status, 'close automatically until it is solved');
  }
  return { kind: 'status', status: outcome };
}

/** The next status, or the refusal thrown; a follow-up is returned for the caller to create. */
export function nextTicketStatus(
  status: TicketStatus,
  event: TicketEvent,
): TicketStatus | 'followUp' {
  const transition = ticketTransition(status, event);
  if (transition.kind === 'refused') throw transition.error;
  return transition.kind === 'followUp' ? 'followUp' : transition.status;
}

/** Statuses that wait on someone else than the desk: the resolution clock pauses in them. */
export const PAUSED_STATUSES: readonly TicketStatus[] = ['pending', 'on_hold'];

/** Statuses in which the desk owes work: the resolution clock runs in them. */
export const RUNNING_STATUSES: readonly TicketStatus[] = ['new', 'open'];

// The rules for merging a duplicate ticket (the source) into another (the target): which target a
// merge really lands on, what is refused, and what the source becomes (closed, merged_into set).
import { AppError } from '../errors.js';
import { formatTicketNumber } from './ticketNumber.js';
import { ticketTransition, type TicketStatus } from './ticketWorkflow.js';

export interface MergeableTicket {
  id: string;
  number: number;
  status: TicketStatus;
  /** The id of the ticket this one was merged into, if it was. */
  mergedInto: string | null;
  /**
   * Whose request it is. Tickets of different requesters are not merged: the source's thread
   * would show in a ticket its requester cannot see, and the target's requester would read it.
   */
  requesterId?: string;
}

/** Finds a ticket by id; the service loads the chain of merged tickets beforehand. */
export type TicketLookup = (id: string) => MergeableTicket | undefined;

const invalidMerge = (message: string) => new AppError('INVALID_MERGE', message);

/** Follows merged_into links to the ticket that was not merged anywhere. */
export function finalMergeTarget(ticket: MergeableTicket, lookup: TicketLookup): MergeableTicket {
  const seen = new Set<string>();
  let current = ticket;
  while (current.mergedInto) {
    if (seen.has(current.id)) {
      throw new AppError(
        'INTERNAL',
        `Tickets merged in a loop at ${formatTicketNumber(current.number)}`,
      );
    }
    seen.add(current.id);
    const next = lookup(current.mergedInto);
    if (!next)
      throw new AppError('NOT_FOUND', 'The ticket this one was merged into no longer exists');
    current = next;
  }
  return current;
}

export interface MergePlan {
  /** The ticket that really receives the merge (the end of the target's chain). */
  targetId: string;
  /** What the source becomes. */
  source: { id: string; status: 'closed'; mergedInto: string };
}

/**
 * What merging `source` into `target` does, or the refusal: into itself, twice, into a closed
 * one, or across requesters.
 */
export function planMerge(
  source: MergeableTicket,
  target: MergeableTicket,
  lookup: TicketLookup,
): MergePlan {
  const sourceLabel = formatTicketNumber(source.number);
  if (source.mergedInto) {
    throw invalidMerge(`${sourceLabel} is already merged into another ticket`);
  }
  const final = finalMergeTarget(target, lookup);
  if (final.id === source.id) {
    throw invalidMerge(`${sourceLabel} cannot be merged into itself`);
  }
  if (final.status === 'closed') {
    throw invalidMerge(`${formatTicketNumber(final.number)} is closed; merge into an open ticket`);
  }
  if (
    source.requesterId !== undefined &&
    final.requesterId !== undefined &&
    source.requesterId !== final.requesterId
  ) {
    throw invalidMerge(
      `${sourceLabel} and ${formatTicketNumber(final.number)} are requests of different people`,
    );
  }
  const transition = ticketTransition(source.status, { type: 'merge' });
  if (transition.kind === 'refused') {
    throw invalidMerge(`${sourceLabel} is closed and cannot be merged`);
  }
  return { targetId: final.id, source: { id: source.id, status: 'closed', mergedInto: final.id } };
}

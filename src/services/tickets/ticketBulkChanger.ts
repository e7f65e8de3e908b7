// An agent changes many tickets at once (the inbox's bulk bar): one change (assignee, status,
// priority, team, tags to add or remove, or a merge into one target) made to each ticket through
// the same use case as one ticket's change, each in its own transaction, with its own rules,
// history and frames. Per ticket, not all or nothing: a ticket the caller may not see, may not
// change, or whose workflow refuses the change is reported with the error it would have had
// alone, and the others are changed all the same.
import { AppError, forbidden } from '../../domain/errors.js';
import { isAgent, type Viewer } from '../../domain/policies.js';
import type {
  BulkTicketChange,
  BulkTicketResult,
  UpdateTicketBody,
} from '../../shared/ticketsApi.js';
import type { ServiceContext } from '../context.js';
import { mergeTicket } from './ticketMerger.js';
import { updateTicket, type UpdateTicketProps } from './ticketUpdater.js';

export interface BulkChangeProps {
  viewer: Viewer;
  /** Each counts once, in the order given. */
  ticketIds: readonly string[];
  change: BulkTicketChange;
}

/** What updateTicket is asked for one ticket. */
function updateOf(change: Exclude<BulkTicketChange, { kind: 'merge' }>): {
  changes: UpdateTicketBody;
  tagEdit?: UpdateTicketProps['tagEdit'];
} {
  switch (change.kind) {
    case 'assignee':
      return { changes: { assigneeId: change.assigneeId } };
    case 'status':
      return { changes: { status: change.status } };
    case 'priority':
      return { changes: { priority: change.priority } };
    case 'team':
      return { changes: { teamId: change.teamId } };
    case 'addTags':
      return { changes: {}, tagEdit: { add: change.tags, remove: [] } };
    case 'removeTags':
      return { changes: {}, tagEdit: { add: [], remove: change.tags } };
  }
}

export async function changeTicketsInBulk(
  ctx: ServiceContext,
  props: BulkChangeProps,
): Promise<BulkTicketResult[]> {
  const { viewer, change } = props;
  // The desk's tool: a requester changes their own requests one at a time.
  if (!isAgent(viewer)) throw forbidden('Bulk changes are for agents');
  const results: BulkTicketResult[] = [];
  for (const ticketId of new Set(props.ticketIds)) {
    try {
      if (change.kind === 'merge') {
        await mergeTicket(ctx, { viewer, sourceId: ticketId, targetId: change.targetId });
      } else {
        await updateTicket(ctx, { viewer, ticketId, ...updateOf(change) });
      }
      results.push({ ticketId, status: 200, error: null });
    } catch (error) {
      // Anything but a refusal (a database gone, a bug) is the request's failure, not a ticket's.
      if (!(error instanceof AppError)) throw error;
      results.push({
        ticketId,
        status: error.status,
        error: { code: error.code, message: error.message },
      });
    }
  }
  return results;
}

// Reads tickets as a viewer may see them: one ticket, the inbox or "my requests" (visibility in
// SQL), a ticket's thread (notes left out for the requester, in SQL, and so their files) and its
// history (the desk's).
import { hiddenTicketMessageKinds } from '../../domain/eventVisibility.js';
import { ticketPolicy, type Viewer } from '../../domain/policies.js';
import type { ListTicketsQuery, TicketPageQuery } from '../../shared/ticketsApi.js';
import { listTicketEvents } from '../../storage/repositories/tickets/ticketEvents.js';
import { listTickets as listTicketRecords } from '../../storage/repositories/tickets/ticketList.js';
import { loadTicketFilesOf } from '../../storage/repositories/files.js';
import { listThread } from '../../storage/repositories/tickets/ticketMessages.js';
import {
  ticketRecords,
  type TicketRecord,
} from '../../storage/repositories/tickets/ticketRecords.js';
import type { ServiceContext } from '../context.js';
import { loadTicketFor } from './ticketAccess.js';

export async function getTicket(
  ctx: ServiceContext,
  viewer: Viewer,
  ticketId: string,
): Promise<TicketRecord> {
  const { db } = ctx.store;
  const { row } = await loadTicketFor(db, viewer, ticketId);
  return (await ticketRecords(db, [row]))[0]!;
}

export function listTickets(ctx: ServiceContext, viewer: Viewer, query: ListTicketsQuery) {
  return listTicketRecords(ctx.store.db, {
    viewer,
    statuses: query.status,
    teamId: query.teamId,
    assigneeId: query.assigneeId === 'me' ? viewer.id : query.assigneeId,
    requesterId: query.requesterId,
    number: query.number,
    priority: query.priority,
    tag: query.tag,
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
}

/** The thread as the viewer may read it: the requester never gets a note. */
export async function listTicketMessages(
  ctx: ServiceContext,
  viewer: Viewer,
  ticketId: string,
  query: TicketPageQuery,
) {
  const { db } = ctx.store;
  const { facts, viewer: known } = await loadTicketFor(db, viewer, ticketId);
  const page = await listThread(db, ticketId, {
    ...query,
    hiddenKinds: hiddenTicketMessageKinds(known, facts),
  });
  // Only the messages the viewer may read are here, so only their files.
  await loadTicketFilesOf(db, page.records);
  return page;
}

export async function listTicketHistory(
  ctx: ServiceContext,
  viewer: Viewer,
  ticketId: string,
  query: TicketPageQuery,
) {
  const { db } = ctx.store;
  await loadTicketFor(db, viewer, ticketId, { rule: ticketPolicy.readHistory });
  return listTicketEvents(db, ticketId, query);
}

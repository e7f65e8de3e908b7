// Saved inbox views: an agent names the inbox's filters and sort to find them again beside the
// built-in views. Personal; a super admin may share one with every agent. Only its owner changes
// or deletes a view; a view the caller may not list is not found. The query is checked against
// the list's own filter schema when saved, and again when read (a view saved before a filter
// changed shape is listed with the filters that still hold).
import { forbidden, notFound } from '../../domain/errors.js';
import { isAgent, isSuperAdmin, type Viewer } from '../../domain/policies.js';
import {
  TicketViewQuery,
  type CreateTicketViewBody,
  type TicketView,
  type UpdateTicketViewBody,
} from '../../shared/ticketsApi.js';
import type { TicketViewRow } from '../../storage/schema.js';
import * as repo from '../../storage/repositories/tickets/ticketViews.js';
import type { ServiceContext } from '../context.js';
import { iso } from '../presenters.js';

function assertDesk(viewer: Viewer): void {
  if (!isAgent(viewer)) throw forbidden('Saved views are the inbox’s, for agents');
}

function assertSharing(viewer: Viewer, shared: boolean | undefined): void {
  if (shared && !isSuperAdmin(viewer)) throw forbidden('Only super admins share a view');
}

export function presentTicketView(row: TicketViewRow, viewer: Viewer): TicketView {
  const parsed = TicketViewQuery.safeParse(JSON.parse(row.query));
  return {
    id: row.id,
    name: row.name,
    query: parsed.success ? parsed.data : { sort: 'updated' },
    shared: row.shared === 1,
    mine: row.owner_id === viewer.id,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export async function listTicketViews(ctx: ServiceContext, viewer: Viewer): Promise<TicketView[]> {
  assertDesk(viewer);
  const rows = await repo.listTicketViews(ctx.store.db, viewer.id);
  return rows.map((row) => presentTicketView(row, viewer));
}

export async function createTicketView(
  ctx: ServiceContext,
  viewer: Viewer,
  body: CreateTicketViewBody,
): Promise<TicketView> {
  assertDesk(viewer);
  assertSharing(viewer, body.shared);
  const now = ctx.clock.now();
  const row: TicketViewRow = {
    id: ctx.ids.next(),
    owner_id: viewer.id,
    name: body.name,
    query: JSON.stringify(body.query),
    shared: body.shared ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await repo.insertTicketView(ctx.store.db, row);
  return presentTicketView(row, viewer);
}

/** The caller's own view: another's shared view is theirs to change (403), any other not found. */
async function ownView(ctx: ServiceContext, viewer: Viewer, id: string): Promise<TicketViewRow> {
  assertDesk(viewer);
  const row = await repo.findTicketView(ctx.store.db, id);
  if (!row || (row.owner_id !== viewer.id && row.shared !== 1)) throw notFound('Saved view');
  if (row.owner_id !== viewer.id) throw forbidden('Only the agent who saved a view changes it');
  return row;
}

export async function updateTicketView(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  body: UpdateTicketViewBody,
): Promise<TicketView> {
  const before = await ownView(ctx, viewer, id);
  assertSharing(viewer, body.shared);
  const after: TicketViewRow = {
    ...before,
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.query !== undefined ? { query: JSON.stringify(body.query) } : {}),
    ...(body.shared !== undefined ? { shared: body.shared ? 1 : 0 } : {}),
    updated_at: ctx.clock.now(),
  };
  const { id: _id, owner_id: _owner, created_at: _created, ...changes } = after;
  await repo.updateTicketView(ctx.store.db, id, changes);
  return presentTicketView(after, viewer);
}

export async function deleteTicketView(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<void> {
  await ownView(ctx, viewer, id);
  await repo.deleteTicketView(ctx.store.db, id);
}

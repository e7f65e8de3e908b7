// Quick responses (canned replies): shared ones kept by super admins, personal ones by each agent.
import { forbidden, notFound } from '../../domain/errors.js';
import { isSuperAdmin, quickResponsePolicy, type Viewer } from '../../domain/policies.js';
import type { CreateQuickResponseBody, UpdateQuickResponseBody } from '../../shared/api.js';
import * as repo from '../../storage/repositories/quickResponses.js';
import type { QuickResponseRow } from '../../storage/schema.js';
import type { ServiceContext } from '../context.js';

export function listQuickResponses(
  ctx: ServiceContext,
  viewer: Viewer,
): Promise<QuickResponseRow[]> {
  if (!quickResponsePolicy.use(viewer)) throw forbidden('Quick responses are for agents');
  return repo.listQuickResponsesFor(ctx.store.db, viewer.id);
}

export async function createQuickResponse(
  ctx: ServiceContext,
  viewer: Viewer,
  body: CreateQuickResponseBody,
): Promise<QuickResponseRow> {
  const ownerId = body.shared ? null : viewer.id;
  if (!quickResponsePolicy.manage(viewer, { ownerId })) {
    throw forbidden(
      body.shared
        ? 'Only super admins manage shared quick responses'
        : 'Quick responses are for agents',
    );
  }
  const now = ctx.clock.now();
  const row: QuickResponseRow = {
    id: ctx.ids.next(),
    owner_id: ownerId,
    title: body.title,
    content: body.content,
    created_by: viewer.id,
    created_at: now,
    updated_at: now,
  };
  await repo.insertQuickResponse(ctx.store.db, row);
  return row;
}

/**
 * Loads a response the viewer may manage. Quick responses are for agents: anyone else is refused
 * whatever the id; an agent's response is missing for colleagues, who may not see it.
 */
async function loadManageable(ctx: ServiceContext, viewer: Viewer, id: string) {
  if (!quickResponsePolicy.use(viewer)) throw forbidden('Quick responses are for agents');
  const row = await repo.findQuickResponse(ctx.store.db, id);
  const visible =
    row && (row.owner_id === null || row.owner_id === viewer.id || isSuperAdmin(viewer));
  if (!row || !visible) throw notFound('Quick response');
  if (!quickResponsePolicy.manage(viewer, { ownerId: row.owner_id })) {
    throw forbidden('Only super admins change shared quick responses');
  }
  return row;
}

export async function updateQuickResponse(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  changes: UpdateQuickResponseBody,
): Promise<QuickResponseRow> {
  const row = await loadManageable(ctx, viewer, id);
  const updated = { ...row, ...changes, updated_at: ctx.clock.now() };
  await repo.updateQuickResponse(ctx.store.db, id, {
    title: updated.title,
    content: updated.content,
    updated_at: updated.updated_at,
  });
  return updated;
}

export async function deleteQuickResponse(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<void> {
  await loadManageable(ctx, viewer, id);
  await repo.deleteQuickResponse(ctx.store.db, id);
}

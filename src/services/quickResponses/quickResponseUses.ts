// An agent inserted a quick response in a chat: counted, so their picker shows their most used
// first. Counted on insert rather than on send: one upsert, off the message path.
import { notFound } from '../../domain/errors.js';
import type { Viewer } from '../../domain/policies.js';
import { recordQuickResponseUse as recordUse } from '../../storage/repositories/quickResponses.js';
import type { ServiceContext } from '../context.js';
import { loadVisible } from './quickResponses.js';
import type { QuickResponseRecord } from '../../storage/repositories/quickResponses.js';

export async function recordQuickResponseUse(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<QuickResponseRecord> {
  const record = await loadVisible(ctx, viewer, id);
  const useCount = await recordUse(ctx.store.db, {
    responseId: id,
    agentId: viewer.id,
    now: ctx.clock.now(),
  });
  if (useCount === null) throw notFound('Quick response');
  return { ...record, useCount };
}

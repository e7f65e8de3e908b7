// Agents label a chat with tags (billing, login-problem…) for later search and reporting.
import { sessionPolicy, type Viewer } from '../../domain/policies.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import { replaceTags } from '../../storage/repositories/sessions/sessionParticipants.js';
import { type SessionRecord } from '../../storage/repositories/sessions/sessionRecords.js';
import { commit, type ServiceContext } from '../context.js';
import { loadSessionFor } from './sessionAccess.js';
import { appendSessionUpdate } from './sessionEvents.js';

export function tagSession(
  ctx: ServiceContext,
  props: { viewer: Viewer; sessionId: string; tags: readonly string[] },
): Promise<SessionRecord> {
  const { viewer, sessionId } = props;
  return commit(ctx, async (trx, outbox) => {
    const { record } = await loadSessionFor(trx, viewer, sessionId, {
      rule: sessionPolicy.tag,
      lock: ctx.store,
    });
    assertTransition(record.row.status, 'tag');
    const tags = [...new Set(props.tags.map((t) => t.toLowerCase()))].sort();
    await replaceTags(trx, sessionId, tags, viewer.id, ctx.clock.now());
    return appendSessionUpdate(trx, ctx, outbox, sessionId, 'tagged');
  });
}

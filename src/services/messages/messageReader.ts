// Reads a conversation: pages of messages, and the ordered event log a reconnecting client replays.
import { hiddenMessageTypes } from '../../domain/eventVisibility.js';
import type { Viewer } from '../../domain/policies.js';
import type { ListMessagesQuery } from '../../shared/api.js';
import type { ServerFrame, SessionEvent } from '../../shared/protocol.js';
import {
  eventsAfter,
  listMessages as listMessageRecords,
} from '../../storage/repositories/messages.js';
import { loadFilesOf } from '../../storage/repositories/files.js';
import type { ServiceContext } from '../context.js';
import { FAN_OUT, presentMessage } from '../presenters.js';
import { loadSessionFor } from '../sessions/sessionAccess.js';

export async function listMessages(
  ctx: ServiceContext,
  viewer: Viewer,
  sessionId: string,
  query: ListMessagesQuery,
) {
  const { db } = ctx.store;
  const { facts } = await loadSessionFor(db, viewer, sessionId);
  const page = await listMessageRecords(db, sessionId, {
    ...query,
    hiddenTypes: hiddenMessageTypes(viewer, facts),
  });
  await loadFilesOf(db, page.records);
  return page;
}

export type SessionEventFrame = Extract<ServerFrame, { type: 'session.event' }>;

/**
 * The session's durable events after `afterSeq`, as frames for FAN_OUT (the socket presents them
 * for its viewer, and leaves out what domain/eventVisibility.ts hides from them), at most
 * `limit`. Every event is read, notes too, so the feed can tell a gap from a hidden event. The
 * caller has already checked that the viewer may see the session.
 */
export async function replayEvents(
  ctx: ServiceContext,
  sessionId: string,
  afterSeq: number,
  limit: number,
): Promise<SessionEventFrame[]> {
  const logged = await eventsAfter(ctx.store.db, sessionId, afterSeq, limit);
  await loadFilesOf(
    ctx.store.db,
    logged.flatMap((entry) => (entry.source === 'message' ? [entry.message] : [])),
  );
  return logged.map((entry) => ({
    type: 'session.event',
    sessionId,
    seq: entry.seq,
    event:
      entry.source === 'message'
        ? { kind: 'message.created', message: presentMessage(entry.message, FAN_OUT) }
        : (entry.payload as SessionEvent),
  }));
}

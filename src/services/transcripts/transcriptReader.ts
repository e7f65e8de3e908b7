// A chat's transcript as its customer may have it, for whoever may see the chat: its customer,
// and the agents, team leads and super admins who may. It is always the customer's version:
// the lines are read through domain/eventVisibility.ts as the customer would be answered, so a
// note never enters one, not even an agent's download (a transcript is what the customer was
// told; the desk reads its notes in the chat itself).
import { hiddenMessageTypes } from '../../domain/eventVisibility.js';
import type { Viewer } from '../../domain/policies.js';
import type { Transcript, TranscriptLine } from '../../domain/transcripts/chatTranscript.js';
import { loadFilesOf } from '../../storage/repositories/files.js';
import { listMessages, type MessageRecord } from '../../storage/repositories/messages.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';
import { loadSessionFor, type SessionAccess } from '../sessions/sessionAccess.js';

const PAGE = 500;

export interface TranscriptOf {
  access: SessionAccess;
  transcript: Transcript;
}

/** Every message of the session the customer may see, oldest first. */
async function customerLines(db: Db, access: SessionAccess): Promise<TranscriptLine[]> {
  const customer: Viewer = { id: access.record.customer.id, role: access.record.customer.role };
  const hiddenTypes = hiddenMessageTypes(customer, access.facts);
  const records: MessageRecord[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await listMessages(db, access.record.row.id, {
      afterSeq,
      limit: PAGE,
      hiddenTypes,
    });
    records.push(...page.records);
    if (!page.hasMore || page.records.length === 0) break;
    afterSeq = page.records.at(-1)!.row.seq;
  }
  await loadFilesOf(db, records);
  return records.map(({ row, sender, files }) => ({
    at: row.created_at,
    type: row.message_type,
    senderName: row.message_type === 'system' ? null : (sender?.name ?? null),
    text: row.message_text,
    fileNames: (files ?? []).map((file) => file.file_name),
  }));
}

/** The transcript of `sessionId` for `viewer` (404 for a chat they may not see). */
export async function readTranscript(
  ctx: ServiceContext,
  props: {
    viewer: Viewer;
    sessionId: string;
    /** An IANA zone to write the times in; UTC when absent. */
    timeZone?: string | undefined;
    footer?: readonly string[];
  },
): Promise<TranscriptOf> {
  const { db } = ctx.store;
  const access = await loadSessionFor(db, props.viewer, props.sessionId);
  const { row, customer } = access.record;
  return {
    access,
    transcript: {
      deskName: ctx.settings.deskName,
      subject: row.subject,
      customerName: customer.name,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      lines: await customerLines(db, access),
      timeZone: props.timeZone,
      footer: props.footer,
    },
  };
}

/** "chat-2026-03-04-01HX….txt": the day it started and its id, safe in any file system. */
export function transcriptFileName(access: SessionAccess, extension: 'txt' | 'html'): string {
  const day = new Date(access.record.row.started_at).toISOString().slice(0, 10);
  return `chat-${day}-${access.record.row.id.replace(/[^A-Za-z0-9_-]/g, '')}.${extension}`;
}

// The raw chats of a range as CSV records, read page by page (chatExport.ts in storage) and
// yielded one by one, so the route streams them and no export holds more than a page. Same
// authorization, range and filters as the chat report (chatReportScope); one row per chat started
// in the range.
import type { Viewer } from '../../domain/policies.js';
import { measureChat } from '../../domain/reports/chatMeasures.js';
import {
  chatExportPage,
  type ExportedChat,
} from '../../storage/repositories/reports/chatExport.js';
import type { ServiceContext } from '../context.js';
import { chatReportScope, type ChatFilters } from './reportScope.js';

/** The CSV's columns, in order (docs/reports.md, "CSV export"). */
export const EXPORT_COLUMNS = [
  'id',
  'started',
  'team',
  'topic',
  'agent',
  'wait_s',
  'first_response_s',
  'handle_s',
  'status',
  'outcome',
  'transfers',
  'rating',
] as const;
export type ExportRecord = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

const PAGE = 500;

export interface ChatExportProps extends ChatFilters {
  viewer: Viewer;
  from: number;
  to: number;
  teamId?: string | undefined;
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

/** ended: answered, unanswered (no agent message) or abandoned (never assigned); else empty. */
function outcomeOf(chat: ExportedChat, m: ReturnType<typeof measureChat>): string | null {
  if (chat.endedAt === null) return null;
  if (m.abandoned) return 'abandoned';
  return m.unanswered ? 'unanswered' : 'answered';
}

export function recordOf(chat: ExportedChat): ExportRecord {
  const m = measureChat(chat);
  return {
    id: chat.id,
    started: new Date(chat.startedAt).toISOString(),
    team: chat.teamName,
    topic: chat.topicName,
    agent: chat.agentName,
    wait_s: seconds(m.waitMs),
    first_response_s: seconds(m.firstResponseMs),
    handle_s: seconds(m.handleMs),
    status: chat.status,
    outcome: outcomeOf(chat, m),
    transfers: chat.transfers,
    rating: chat.rating,
  };
}

/**
 * Checks who asks and the range first (so a refusal is an error reply, not a broken download),
 * then gives the records to stream.
 */
export async function chatExport(
  ctx: ServiceContext,
  props: ChatExportProps,
): Promise<{ from: number; to: number; records: AsyncIterable<ExportRecord> }> {
  const db = ctx.store.reportDb;
  const { from, to, teamIds } = await chatReportScope(ctx, props);
  const { agentId, topicId, priority } = props;
  async function* records(): AsyncGenerator<ExportRecord> {
    let after: { startedAt: number; id: string } | undefined;
    for (;;) {
      const page = await chatExportPage(db, {
        from,
        to,
        teamIds,
        agentId,
        topicId,
        priority,
        after,
        limit: PAGE,
      });
      for (const chat of page) yield recordOf(chat);
      const last = page.at(-1);
      if (!last || page.length < PAGE) return;
      after = { startedAt: last.startedAt, id: last.id };
    }
  }
  return { from, to, records: records() };
}

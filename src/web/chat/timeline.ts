// Turns a conversation into what the message list draws: day separators, centred system notes,
// and bubbles grouped by sender (a new group after a pause), each bubble of one's own side with
// its delivery state: on its way, refused, sent, or read. Internal notes stand on their own.
import type { FileAttachment, Message, Person } from '../../shared/api.js';
import { dayKey, formatDayLabel, secondsBetween } from '../format/time.js';
import { isReadByOtherSide, type ConversationState } from './conversation.js';
import type { SendFailure } from './outbox.js';

/** Messages further apart than this start a new group, even from the same sender. */
const GROUP_GAP_SECONDS = 5 * 60;

export type Delivery = 'pending' | 'failed' | 'sent' | 'read';

export interface TimelineEntry {
  key: string;
  text: string;
  at: string;
  /** Only for bubbles on the viewer's side. */
  delivery: Delivery | null;
  /** For pending and refused bubbles: the outbox entry to retry or discard. */
  clientId?: string;
  /** What a file or image message (or a note) carries. */
  files?: readonly FileAttachment[];
  failure?: SendFailure;
}

export type TimelineItem =
  | { kind: 'day'; key: string; label: string }
  /** `desk`: a line only agents ever receive (a `note` without a sender: who moved the chat). */
  | { kind: 'system'; key: string; text: string; at: string; desk?: true }
  | { kind: 'group'; key: string; sender: Person; mine: boolean; entries: TimelineEntry[] }
  /** An internal note: on its own, never in a group (only agents ever receive one). */
  | { kind: 'note'; key: string; sender: Person; entry: TimelineEntry };

/**
 * The viewer's side of the conversation: the customer's own messages for a customer; for agents
 * and super admins, everything the desk said (so a transferred chat still reads as one side).
 */
export function isOwnSide(sender: Person, viewer: Person, customerId: string | undefined): boolean {
  if (sender.id === viewer.id) return true;
  return viewer.id !== customerId && sender.id !== customerId;
}

export function buildTimeline(
  state: ConversationState,
  viewer: Person,
  now: number,
): TimelineItem[] {
  const customerId = state.session?.customer.id;
  const items: TimelineItem[] = [];
  let group: Extract<TimelineItem, { kind: 'group' }> | null = null;
  let lastDay: string | null = null;
  let lastAt: string | null = null;

  const place = (sender: Person | null, at: string, key: string) => {
    const day = dayKey(at);
    if (day !== lastDay) {
      items.push({ kind: 'day', key: `day-${day}`, label: formatDayLabel(at, now) });
      lastDay = day;
      group = null;
    }
    if (sender === null) {
      group = null;
      return null;
    }
    const continues =
      group !== null &&
      group.sender.id === sender.id &&
      lastAt !== null &&
      secondsBetween(lastAt, at) <= GROUP_GAP_SECONDS;
    lastAt = at;
    if (continues && group) return group;
    const mine = isOwnSide(sender, viewer, customerId);
    const next: Extract<TimelineItem, { kind: 'group' }> = {
      kind: 'group',
      key: `group-${key}`,
      sender,
      mine,
      entries: [],
    };
    items.push(next);
    group = next;
    return next;
  };

  const note = (sender: Person, entry: TimelineEntry) => {
    place(null, entry.at, entry.key);
    items.push({ kind: 'note', key: `note-${entry.key}`, sender, entry });
  };

  for (const message of state.messages) {
    if (message.type === 'note' && message.sender) {
      note(message.sender, {
        key: message.id,
        text: message.text,
        at: message.createdAt,
        delivery: null,
        ...(message.files ? { files: message.files } : {}),
      });
      continue;
    }
    if (message.type === 'note') {
      place(null, message.createdAt, message.id);
      items.push({
        kind: 'system',
        key: message.id,
        text: message.text,
        at: message.createdAt,
        desk: true,
      });
      continue;
    }
    const target = place(
      message.type === 'system' ? null : message.sender,
      message.createdAt,
      message.id,
    );
    if (!target) {
      items.push({ kind: 'system', key: message.id, text: message.text, at: message.createdAt });
      continue;
    }
    target.entries.push({
      key: message.id,
      text: message.text,
      at: message.createdAt,
      delivery: target.mine ? deliveryOf(state, message) : null,
      ...(message.files ? { files: message.files } : {}),
    });
  }
  for (const pending of state.outbox) {
    const entry: TimelineEntry = {
      key: pending.clientId,
      text: pending.text,
      at: pending.queuedAt,
      delivery: pending.failure ? 'failed' : 'pending',
      clientId: pending.clientId,
      ...(pending.failure ? { failure: pending.failure } : {}),
    };
    if (pending.note) note(viewer, entry);
    else place(viewer, pending.queuedAt, pending.clientId)!.entries.push(entry);
  }
  return items;
}

function deliveryOf(state: ConversationState, message: Message): Delivery {
  return isReadByOtherSide(state, message) ? 'read' : 'sent';
}

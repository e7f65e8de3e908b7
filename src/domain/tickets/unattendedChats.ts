// Which chats the desk turns into tickets on its own (issue 12), and what it tells the customer:
// a chat nobody answered in time (UNANSWERED_CHAT_TICKET_MINUTES) and one its customer ended
// while still waiting (ABANDONED_CHAT_TICKETS). Only a chat no agent ever had, and that has no
// ticket yet: a chat an agent already made a ticket of is left alone.
import type { SessionStatus } from '../../shared/vocabulary.js';

export interface UnattendedFacts {
  status: SessionStatus;
  assigned_agent_id: string | null;
  first_assigned_at: number | null;
  ticket_id: string | null;
  started_at: number;
}

/** Waiting, never an agent's (not even before a requeue), and without a ticket. */
export function isUnattended(chat: UnattendedFacts): boolean {
  return (
    chat.status === 'waiting' &&
    chat.assigned_agent_id === null &&
    chat.first_assigned_at === null &&
    chat.ticket_id === null
  );
}

/** Unattended and waiting for `waitMs` by `now` (0: the setting is off, never). */
export function isUnansweredInTime(chat: UnattendedFacts, now: number, waitMs: number): boolean {
  return waitMs > 0 && isUnattended(chat) && chat.started_at <= now - waitMs;
}

/** The chat's last line for its customer once the desk has filed its ticket. */
export const unansweredChatLine = (ticketNumber: number) =>
  `No one could answer in time — we've made request #${ticketNumber}; we'll reply there`;

/** The automatic reply that ends each ticket's transcript. */
export const UNANSWERED_CHAT_REPLY =
  'Sorry that no one could answer your chat in time. Someone will answer you here.';
export const ABANDONED_CHAT_REPLY =
  'Thank you for your message. You left the chat before anyone could answer: someone will answer you here.';

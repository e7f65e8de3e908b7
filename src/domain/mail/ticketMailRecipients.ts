// Who gets which mail about a ticket. The requester's mails (the acknowledgment, the desk's
// public replies, the ticket solved) are their conversation with the desk and follow no
// preference; the agents' notices each follow one of the person's mail preferences. Nobody is
// mailed about what they did themselves, a notice goes to agents only, and each person once.
import { MAIL_NOTICE_DEFAULTS, type MailNotice } from '../../shared/vocabulary.js';

export type MailPreferences = Readonly<Record<MailNotice, boolean>>;

export interface NoticeCandidate {
  id: string;
  isAgent: boolean;
  isActive: boolean;
  /** Their mail preferences; null: never changed (every notice on). */
  preferences: MailPreferences | null;
}

/** Whether someone with `preferences` wants the notice. */
export function wantsNotice(preferences: MailPreferences | null, notice: MailNotice): boolean {
  return (preferences ?? MAIL_NOTICE_DEFAULTS)[notice];
}

/**
 * The ids of the candidates a `notice` goes to, in their order: active agents who want it,
 * without `actorId` (who caused it; null when the system did) and without repeats.
 */
export function noticeRecipients(
  notice: MailNotice,
  candidates: readonly NoticeCandidate[],
  actorId: string | null,
): string[] {
  const ids: string[] = [];
  for (const person of candidates) {
    if (person.id === actorId || ids.includes(person.id)) continue;
    if (!person.isAgent || !person.isActive || !wantsNotice(person.preferences, notice)) continue;
    ids.push(person.id);
  }
  return ids;
}

/**
 * Whether the requester is told their ticket arrived: when they filed it themselves (on the web
 * or by mail). A ticket an agent files for someone (a phone call, a chat made a ticket) is
 * followed by the agent's own reply, which the requester gets; an acknowledgment first is noise.
 */
export function acknowledgesTicket(ticket: { requesterId: string; actorId: string | null }) {
  return ticket.actorId === ticket.requesterId;
}

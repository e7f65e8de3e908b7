// Whether a team's live chat is open, and whether a customer may chat now: the pure rules.
// A team names a business calendar as its opening hours, or none (always open). Open means
// within the calendar's hours (domain/tickets/businessCalendar.ts, luxon: DST and holidays
// included); live chat is available when the team is open and at least one of its agents is
// online, taking chats automatically, with room for one more.
import { DateTime } from 'luxon';
import { addBusinessMinutes, isWithinBusinessHours } from './tickets/businessCalendar.js';
import type { BusinessCalendar } from './tickets/businessCalendar.js';

export type Opening =
  | { open: true }
  /** `opensAt` null: the calendar has no open hours in the next three years. */
  | { open: false; opensAt: Date | null };

/** Is the team open at `now`, and if not, when does it open next? Null calendar: always open. */
export function openingAt(calendar: BusinessCalendar | null, now: Date): Opening {
  if (calendar === null || isWithinBusinessHours(calendar, now)) return { open: true };
  try {
    // Zero business minutes from a closed instant is the next opening.
    return { open: false, opensAt: addBusinessMinutes(calendar, now, 0) };
  } catch {
    return { open: false, opensAt: null };
  }
}

/** `available`: a chat started now is answered live; otherwise why not. */
export type LiveChatState = 'available' | 'closed' | 'no_agents';

/** Live chat for a team: open and at least one free slot among its agents taking chats. */
export function liveChatState(opening: Opening, freeSlots: number): LiveChatState {
  if (!opening.open) return 'closed';
  return freeSlots > 0 ? 'available' : 'no_agents';
}

/**
 * When a closed team opens, in words, in `timeZone` (the customer's if known, else the
 * calendar's): "Monday 9 March, 09:00 (Europe/London)". An unknown zone falls back to UTC.
 */
export function describeOpening(opensAt: Date, timeZone: string): string {
  let local = DateTime.fromJSDate(opensAt, { zone: timeZone });
  if (!local.isValid) local = DateTime.fromJSDate(opensAt, { zone: 'UTC' });
  return `${local.setLocale('en-GB').toFormat('cccc d LLLL, HH:mm')} (${local.zoneName})`;
}

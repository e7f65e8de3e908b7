// What a customer reads when live chat is not available on their topic, in the customer's own
// time zone: "We're closed — we open Monday 09:00", or "No one is available right now". Pure,
// so every case is unit-tested; the Live Chat page and the widget share it.
import type { TopicAvailability } from '../../../shared/liveChatApi.js';

const DAY_MS = 86_400_000;

/** The next opening in words: the weekday within a week, else the date too. */
export function openingWords(opensAt: string, now: number, timeZone?: string): string {
  const at = new Date(opensAt);
  const soon = at.getTime() - now < 6 * DAY_MS;
  const parts = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    ...(soon ? {} : { day: 'numeric', month: 'long' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = soon ? part('weekday') : `${part('weekday')} ${part('day')} ${part('month')}`;
  return `${day} ${part('hour')}:${part('minute')}`;
}

/** The notice for a topic where live chat is not available now; null when it is. */
export function availabilityNotice(
  availability: Pick<TopicAvailability, 'state' | 'opensAt'> | undefined,
  now: number,
  timeZone?: string,
): string | null {
  if (!availability || availability.state === 'available') return null;
  if (availability.state === 'no_agents') return 'No one is available right now.';
  return availability.opensAt
    ? `We're closed — we open ${openingWords(availability.opensAt, now, timeZone)}.`
    : "We're closed right now.";
}

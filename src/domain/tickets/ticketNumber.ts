// Ticket numbers people can say aloud (`#1042`) and the subject tag that carries one in an email
// subject (`Re: [#1042] Printer jammed`). Handing out the next number is storage's job.

/** The largest number accepted when parsing: far beyond any desk, well inside a safe integer. */
export const MAX_TICKET_NUMBER = 999_999_999_999;

const NUMBER = /^#?([1-9]\d{0,11})$/;
const TAG = /\[#([1-9]\d{0,11})\]/;

/** `1042` → `#1042`. */
export function formatTicketNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_TICKET_NUMBER) {
    throw new RangeError(`Not a ticket number: ${n}`);
  }
  return `#${n}`;
}

/** `#1042`, `1042` or ` #1042 ` → 1042; anything else (`#0`, `#01`, `#12a`, `-3`) → null. */
export function parseTicketNumber(text: string): number | null {
  const match = NUMBER.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/** The number in the first `[#1042]` of a subject, or null when it carries none. */
export function parseSubjectTag(subject: string): number | null {
  const match = TAG.exec(subject);
  return match ? Number(match[1]) : null;
}

/** The subject with `[#1042] ` in front, unless it already carries that tag. */
export function withSubjectTag(subject: string, n: number): string {
  if (parseSubjectTag(subject) === n) return subject;
  return `[${formatTicketNumber(n)}] ${subject}`;
}

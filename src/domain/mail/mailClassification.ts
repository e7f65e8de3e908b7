// Which incoming mail the desk imports and which it leaves alone: automatic mail (auto-replies,
// bounces, receipts, bulk) would otherwise open tickets nobody asked for, and two systems that
// answer each other's automatic mail loop forever. What is ignored keeps its reason, so the desk
// can see why a mail made no ticket.

/** What the rules read of a mail: the headers by lowercase name (first value), and the sender. */
export interface MailFacts {
  /** The From address, lowercased; null when the mail names none. */
  from: string | null;
  /** The Return-Path as written without its brackets (`''` for `<>`); null when absent. */
  returnPath: string | null;
  subject: string;
  /** The top part's MIME type, lowercased (`multipart/report`). */
  contentType: string;
  /** Its `report-type` parameter, lowercased, when it has one. */
  reportType: string | null;
  /** Header values by lowercase name (the first of a repeated header). */
  headers: Readonly<Record<string, string | undefined>>;
}

export const IGNORE_REASONS = [
  'no_sender',
  'own_address',
  'auto_submitted',
  'auto_response_suppress',
  'bulk',
  'bounce',
  'receipt',
  'out_of_office',
] as const;
export type IgnoreReason =
  | (typeof IGNORE_REASONS)[number]
  | 'rate_limited'
  | 'unreadable'
  | 'disabled_sender'
  | 'too_large'
  // An answer to an agent's notice from someone who may not work the ticket, or to a closed one.
  | 'notice_answer_refused';

export type Classification = { accept: true } | { accept: false; reason: IgnoreReason };

/** Local parts that only ever send bounces and server notices. */
const DAEMONS = /^(mailer-daemon|postmaster|mail-daemon|mailer|noreply-dmarc-support)$/i;

/**
 * Subjects auto-responders use in the languages of our desks; the `X-Autoreply`-style headers
 * catch those that say so, these the ones that do not.
 */
const OUT_OF_OFFICE = [
  /^\s*(auto(matic|matische?)?[\s:-]*(reply|response|antwort|answer|svar)\b)/i,
  /^\s*(out of (the )?office|ooo\b|on (vacation|holiday|leave))/i,
  /^\s*(abwesenheitsnotiz|abwesend|ich bin (nicht im büro|abwesend))/i,
  /^\s*(réponse automatique|absence du bureau|absent\b)/i,
  /^\s*(respuesta automática|fuera de la oficina)/i,
  /^\s*(automatisch antwoord|afwezig)/i,
];

/** `X-Auto-Response-Suppress` values that mark the mail itself as automatic (Exchange). */
const SUPPRESS_MEANS_AUTOMATIC = /\b(all|oof|autoreply)\b/i;

/**
 * Accept, or ignore with the reason. `ownAddresses` are the desk's own (lowercased): mail from
 * them is our own mail come back, the start of a loop.
 */
export function classifyMail(mail: MailFacts, ownAddresses: readonly string[]): Classification {
  const ignore = (reason: IgnoreReason): Classification => ({ accept: false, reason });
  const header = (name: string) => mail.headers[name]?.trim().toLowerCase();
  if (mail.returnPath === '' || (mail.from !== null && DAEMONS.test(localPart(mail.from)))) {
    return ignore('bounce');
  }
  if (mail.contentType === 'multipart/report') {
    return ignore(mail.reportType === 'disposition-notification' ? 'receipt' : 'bounce');
  }
  if (mail.from === null) return ignore('no_sender');
  if (ownAddresses.includes(mail.from)) return ignore('own_address');
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted !== '' && autoSubmitted !== 'no') {
    return ignore('auto_submitted');
  }
  // Exchange puts it on its automatic mail; some ordinary Outlook mail asks only that no read
  // receipt be sent (`DR, RN, NRN`), and that mail is a person's.
  const suppress = header('x-auto-response-suppress');
  if (suppress !== undefined && SUPPRESS_MEANS_AUTOMATIC.test(suppress)) {
    return ignore('auto_response_suppress');
  }
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence') ?? '')) {
    return ignore('bulk');
  }
  if (
    header('x-autoreply') !== undefined ||
    header('x-autorespond') !== undefined ||
    header('x-autoresponder') !== undefined ||
    OUT_OF_OFFICE.some((pattern) => pattern.test(mail.subject))
  ) {
    return ignore('out_of_office');
  }
  return { accept: true };
}

function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? address : address.slice(0, at);
}

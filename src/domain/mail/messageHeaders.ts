// The headers that make a mail a proper, threadable, automatic mail: a Message-ID of the
// deployment's own domain (kept with the queued mail, so a resend carries the same one and the
// receiver can drop the copy), In-Reply-To and References for a thread, Auto-Submitted for mail
// no person wrote (RFC 3834: so auto-responders do not answer it) and List-Unsubscribe.

/** The domain part of an address ("Help desk <help@example.edu>" → "example.edu"). */
export function domainOf(address: string): string | null {
  const match = /@([^\s<>@]+?)>?\s*$/.exec(address.trim());
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * A Message-ID for the queued mail `id`: unique because the id is, and of our domain, so no
 * other sender's ids collide with it.
 */
export function makeMessageId(id: string, domain: string): string {
  return `<${id}@${domain}>`;
}

/** Headers a queued mail carries, stored with it as JSON. */
export interface MailHeaders {
  'Message-ID': string;
  /** Where an answer goes, when not to From: a ticket's signed reply address. */
  'Reply-To'?: string;
  /** Who is copied (a ticket's CCs on the desk's reply), comma-separated addresses. */
  Cc?: string;
  'In-Reply-To'?: string;
  References?: string;
  /** `auto-generated` on mail the system writes by itself (RFC 3834). */
  'Auto-Submitted'?: 'auto-generated' | 'auto-replied';
  /** `<https://…>` (and `<mailto:…>`) where a notification can be turned off. */
  'List-Unsubscribe'?: string;
}

export interface ThreadOptions {
  /** The Message-ID this mail answers, if any. */
  inReplyTo?: string | undefined;
  /** The thread so far, oldest first (the ids of the mails before this one). */
  references?: readonly string[] | undefined;
}

/** How many ids References keeps: the thread's first and its latest ones are what matter. */
const MAX_REFERENCES = 20;

/**
 * Threading headers: In-Reply-To names the parent, References the thread with the parent last
 * (RFC 5322 §3.6.4), trimmed to its first id and latest ones when it grows long.
 */
export function threadHeaders(
  thread: ThreadOptions,
): Pick<MailHeaders, 'In-Reply-To' | 'References'> {
  const ids = [...(thread.references ?? [])];
  if (thread.inReplyTo && ids.at(-1) !== thread.inReplyTo) ids.push(thread.inReplyTo);
  const kept = ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  return {
    ...(thread.inReplyTo ? { 'In-Reply-To': thread.inReplyTo } : {}),
    ...(kept.length > 0 ? { References: kept.join(' ') } : {}),
  };
}

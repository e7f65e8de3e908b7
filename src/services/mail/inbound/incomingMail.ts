// Reads a raw mail (RFC 822 bytes) into what the import needs: who wrote it, to whom, what it
// answers, its subject and text, and the facts the noise rules read. mailparser decodes MIME,
// transfer encodings and charsets (an unknown one falls back rather than failing), and an
// attachment whose encoding is broken arrives as what could be decoded of it, for the upload
// rules to judge; anything it cannot read at all is null, and the import records it as
// unreadable instead of failing.
import { simpleParser, type AddressObject, type HeaderLines, type ParsedMail } from 'mailparser';
import type { MailFacts } from '../../../domain/mail/mailClassification.js';
import { messageIdList, messageIdOf } from '../../../domain/mail/threading.js';

export interface IncomingMail {
  /** The Message-ID without brackets, or one made from the raw bytes (domain/mail/threading). */
  messageId: string;
  /** The sender's address, lowercased; null when the mail names none. */
  from: string | null;
  /** The sender's display name ('' when none). */
  fromName: string;
  /** To, Cc, Delivered-To and X-Original-To addresses, lowercased. */
  recipients: string[];
  /** The Cc addresses alone, lowercased: who the sender copied (the ticket's CCs). */
  cc: string[];
  inReplyTo: string[];
  references: string[];
  subject: string;
  /** The plain text (converted from HTML when the mail has no text part). */
  text: string;
  /** Its attachments, and the images its HTML shows inline (`cid:`), decoded. */
  attachments: IncomingAttachment[];
  facts: MailFacts;
}

export interface IncomingAttachment {
  /** As the mail names it (decoded from its charset); a name of its type when it has none. */
  fileName: string;
  /** As the mail declares it: a claim, checked against the content when it is kept. */
  contentType: string;
  content: Buffer;
}

/** HTML beyond this is not converted to text (a hostile mail could make the converter crawl). */
const MAX_HTML_TO_TEXT = 2_000_000;

export async function readIncomingMail(raw: Buffer): Promise<IncomingMail | null> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, {
      maxHtmlLengthToParse: MAX_HTML_TO_TEXT,
      skipImageLinks: true,
      skipTextToHtml: true,
    });
  } catch {
    return null;
  }
  const headers = firstHeaderValues(parsed.headerLines);
  const from = addressesOf(parsed.from)[0] ?? null;
  const fromName = parsed.from?.value[0]?.name ?? '';
  const recipients = [
    ...addressesOf(parsed.to),
    ...addressesOf(parsed.cc),
    ...['delivered-to', 'x-original-to'].flatMap((name) =>
      allHeaderValues(parsed.headerLines, name).map((value) =>
        value.replace(/^<|>$/g, '').trim().toLowerCase(),
      ),
    ),
  ];
  const contentType = (headers['content-type'] ?? 'text/plain').toLowerCase();
  const returnPath = headers['return-path'];
  return {
    messageId: messageIdOf(
      messageIdList(headers['message-id'] ?? '')[0] ?? headers['message-id'],
      raw,
    ),
    from,
    fromName,
    recipients: [...new Set(recipients)],
    cc: [...new Set(addressesOf(parsed.cc))],
    inReplyTo: messageIdList(headers['in-reply-to']),
    references: messageIdList(allHeaderValues(parsed.headerLines, 'references')),
    subject: (parsed.subject ?? '').replace(/\s+/g, ' ').trim(),
    text: parsed.text ?? '',
    attachments: parsed.attachments.map((attachment, i) => ({
      fileName: attachment.filename?.trim() || `attachment-${i + 1}`,
      contentType: attachment.contentType ?? 'application/octet-stream',
      content: attachment.content,
    })),
    facts: {
      from,
      returnPath:
        returnPath === undefined ? null : (/<([^>]*)>/.exec(returnPath)?.[1] ?? returnPath).trim(),
      subject: parsed.subject ?? '',
      contentType: contentType.split(';')[0]!.trim(),
      reportType: /report-type\s*=\s*"?([\w-]+)/.exec(contentType)?.[1] ?? null,
      headers,
    },
  };
}

function addressesOf(header: AddressObject | AddressObject[] | undefined): string[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const flat = objects.flatMap((object) =>
    object.value.flatMap((entry) => (entry.group ? entry.group : [entry])),
  );
  return flat.flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : []));
}

/** A header line's value, unfolded (`Name: value`). */
const valueOf = (line: string) =>
  line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();

function allHeaderValues(lines: HeaderLines, name: string): string[] {
  return lines.filter((line) => line.key === name).map((line) => valueOf(line.line));
}

/** Each header's first value by lowercase name: the topmost, which the last server added. */
function firstHeaderValues(lines: HeaderLines): Record<string, string> {
  // No prototype: a header may be called `constructor` or `__proto__`.
  const headers = Object.create(null) as Record<string, string>;
  for (const line of lines) {
    if (!Object.hasOwn(headers, line.key)) headers[line.key] = valueOf(line.line);
  }
  return headers;
}

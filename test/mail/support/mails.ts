// Raw mails for the inbound tests, written as mail clients and servers write them (CRLF lines).
let counter = 0;

export interface MailParts {
  from: string;
  to: string;
  subject?: string;
  /** Without brackets; null leaves the header out. Default: a fresh one. */
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  body?: string;
}

/** A plain text mail. */
export function rawMail(parts: MailParts): string {
  const messageId =
    parts.messageId === undefined ? `m${++counter}.${process.pid}@client.example` : parts.messageId;
  const lines = [
    `From: ${parts.from}`,
    `To: ${parts.to}`,
    `Subject: ${parts.subject ?? 'Printer jammed'}`,
    'Date: Mon, 05 Jan 2026 09:00:00 +0000',
    ...(messageId === null ? [] : [`Message-ID: <${messageId}>`]),
    ...(parts.inReplyTo ? [`In-Reply-To: <${parts.inReplyTo}>`] : []),
    ...(parts.references ? [`References: ${parts.references.map((r) => `<${r}>`).join(' ')}`] : []),
    ...Object.entries(parts.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    parts.body ?? 'The printer on floor 2 jams on every page.',
    '',
  ];
  return lines.join('\r\n');
}

/** A fresh Message-ID, for a test that needs to know it. */
export const newMessageId = () => `m${++counter}.${process.pid}@client.example`;

export interface MailAttachment {
  /** The file's name (quoted as is), or null for none. */
  fileName: string | null;
  /** The name's parameter as written instead (`filename*=…`, RFC 2231). */
  nameParameter?: string;
  type: string;
  content: Buffer | string;
  /** The transfer-encoded body as written, instead of `content` encoded in base64. */
  encodedBody?: string;
  /** Makes it an inline image of the HTML, referenced by `cid:`. */
  contentId?: string;
}

/**
 * A multipart/mixed mail: its text (HTML showing the inline images by `cid:`, when some
 * attachment is one), then its attachments.
 */
export function rawMailWithAttachments(
  parts: MailParts & { attachments: MailAttachment[] },
): string {
  const boundary = `mixed-${++counter}`;
  const head = rawMail(parts)
    .split('\r\n\r\n')[0]!
    .replace(
      'Content-Type: text/plain; charset=utf-8',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
    );
  const body = parts.body ?? 'The printer on floor 2 jams on every page. A scan is attached.';
  const inline = parts.attachments.flatMap((a) => (a.contentId ? [a.contentId] : []));
  const text =
    inline.length === 0
      ? ['Content-Type: text/plain; charset=utf-8', '', body]
      : [
          'Content-Type: text/html; charset=utf-8',
          '',
          `<p>${body}</p>${inline.map((cid) => `<img src="cid:${cid}">`).join('')}`,
        ];
  const sections = [
    text.join('\r\n'),
    ...parts.attachments.map((attachment) => {
      const name =
        attachment.nameParameter !== undefined
          ? `; ${attachment.nameParameter}`
          : attachment.fileName === null
            ? ''
            : `; filename="${attachment.fileName}"`;
      const disposition = attachment.contentId ? 'inline' : 'attachment';
      const encoded =
        attachment.encodedBody ??
        (
          Buffer.from(attachment.content)
            .toString('base64')
            .match(/.{1,76}/g) ?? []
        ).join('\r\n');
      return [
        `Content-Type: ${attachment.type}`,
        `Content-Disposition: ${disposition}${name}`,
        'Content-Transfer-Encoding: base64',
        ...(attachment.contentId ? [`Content-ID: <${attachment.contentId}>`] : []),
        '',
        encoded,
      ].join('\r\n');
    }),
  ];
  return [
    head,
    '',
    ...sections.map((section) => `--${boundary}\r\n${section}`),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

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

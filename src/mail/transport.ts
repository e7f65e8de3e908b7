// The door to the SMTP server: hands one mail to it through nodemailer, or checks that it can
// (connect, TLS, sign in). The outbox worker and `switchboard mail-test` use this interface;
// tests may give the worker another implementation, as the bus has two.
import nodemailer from 'nodemailer';
import type { MailHeaders } from '../domain/mail/messageHeaders.js';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: MailHeaders;
}

export interface MailTransport {
  /** `host:port`, for messages about it. */
  readonly server: string;
  /** Resolves once the server accepted the mail; rejects with nodemailer's error otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  /** Connects, upgrades to TLS where offered, signs in, and hangs up. */
  verify(): Promise<void>;
  close(): void;
}

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465. */
  smtpUrl: string;
  tlsRejectUnauthorized: boolean;
  /** How long connecting and each reply may take; the worker's claim outlasts the sum. */
  timeoutMs?: number;
}

/** The longest a mail can take to hand over: connect, greeting, and a quiet socket. */
export const DEFAULT_SMTP_TIMEOUT_MS = 30_000;

export function smtpTransport(options: SmtpOptions): MailTransport {
  const url = new URL(options.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const timeout = options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  const user = decodeURIComponent(url.username);
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
    tls: { rejectUnauthorized: options.tlsRejectUnauthorized },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
  });
  return {
    server: `${url.hostname}:${port}`,
    async send(mail) {
      const {
        'Message-ID': messageId,
        'In-Reply-To': inReplyTo,
        References: references,
        'Reply-To': replyTo,
        Cc: cc,
        ...rest
      } = mail.headers;
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        ...(inReplyTo ? { inReplyTo } : {}),
        ...(references ? { references } : {}),
        ...(replyTo ? { replyTo } : {}),
        // As an option, not a bare header: nodemailer then sends the mail to them too.
        ...(cc ? { cc } : {}),
        headers: rest as Record<string, string>,
      });
    },
    async verify() {
      await transporter.verify();
    },
    close() {
      transporter.close();
    },
  };
}

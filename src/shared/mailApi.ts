// The REST API's mail outbox as zod schemas, for the super admins' failed mail page: what was
// queued, its status and attempts, and the state of mail on this desk. Never a mail's body: a
// reset link in it would open someone's account.
import { z } from 'zod';
import { Id, isoTime } from './api.js';
import { LIMITS, MAIL_KINDS, MAIL_STATUSES } from './vocabulary.js';

export const MailStatus = z.enum(MAIL_STATUSES);

export const OutboxMail = z.object({
  id: Id,
  kind: z.enum(MAIL_KINDS),
  to: z.string(),
  subject: z.string(),
  status: MailStatus,
  attempts: z.number().int().describe('attempts begun so far'),
  nextAttemptAt: isoTime.nullable().describe('when a queued mail is tried next'),
  lastError: z
    .string()
    .nullable()
    .describe("the mail server's last refusal, or why it was not sent"),
  ticketId: Id.nullable(),
  createdAt: isoTime,
  sentAt: isoTime.nullable(),
});
export type OutboxMail = z.infer<typeof OutboxMail>;

export const ListOutboxQuery = z.object({
  status: MailStatus.optional().describe('only mail of this status (the failed mail page: dead)'),
  cursor: z.string().max(200).optional().describe('nextCursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type ListOutboxQuery = z.infer<typeof ListOutboxQuery>;

export const MailState = z.object({
  enabled: z.boolean().describe('false when SMTP_URL is not set: no mail is queued or sent'),
  from: z.string().nullable().describe('MAIL_FROM'),
  counts: z.record(MailStatus, z.number().int()).describe('mails per status'),
});
export type MailState = z.infer<typeof MailState>;

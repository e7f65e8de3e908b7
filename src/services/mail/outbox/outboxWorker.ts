// Sends the outbox: claims one due mail at a time, hands it to the SMTP server, and records the
// outcome. Each node runs one worker; a commit that queued mail wakes its node's worker at once,
// and the housekeeping sweep wakes the lease holder's every period for retries that came due
// and mail a crashed node held.
//
// Sent once? A row goes to one worker at a time (repositories/mail/outbox.ts#claimDueMail), and
// a sent mail is never claimed again. What no outbox can rule out is a crash after the server
// accepted a mail and before "sent" is written: the claim runs out, and the mail goes again,
// with the same Message-ID, by which the receiving side can drop the copy. A claim outlasts the
// SMTP timeouts many times over, so a slow server alone does not cause a second copy.
import { randomBytes } from 'node:crypto';
import type { MailHeaders } from '../../../domain/mail/messageHeaders.js';
import { afterFailure } from '../../../domain/mail/outboxSchedule.js';
import { isPermanentFailure, type SmtpFailure } from '../../../domain/mail/smtpFailures.js';
import type { MailTransport } from '../../../mail/transport.js';
import type { MailKind } from '../../../shared/vocabulary.js';
import { claimDueMail, markSent, settleClaim } from '../../../storage/repositories/mail/outbox.js';
import { deactivatedAddresses } from '../../../storage/repositories/tickets/ticketCcs.js';
import { findUserById } from '../../../storage/repositories/users.js';
import type { Db } from '../../../storage/store.js';
import type { MailRow } from '../../../storage/schema.js';
import type { MailSettings, MailTrigger, ServiceContext } from '../../context.js';

/** Ten minutes: far longer than a mail takes to hand over, short enough to retry a crash soon. */
export const DEFAULT_CLAIM_MS = 10 * 60_000;

/** Mail whose body holds a link that signs someone in: emptied once it has left. */
const SCRUBBED_KINDS: ReadonlySet<MailKind> = new Set(['password_reset', 'email_verification']);

export interface OutboxWorkerOptions {
  claimMs?: number;
  onError: (error: unknown) => void;
}

export class OutboxWorker implements MailTrigger {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly claimMs: number;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly settings: MailSettings,
    private readonly transport: MailTransport,
    private readonly options: OutboxWorkerOptions,
  ) {
    this.claimMs = options.claimMs ?? DEFAULT_CLAIM_MS;
  }

  /** Sends what is due soon; a kick while sending makes one more pass after it. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain().catch(this.options.onError);
      } while (this.again && !this.stopped);
      this.running = null;
    })();
  }

  /** Resolves once the current pass (if any) is over. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
    this.transport.close();
  }

  /** Sends every mail due now, one at a time; returns how many were attempted. */
  async drain(): Promise<number> {
    let attempted = 0;
    while (!this.stopped && (await this.sendNext())) attempted++;
    return attempted;
  }

  /** Claims and sends the mail due first; false when none is due. */
  async sendNext(): Promise<boolean> {
    const { db } = this.ctx.store;
    const claim = `${this.ctx.nodeId}:${randomBytes(6).toString('hex')}`;
    const now = this.ctx.clock.now();
    const row = await claimDueMail(db, { claim, now, claimExpiresAt: now + this.claimMs });
    if (!row) return false;
    await this.attempt(row, claim);
    return true;
  }

  private async attempt(row: MailRow, claim: string): Promise<void> {
    const { db } = this.ctx.store;
    const { maxAttempts } = this.settings;
    // Claimed again after a worker stopped mid-send each time: a mail that brings its sender
    // down must not be tried for ever.
    if (row.attempts > maxAttempts) {
      await settleClaim(db, row.id, claim, {
        status: 'dead',
        error: 'Gave up: the attempts ran out while a worker stopped during sending',
      });
      return;
    }
    if (row.user_id !== null) {
      const user = await findUserById(db, row.user_id);
      if (user?.is_active !== 1) {
        await settleClaim(db, row.id, claim, {
          status: 'cancelled',
          error: 'Not sent: the account was deactivated',
        });
        return;
      }
    }
    try {
      await this.transport.send({
        from: this.settings.from,
        to: row.recipient,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        headers: await withoutDeactivatedCcs(db, JSON.parse(row.headers) as MailHeaders),
      });
    } catch (error) {
      const failure = error as SmtpFailure;
      const next = afterFailure({
        attempts: row.attempts,
        maxAttempts,
        permanent: isPermanentFailure(failure),
        now: this.ctx.clock.now(),
      });
      await settleClaim(db, row.id, claim, {
        status: next.status,
        ...(next.status === 'queued' ? { nextAttemptAt: next.nextAttemptAt } : {}),
        error: failure.response ?? failure.message ?? String(error),
      });
      return;
    }
    await markSent(db, row.id, { now: this.ctx.clock.now(), scrub: SCRUBBED_KINDS.has(row.kind) });
  }
}

/** The headers without the Cc addresses whose account was deactivated since it was queued. */
async function withoutDeactivatedCcs(db: Db, headers: MailHeaders): Promise<MailHeaders> {
  if (!headers.Cc) return headers;
  const { Cc, ...rest } = headers;
  const copied = Cc.split(',').map((address) => address.trim());
  const gone = new Set(await deactivatedAddresses(db, copied));
  const kept = copied.filter((address) => !gone.has(address));
  return kept.length > 0 ? { ...rest, Cc: kept.join(', ') } : rest;
}

// Fetches the desk's mailbox and imports what is new, on one node of the deployment at a time
// (the node holding the mailbox's lease). New mail is what the server has not seen: each mail is
// marked \Seen only after its import committed, so a process killed at any point leaves the
// mail unseen, and the next pass meets its row and only marks it (importMail: duplicate). With
// IDLE the server says when mail arrives; without, the mailbox is checked every poll interval.
// One bad mail never stops the batch: it is recorded as unreadable, or left for the next pass.
import type { ImapFlow } from 'imapflow';
import { acquireLease, releaseLease } from '../../../storage/repositories/cluster.js';
import { insertInboundMail } from '../../../storage/repositories/mail/inbound.js';
import { messageIdOf, normalizeMessageId } from '../../../domain/mail/threading.js';
import { isUniqueViolation } from '../../../storage/store.js';
import type { ServiceContext } from '../../context.js';
import { imapClient, imapMailbox, type ImapMailbox } from './imapMailbox.js';
import { importMail, type ImportOutcome, type InboundMailSettings } from './mailImporter.js';

export interface ImapImporterOptions {
  ctx: ServiceContext;
  imapUrl: string;
  settings: InboundMailSettings & { pollMs: number; maxBytes: number };
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
  /**
   * Runs after a mail's import is committed and before it is marked on the server: where a
   * crash would hurt most, which tests put one (a throw ends the pass there).
   */
  afterImport?: (uid: number, outcome: ImportOutcome) => void | Promise<void>;
}

export interface PassReport {
  imported: number;
  ignored: number;
  duplicates: number;
  /** Left unseen for the next pass after an error. */
  failed: number;
}

export class ImapImporter {
  private readonly mailbox: ImapMailbox;
  private readonly lease: string;
  private client: ImapFlow | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(private readonly options: ImapImporterOptions) {
    this.mailbox = imapMailbox(options.imapUrl);
    this.lease = `mail-import:${this.mailbox.key}`;
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    await this.disconnect();
    const { ctx } = this.options;
    await releaseLease(ctx.store.db, this.lease, ctx.nodeId).catch(() => {});
  }

  /** One pass over the mailbox's unseen mail, if this node holds (or takes) the lease. */
  async runOnce(): Promise<PassReport | null> {
    if (!(await this.holdLease())) return null;
    try {
      return await this.drain(await this.connected());
    } catch (error) {
      await this.disconnect();
      throw error;
    }
  }

  private async loop(): Promise<void> {
    const { pollMs } = this.options.settings;
    let failures = 0;
    while (!this.stopped) {
      try {
        if (await this.holdLease()) {
          const client = await this.connected();
          const report = await this.drain(client);
          if (report.imported + report.ignored > 0) {
            this.options.log.info({ mailbox: this.mailbox.key, ...report }, 'mail imported');
          }
          failures = 0;
          await this.waitForMail(client, pollMs);
        } else {
          await this.disconnect();
          await this.pause(pollMs);
        }
      } catch (error) {
        failures++;
        this.options.log.warn({ err: error, mailbox: this.mailbox.key }, 'mail not fetched');
        await this.disconnect();
        // Back off on a server that keeps failing, up to the poll interval.
        await this.pause(Math.min(pollMs, 1000 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  private async holdLease(): Promise<boolean> {
    const { ctx, settings } = this.options;
    const now = ctx.clock.now();
    const ttl = Math.max(settings.pollMs * 3, 30_000);
    return acquireLease(ctx.store.db, this.lease, ctx.nodeId, now, now + ttl);
  }

  private async connected(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    await this.disconnect();
    const client = imapClient(this.mailbox);
    // A dropped connection is reported here and found unusable at the next pass.
    client.on('error', (err: unknown) =>
      this.options.log.warn({ err, mailbox: this.mailbox.key }, 'IMAP connection failed'),
    );
    await client.connect();
    this.client = client;
    return client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    await client.logout().catch(() => client.close());
  }

  /** Imports the folder's unseen mail, oldest first, marking each once it is committed. */
  private async drain(client: ImapFlow): Promise<PassReport> {
    const report: PassReport = { imported: 0, ignored: 0, duplicates: 0, failed: 0 };
    const lock = await client.getMailboxLock(this.mailbox.folder);
    try {
      const uids = ((await client.search({ seen: false }, { uid: true })) || []).sort(
        (a, b) => a - b,
      );
      for (const uid of uids) {
        if (this.stopped) break;
        const outcome = await this.importOne(client, uid);
        if (outcome === null) {
          report.failed++;
          continue;
        }
        await this.options.afterImport?.(uid, outcome);
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        if (outcome.status === 'processed') report.imported++;
        else if (outcome.status === 'ignored') report.ignored++;
        else report.duplicates++;
        // A long batch keeps the lease; a node that lost it stops (the other one goes on).
        if (!(await this.holdLease())) break;
      }
    } finally {
      lock.release();
    }
    return report;
  }

  /** The mail's import, or null when it failed and stays unseen for the next pass. */
  private async importOne(client: ImapFlow, uid: number): Promise<ImportOutcome | null> {
    const { ctx, settings, log } = this.options;
    try {
      const head = await client.fetchOne(
        String(uid),
        { uid: true, size: true, envelope: true },
        { uid: true },
      );
      if (!head) return null;
      if ((head.size ?? 0) > settings.maxBytes) return await this.tooLarge(uid, head);
      const mail = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      if (!mail || !mail.source) return null;
      return await importMail(ctx, settings, { mailbox: this.mailbox.key, raw: mail.source });
    } catch (error) {
      log.warn(
        { err: error, mailbox: this.mailbox.key, uid },
        'mail not imported; tried again later',
      );
      return null;
    }
  }

  /** A mail above MAIL_MAX_MB: recorded as ignored from its envelope, never downloaded. */
  private async tooLarge(
    uid: number,
    head: {
      size?: number;
      envelope?: { messageId?: string; subject?: string; from?: Array<{ address?: string }> };
    },
  ): Promise<ImportOutcome> {
    const { ctx } = this.options;
    const messageId =
      normalizeMessageId(head.envelope?.messageId) ??
      messageIdOf(null, Buffer.from(`${this.mailbox.key}\n${uid}\n${head.size ?? 0}`));
    try {
      await insertInboundMail(ctx.store.db, {
        mailbox: this.mailbox.key,
        message_id: messageId,
        status: 'ignored',
        reason: 'too_large',
        ticket_id: null,
        ticket_message_id: null,
        from_address: head.envelope?.from?.[0]?.address?.toLowerCase().slice(0, 254) ?? null,
        subject: (head.envelope?.subject ?? '').slice(0, 200),
        raw: null,
        size_bytes: head.size ?? 0,
        received_at: ctx.clock.now(),
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { status: 'duplicate' };
      throw error;
    }
    return { status: 'ignored', reason: 'too_large' };
  }

  /** IDLE until the server announces mail, the poll interval passes, or the importer stops. */
  private async waitForMail(client: ImapFlow, pollMs: number): Promise<void> {
    if (this.stopped) return;
    const lock = await client.getMailboxLock(this.mailbox.folder);
    try {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          client.off('exists', done);
          client.off('close', done);
          this.wake = null;
          resolve();
        };
        const timer = setTimeout(done, pollMs);
        client.on('exists', done);
        client.on('close', done);
        this.wake = done;
        // Ends when the next command is sent; a server without IDLE gets NOOPs instead.
        void client.idle().catch(() => {});
      });
      // Any command ends IDLE: this one also proves the connection still works.
      if (client.usable) await client.noop();
    } finally {
      lock.release();
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

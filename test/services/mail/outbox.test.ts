// The mail outbox against a real SMTP server: delivery with the right headers, back-off after a
// temporary refusal, dead letters, two workers on one database, a crashed worker's claim, and
// no mail for a deactivated account.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderMail } from '../../../src/domain/mail/mailLayout.js';
import { FIRST_RETRY_MS } from '../../../src/domain/mail/outboxSchedule.js';
import { smtpTransport } from '../../../src/mail/transport.js';
import { updateAccount } from '../../../src/services/accounts/accounts.js';
import { commit, type ServiceContext } from '../../../src/services/context.js';
import { queueMail, type MailToQueue } from '../../../src/services/mail/outbox/mailQueue.js';
import { DEFAULT_CLAIM_MS, OutboxWorker } from '../../../src/services/mail/outbox/outboxWorker.js';
import { claimDueMail, findMail } from '../../../src/storage/repositories/mail/outbox.js';
import { describeEachDatabase } from '../../support/databases.js';
import { SmtpSink } from '../../support/smtpSink.js';
import { makeWorld, type World } from '../../support/world.js';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await SmtpSink.start();
});
afterAll(() => sink.stop());

const workers: OutboxWorker[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
  sink.mails.length = 0;
});

function workerFor(world: World): OutboxWorker {
  const worker = new OutboxWorker(
    world.ctx,
    world.ctx.settings.mail!,
    smtpTransport({ smtpUrl: sink.url, tlsRejectUnauthorized: true, timeoutMs: 10_000 }),
    {
      onError: (error) => {
        throw error;
      },
    },
  );
  workers.push(worker);
  return worker;
}

const mailTo = (to: string, extra: Partial<MailToQueue> = {}): MailToQueue => ({
  kind: 'test',
  userId: null,
  to,
  subject: 'Hello from the desk',
  content: renderMail({ deskName: 'Test Desk', heading: 'Hello', paragraphs: ['It works.'] }),
  ...extra,
});

const queue = (ctx: ServiceContext, mail: MailToQueue) =>
  commit(ctx, (trx, outbox) => queueMail(trx, ctx, outbox, mail));

describeEachDatabase('mail outbox', (db) => {
  it('delivers a queued mail with its Message-ID, thread and automatic-mail headers', async () => {
    const world = makeWorld(db());
    const queued = await queue(
      world.ctx,
      mailTo('yaw@example.com', {
        unsubscribeUrl: 'http://desk.test/settings/notifications',
        thread: { inReplyTo: '<parent@desk.test>', references: ['<first@desk.test>'] },
      }),
    );
    expect(queued?.messageId).toMatch(/^<[0-9a-f-]+@desk\.test>$/);
    expect(await workerFor(world).drain()).toBe(1);
    const [mail] = await sink.waitForMails(1);
    expect(mail!.to).toEqual(['yaw@example.com']);
    expect(mail!.from).toBe('help@desk.test');
    expect(mail!.parsed.subject).toBe('Hello from the desk');
    expect(mail!.parsed.messageId).toBe(queued!.messageId);
    expect(mail!.parsed.inReplyTo).toBe('<parent@desk.test>');
    expect(mail!.parsed.references).toEqual(['<first@desk.test>', '<parent@desk.test>']);
    expect(mail!.header('Auto-Submitted')).toBe('auto-generated');
    expect(mail!.header('List-Unsubscribe')).toBe('<http://desk.test/settings/notifications>');
    expect(mail!.parsed.text).toContain('It works.');
    expect(mail!.parsed.html).toContain('It works.');
    const row = await findMail(db().db, queued!.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, claimed_by: null });
  });

  it('delivers the Reply-To a ticket mail asks for, and no Auto-Submitted on a person’s mail', async () => {
    const world = makeWorld(db());
    await queue(
      world.ctx,
      mailTo('yaw@example.com', { replyTo: 'help+1.0123456789abcdef@desk.test', automatic: false }),
    );
    expect(await workerFor(world).drain()).toBe(1);
    const [mail] = await sink.waitForMails(1);
    expect(mail!.header('Reply-To')).toBe('help+1.0123456789abcdef@desk.test');
    expect(mail!.header('Auto-Submitted')).toBeUndefined();
  });

  it('wakes the worker once the transaction that queued the mail commits', async () => {
    const world = makeWorld(db());
    const worker = workerFor(world);
    world.ctx.mail = worker;
    await queue(world.ctx, mailTo('ama@example.com'));
    await sink.waitForMails(1);
    await worker.idle();
  });

  it('queues nothing when the transaction rolls back', async () => {
    const world = makeWorld(db());
    await expect(
      commit(world.ctx, async (trx, outbox) => {
        await queueMail(trx, world.ctx, outbox, mailTo('kofi@example.com'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await workerFor(world).drain()).toBe(0);
  });

  it('tries again with back-off after a temporary refusal, then delivers', async () => {
    const world = makeWorld(db());
    const worker = workerFor(world);
    const queued = await queue(world.ctx, mailTo('efua@example.com'));
    sink.refuseNext(451, 'Greylisted, come back later');
    await worker.drain();
    const after = await findMail(db().db, queued!.id);
    expect(after).toMatchObject({
      status: 'queued',
      attempts: 1,
      next_attempt_at: world.clock.now() + FIRST_RETRY_MS,
    });
    expect(after!.last_error).toContain('Greylisted');
    // Not before its time.
    world.clock.advance(FIRST_RETRY_MS - 1);
    expect(await worker.drain()).toBe(0);
    world.clock.advance(1);
    expect(await worker.drain()).toBe(1);
    const [mail] = await sink.waitForMails(1);
    expect(mail!.parsed.messageId).toBe(queued!.messageId);
    expect(await findMail(db().db, queued!.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('tries again after the connection dropped mid-mail', async () => {
    const world = makeWorld(db());
    const worker = workerFor(world);
    const queued = await queue(world.ctx, mailTo('adjoa@example.com'));
    sink.dropNext();
    await worker.drain();
    expect(await findMail(db().db, queued!.id)).toMatchObject({ status: 'queued', attempts: 1 });
    world.clock.advance(FIRST_RETRY_MS);
    await worker.drain();
    await sink.waitForMails(1);
  });

  it('gives up after the last attempt (MAIL_MAX_ATTEMPTS, 3 here)', async () => {
    const world = makeWorld(db());
    const worker = workerFor(world);
    const queued = await queue(world.ctx, mailTo('kwame@example.com'));
    sink.refuseNext(421, 'Service not available', 3);
    await worker.drain();
    world.clock.advance(FIRST_RETRY_MS);
    await worker.drain();
    world.clock.advance(2 * FIRST_RETRY_MS);
    await worker.drain();
    expect(await findMail(db().db, queued!.id)).toMatchObject({ status: 'dead', attempts: 3 });
    world.clock.advance(3_600_000);
    expect(await worker.drain()).toBe(0);
    expect(sink.mails).toHaveLength(0);
  });

  it('gives up at once on a permanent refusal (5xx)', async () => {
    const world = makeWorld(db());
    const queued = await queue(world.ctx, mailTo('no.such.user@example.com'));
    sink.refuseNext(550, 'No such user here');
    await workerFor(world).drain();
    const row = await findMail(db().db, queued!.id);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row!.last_error).toContain('No such user here');
  });

  it('sends each mail once when two workers share the database', async () => {
    const first = makeWorld(db());
    const second = makeWorld(db());
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await queue(first.ctx, mailTo(`p${i}@example.com`)))!.id);
    const [a, b] = await Promise.all([workerFor(first).drain(), workerFor(second).drain()]);
    expect(a + b).toBe(12);
    const mails = await sink.waitForMails(12);
    const messageIds = mails.map((m) => m.parsed.messageId);
    expect(new Set(messageIds).size).toBe(12);
    for (const id of ids)
      expect(await findMail(db().db, id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it("sends a crashed worker's mail once its claim has run out, with the same Message-ID", async () => {
    const world = makeWorld(db());
    const queued = await queue(world.ctx, mailTo('abena@example.com'));
    const now = world.clock.now();
    // A node claimed it and died: the claim is never settled.
    const claimed = await claimDueMail(db().db, {
      claim: 'crashed-node:1',
      now,
      claimExpiresAt: now + DEFAULT_CLAIM_MS,
    });
    expect(claimed?.id).toBe(queued!.id);
    const worker = workerFor(world);
    expect(await worker.drain()).toBe(0);
    world.clock.advance(DEFAULT_CLAIM_MS);
    expect(await worker.drain()).toBe(1);
    const [mail] = await sink.waitForMails(1);
    expect(mail!.parsed.messageId).toBe(queued!.messageId);
    expect(await findMail(db().db, queued!.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends no mail to a deactivated account, at queue time or at send time', async () => {
    const world = makeWorld(db());
    const admin = await world.superAdmin();
    const yaw = await world.customer('Yaw');
    const queued = await queue(world.ctx, mailTo(yaw.email, { userId: yaw.id }));
    await updateAccount(world.ctx, admin, yaw.id, { isActive: false });
    expect(await queue(world.ctx, mailTo(yaw.email, { userId: yaw.id }))).toBeNull();
    await workerFor(world).drain();
    expect(await findMail(db().db, queued!.id)).toMatchObject({ status: 'cancelled' });
    expect(sink.mails).toHaveLength(0);
  });

  it('queues nothing while mail is off (no SMTP_URL)', async () => {
    const world = makeWorld(db(), { mail: null });
    expect(await queue(world.ctx, mailTo('anyone@example.com'))).toBeNull();
  });
});

describe('smtp sink', () => {
  it('is a real server the transport can verify', async () => {
    const transport = smtpTransport({ smtpUrl: sink.url, tlsRejectUnauthorized: true });
    await transport.verify();
    transport.close();
  });
});

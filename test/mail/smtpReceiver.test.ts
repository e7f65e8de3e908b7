// The built-in SMTP receiver: a real SMTP client (nodemailer) delivers to it on a loopback port.
// Mail for the desk (and its +token reply addresses) becomes tickets through the same import as
// fetched mail, answered 250 only after the commit; other recipients are refused with 550; the
// same mail delivered twice is one ticket; a failed import is a 451, so the sender retries.
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { replyAddressFor } from '../../src/domain/mail/replyAddress.js';
import type { ServiceContext } from '../../src/services/context.js';
import { baseAddress, SmtpReceiver } from '../../src/services/mail/inbound/smtpReceiver.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeDesk, type Desk } from '../support/ticketDesk.js';
import { rawMail } from './support/mails.js';

const SECRET = 'a-mail-secret-that-is-long-enough-0123';
const HELPDESK = 'helpdesk@uni.example';
const silent = { info() {}, warn() {} };

/** A receiver for the desk's one address on a free loopback port. */
const receiverFor = (ctx: ServiceContext) =>
  new SmtpReceiver({
    ctx,
    settings: {
      addresses: [{ address: HELPDESK, topicSlug: null }],
      replySecret: SECRET,
      perSenderPerHour: 30,
      maxBytes: 64 * 1024,
    },
    host: '127.0.0.1',
    port: 0,
    log: silent,
  });

it('reads the desk address behind a reply address', () => {
  expect(baseAddress('Helpdesk+1042.abc@Uni.Example')).toBe('helpdesk@uni.example');
  expect(baseAddress('helpdesk@uni.example')).toBe('helpdesk@uni.example');
});

describeEachDatabase('SMTP receiver', (db) => {
  let desk: Desk;
  let receiver: SmtpReceiver;
  let port: number;
  beforeEach(async () => {
    desk = await makeDesk(db());
    receiver = receiverFor(desk.world.ctx);
    port = await receiver.start();
  });
  afterEach(() => receiver.stop());

  const send = (to: string, raw: string, from = 'kwame@student.example') =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from, to }, raw });

  const tickets = () =>
    db().db.selectFrom('tickets').select(['id', 'subject', 'channel', 'number']).execute();

  it('makes a ticket of mail to the desk, once however often it is delivered', async () => {
    const raw = rawMail({ from: 'Kwame <kwame@student.example>', to: HELPDESK, subject: 'Fees' });
    const sent = await send(HELPDESK, raw);
    expect(sent.response).toMatch(/^250/);
    // 250 came after the commit: the ticket is there already.
    expect(await tickets()).toMatchObject([{ subject: 'Fees', channel: 'email' }]);
    await send(HELPDESK, raw);
    expect(await tickets()).toHaveLength(1);
  });

  it('threads a reply sent to the ticket’s reply address', async () => {
    await send(
      HELPDESK,
      rawMail({ from: 'kwame@student.example', to: HELPDESK, subject: 'Wi-Fi' }),
    );
    const [ticket] = await tickets();
    const replyTo = replyAddressFor(HELPDESK, ticket!.number, SECRET);
    await send(replyTo, rawMail({ from: 'kwame@student.example', to: replyTo, subject: 'Re: hi' }));
    expect(await tickets()).toHaveLength(1);
    const messages = await db()
      .db.selectFrom('ticket_messages')
      .select('id')
      .where('ticket_id', '=', ticket!.id)
      .execute();
    expect(messages).toHaveLength(2);
  });

  it('refuses mail for anyone else, and mail over the size limit', async () => {
    await expect(
      send(
        'someone@elsewhere.example',
        rawMail({ from: 'x@y.example', to: 'someone@elsewhere.example' }),
      ),
    ).rejects.toMatchObject({ responseCode: 550 });
    const big = rawMail({ from: 'kwame@student.example', to: HELPDESK, body: 'x'.repeat(100_000) });
    await expect(send(HELPDESK, big)).rejects.toMatchObject({ responseCode: 552 });
    expect(await tickets()).toHaveLength(0);
  });

  it('answers 451 when the import fails, so the sender keeps the mail', async () => {
    const { ctx } = desk.world;
    const down = new Proxy({} as typeof ctx.store.db, {
      get() {
        throw new Error('database down');
      },
    });
    const failing = receiverFor({ ...ctx, store: { ...ctx.store, db: down } as typeof ctx.store });
    const failingPort = await failing.start();
    try {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: failingPort,
        secure: false,
        ignoreTLS: true,
      });
      const raw = rawMail({ from: 'kwame@student.example', to: HELPDESK });
      await expect(
        transport.sendMail({ envelope: { from: 'kwame@student.example', to: HELPDESK }, raw }),
      ).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      await failing.stop();
    }
    expect(await tickets()).toHaveLength(0);
  });
});

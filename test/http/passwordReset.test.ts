// Forgot password and address verification end to end: over HTTP, through the outbox, to a
// real SMTP server, with the link taken from the mail that arrived.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { SmtpSink, type ReceivedMail } from '../support/smtpSink.js';
import { Client, startTestNode, TEST_PASSWORD, type TestNode } from '../support/testNode.js';
import { ManualClock } from '../support/world.js';

const NEW_PASSWORD = 'a brand new passphrase';

/** The token of the mail's link to `page`. */
function tokenIn(mail: ReceivedMail, page: string): string {
  const match = new RegExp(`http://desk\\.test/${page}\\?token=([A-Za-z0-9_-]+)`).exec(
    mail.parsed.text ?? '',
  );
  if (!match) throw new Error(`no ${page} link in: ${mail.parsed.text}`);
  return match[1]!;
}

describeEachDatabase('mail for accounts over HTTP', (db) => {
  let sink: SmtpSink;
  let server: TestNode;
  const clock = new ManualClock(Date.now());
  beforeAll(async () => {
    sink = await SmtpSink.start();
    server = await startTestNode(
      db(),
      {
        SMTP_URL: sink.url,
        MAIL_FROM: 'Campus Help <help@desk.test>',
        PUBLIC_URL: 'http://desk.test',
        DESK_NAME: 'Campus Help',
      },
      { clock },
    );
  });
  afterAll(async () => {
    await server.stop();
    await sink.stop();
  });

  const emailOf = async (client: Client) =>
    (await client.get('/api/v1/auth/me')).body.user.email as string;

  /** Asks for a reset of `email` as nobody in particular, and returns the answer. */
  const askReset = (email: string) =>
    new Client(server.url).post('/api/v1/auth/password-reset', { email });

  it('resets a forgotten password with the mailed link, once, and ends every sign-in', async () => {
    const yaw = await server.signUp('Yaw');
    const email = await emailOf(yaw);
    const asked = await askReset(email);
    expect(asked.status).toBe(202);
    const [mail] = await sink.waitForMails(sink.mails.length + 1).then((m) => m.slice(-1));
    expect(mail!.to).toEqual([email]);
    expect(mail!.parsed.subject).toBe('Reset your Campus Help password');
    expect(mail!.header('Auto-Submitted')).toBe('auto-generated');
    expect(mail!.parsed.html).toContain('Campus Help');
    const token = tokenIn(mail!, 'reset-password');

    const anyone = new Client(server.url);
    const set = await anyone.post('/api/v1/auth/password-reset/confirm', {
      token,
      password: NEW_PASSWORD,
    });
    expect(set.status).toBe(204);
    // The sign-in from before the reset has ended.
    expect((await yaw.get('/api/v1/auth/me')).status).toBe(401);
    expect((await new Client(server.url).signIn(email, TEST_PASSWORD)).status).toBe(401);
    expect((await new Client(server.url).signIn(email, NEW_PASSWORD)).status).toBe(200);

    const again = await anyone.post('/api/v1/auth/password-reset/confirm', {
      token,
      password: 'yet another passphrase',
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('INVALID_TOKEN');
    // The link does not linger in the outbox once the mail has left.
    const kept = await db()
      .db.selectFrom('mail_outbox')
      .select(['status', 'text_body', 'html_body'])
      .execute();
    expect(kept).toEqual([{ status: 'sent', text_body: '', html_body: '' }]);
  });

  it('answers the same for an address without an account, and mails nothing', async () => {
    const abena = await server.signUp('Abena');
    const before = sink.mails.length;
    const unknown = await askReset('nobody.here@example.com');
    const known = await askReset(await emailOf(abena));
    expect(unknown.status).toBe(202);
    expect({ ...unknown, headers: undefined }).toEqual({ ...known, headers: undefined });
    // Asked first, so its mail (were there one) would have come first.
    const mails = await sink.waitForMails(before + 1);
    expect(mails.slice(before).map((m) => m.to)).toEqual([[await emailOf(abena)]]);
    expect(sink.to('nobody.here@example.com')).toEqual([]);
  });

  it('refuses a link after its hour', async () => {
    const kofi = await server.signUp('Kofi');
    const before = sink.mails.length;
    await askReset(await emailOf(kofi));
    const [mail] = (await sink.waitForMails(before + 1)).slice(before);
    clock.advance(3_600_000);
    const late = await new Client(server.url).post('/api/v1/auth/password-reset/confirm', {
      token: tokenIn(mail!, 'reset-password'),
      password: NEW_PASSWORD,
    });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('INVALID_TOKEN');
  });

  it('mails nothing to a deactivated account', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const efua = await server.signUp('Efua');
    const efuaEmail = await emailOf(efua);
    const off = await boss.patch(`/api/v1/accounts/${efua.user!.id}`, { isActive: false });
    expect(off.status).toBe(200);
    const before = sink.mails.length;
    expect((await askReset(efuaEmail)).status).toBe(202);
    await askReset(await emailOf(boss));
    const mails = (await sink.waitForMails(before + 1)).slice(before);
    expect(mails.map((m) => m.to)).toEqual([[await emailOf(boss)]]);
    expect(sink.to(efuaEmail)).toEqual([]);
  });

  it('limits reset requests per address', async () => {
    const email = 'limited@example.com';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await askReset(email)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('changes an address only once the link mailed to the new one is used', async () => {
    const ama = await server.signUp('Ama');
    const old = await emailOf(ama);
    const fresh = `ama.new.${Date.now()}@example.com`;
    const before = sink.mails.length;
    const wrong = await ama.post('/api/v1/auth/email-change', { email: fresh, password: 'nope' });
    expect(wrong.status).toBe(401);
    const asked = await ama.post('/api/v1/auth/email-change', {
      email: fresh,
      password: TEST_PASSWORD,
    });
    expect(asked.status).toBe(202);
    const [mail] = (await sink.waitForMails(before + 1)).slice(before);
    expect(mail!.to).toEqual([fresh]);
    // Not yet.
    expect(await emailOf(ama)).toBe(old);
    const token = tokenIn(mail!, 'verify-email');
    const verified = await new Client(server.url).post('/api/v1/auth/verify-email', { token });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ email: fresh });
    expect(await emailOf(ama)).toBe(fresh);
    // The old address hears of it.
    const [notice] = (await sink.waitForMails(before + 2)).slice(before + 1);
    expect(notice!.to).toEqual([old]);
    expect(notice!.parsed.text).toContain(fresh);
    const again = await new Client(server.url).post('/api/v1/auth/verify-email', { token });
    expect(again.status).toBe(400);
  });

  it('lists failed mail for super admins, and retries it', async () => {
    const boss = await server.signUp('Chief', 'super_admin');
    const yaa = await server.signUp('Yaa');
    const before = sink.mails.length;
    sink.refuseNext(550, 'Mailbox unavailable');
    await askReset(await emailOf(yaa));
    let dead: { items: Array<{ id: string; status: string; lastError: string }> } = { items: [] };
    // The refusal comes from the worker: wait for it (generously), not for a time.
    for (let i = 0; i < 300 && dead.items.length === 0; i++) {
      dead = (await boss.get('/api/v1/mail/outbox?status=dead')).body;
      if (dead.items.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(dead.items).toHaveLength(1);
    expect(dead.items[0]).toMatchObject({ status: 'dead', kind: 'password_reset' });
    expect(dead.items[0]!.lastError).toContain('Mailbox unavailable');
    expect(JSON.stringify(dead)).not.toContain('reset-password?token=');
    const status = await boss.get('/api/v1/mail/status');
    expect(status.body).toMatchObject({ enabled: true, counts: { dead: 1 } });

    const retried = await boss.post(`/api/v1/mail/outbox/${dead.items[0]!.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('queued');
    const [mail] = (await sink.waitForMails(before + 1)).slice(before);
    expect(mail!.to).toEqual([await emailOf(yaa)]);
    const twice = await boss.post(`/api/v1/mail/outbox/${dead.items[0]!.id}/retry`);
    expect(twice.status).toBe(409);
  });
});

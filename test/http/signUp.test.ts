// Customers making their own account, in each CUSTOMER_SIGN_UP mode: refused when off, signed in
// at once when open, and only after the mailed link with verification; limited per address; and
// no way to take over an account (of any kind, SSO-linked included) or an address by signing up.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts/accounts.js';
import type { CustomerSignUpMode } from '../../src/shared/vocabulary.js';
import { findUserByEmail } from '../../src/storage/repositories/users.js';
import { describeEachDatabase } from '../support/databases.js';
import { SmtpSink, type ReceivedMail } from '../support/smtpSink.js';
import {
  Client,
  startTestNode,
  TEST_PASSWORD,
  TEST_SSO_SECRET,
  type TestNode,
} from '../support/testNode.js';

const LIMIT = 4;

/** A host application's token for its user (SSO sign-in). */
function ssoToken(user: { sub: string; name: string; email: string }): Promise<string> {
  return new SignJWT({ ...user, jti: randomUUID() })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('switchboard')
    .setExpirationTime(Math.floor(Date.now() / 1000) + 60)
    .sign(new TextEncoder().encode(TEST_SSO_SECRET));
}

function verificationToken(mail: ReceivedMail): string {
  const match = /http:\/\/desk\.test\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(
    mail.parsed.text ?? '',
  );
  if (!match) throw new Error(`no verification link in: ${mail.parsed.text}`);
  return match[1]!;
}

describeEachDatabase('customer sign-up', (db) => {
  let sink: SmtpSink;
  let server: TestNode;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    server = await startTestNode(db(), {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Campus Help <help@desk.test>',
      PUBLIC_URL: 'http://desk.test',
      DESK_NAME: 'Campus Help',
      SIGN_UP_LIMIT_PER_ADDRESS: String(LIMIT),
    });
  });
  afterAll(async () => {
    await server.stop();
    await sink.stop();
  });

  /** The deployment's CUSTOMER_SIGN_UP, switched for the test (it is read at each request). */
  const setMode = (mode: CustomerSignUpMode) => {
    server.node.ctx.settings.customerSignUp = mode;
  };
  const signUp = (body: Record<string, unknown>) =>
    new Client(server.url).post('/api/v1/sign-up', body);
  const signInStatus = async (email: string, password = TEST_PASSWORD) =>
    (await new Client(server.url).signIn(email, password)).status;

  it('is refused when off, which is the default', async () => {
    expect(server.config.customerSignUp).toBe('off');
    setMode('off');
    expect((await new Client(server.url).get('/api/v1/sign-up')).body).toEqual({ mode: 'off' });
    const refused = await signUp({
      name: 'Esi',
      email: 'esi@example.com',
      password: TEST_PASSWORD,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SIGN_UP_DISABLED');
    expect(await findUserByEmail(db().db, 'esi@example.com')).toBeUndefined();
  });

  it('makes a customer who signs in at once when open', async () => {
    setMode('open');
    expect((await new Client(server.url).get('/api/v1/sign-up')).body).toEqual({ mode: 'open' });
    const made = await signUp({ name: 'Esi', email: ' Esi@Example.com ', password: TEST_PASSWORD });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ account: 'active' });
    const client = new Client(server.url);
    expect((await client.signIn('esi@example.com', TEST_PASSWORD)).status).toBe(200);
    const me = (await client.get('/api/v1/auth/me')).body.user;
    expect(me).toMatchObject({ name: 'Esi', email: 'esi@example.com', role: 'user' });
  });

  it('lets the account sign in only once the mailed link is used, with verification', async () => {
    setMode('verification');
    const made = await signUp({ name: 'Kofi', email: 'kofi@example.com', password: TEST_PASSWORD });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ account: 'awaiting_verification' });
    const [mail] = await sink.waitForMails(sink.mails.length + 1).then((m) => m.slice(-1));
    expect(mail!.to).toEqual(['kofi@example.com']);
    expect(mail!.parsed.subject).toBe('Confirm your Campus Help account');
    // Not before the link: the address is not the account's yet.
    expect(await signInStatus('kofi@example.com')).toBe(401);
    const verified = await new Client(server.url).post('/api/v1/auth/verify-email', {
      token: verificationToken(mail!),
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ email: 'kofi@example.com' });
    expect(await signInStatus('kofi@example.com')).toBe(200);
  });

  it('says the desk sends no mail when verification needs it', async () => {
    const mailless = await startTestNode(db(), { CUSTOMER_SIGN_UP: 'verification' });
    try {
      const refused = await new Client(mailless.url).post('/api/v1/sign-up', {
        name: 'Ama',
        email: 'ama@example.com',
        password: TEST_PASSWORD,
      });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('MAIL_DISABLED');
    } finally {
      await mailless.stop();
    }
  });

  it('never touches an account that has the address, whatever its kind', async () => {
    const agentEmail = 'agent@example.com';
    await createAccount(server.node.ctx, null, {
      email: agentEmail,
      name: 'Agent',
      password: TEST_PASSWORD,
      role: 'admin',
    });
    // An account the host application made and manages (SSO, no password).
    const sso = await new Client(server.url).post('/api/v1/auth/sso', {
      token: await ssoToken({ sub: 'host-42', name: 'Host User', email: 'host.user@example.com' }),
    });
    expect(sso.status).toBe(200);
    for (const mode of ['open', 'verification'] as const) {
      setMode(mode);
      for (const email of [agentEmail, 'HOST.USER@example.com']) {
        const taken = await signUp({ name: 'Mallory', email, password: 'mallory passphrase' });
        expect(taken.status).toBe(409);
        expect(taken.body.error.code).toBe('EMAIL_TAKEN');
      }
    }
    expect(await signInStatus(agentEmail)).toBe(200);
    expect(await signInStatus(agentEmail, 'mallory passphrase')).toBe(401);
    const hostUser = await findUserByEmail(db().db, 'host.user@example.com');
    expect(hostUser).toMatchObject({
      name: 'Host User',
      password_hash: null,
      external_id: 'host-42',
    });
    expect(await signInStatus('host.user@example.com', 'mallory passphrase')).toBe(401);
  });

  it('gives a pending address to nobody once another account has it', async () => {
    setMode('verification');
    await signUp({ name: 'Mallory', email: 'yaa@example.com', password: 'mallory passphrase' });
    const [mail] = await sink.waitForMails(sink.mails.length + 1).then((m) => m.slice(-1));
    // Meanwhile the host application signs its user in with that address.
    const sso = await new Client(server.url).post('/api/v1/auth/sso', {
      token: await ssoToken({ sub: 'host-7', name: 'Yaa', email: 'yaa@example.com' }),
    });
    expect(sso.status).toBe(200);
    const late = await new Client(server.url).post('/api/v1/auth/verify-email', {
      token: verificationToken(mail!),
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('EMAIL_TAKEN');
    expect(await signInStatus('yaa@example.com', 'mallory passphrase')).toBe(401);
    expect(await findUserByEmail(db().db, 'yaa@example.com')).toMatchObject({
      external_id: 'host-7',
    });
  });

  it('takes at most the limit of sign-ups from one address an hour', async () => {
    setMode('open');
    for (let i = 0; i < LIMIT; i++) {
      const made = await signUp({
        name: `P${i}`,
        email: `p${i}@example.com`,
        password: TEST_PASSWORD,
      });
      expect(made.status).toBe(201);
    }
    // Refused ones count too: a script asking which addresses are taken is slowed the same.
    const over = await signUp({ name: 'P', email: 'p@example.com', password: TEST_PASSWORD });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await findUserByEmail(db().db, 'p@example.com')).toBeUndefined();
  });
});

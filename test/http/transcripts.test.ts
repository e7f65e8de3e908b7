// Chat transcripts over HTTP: the download in both formats and the mail, never with a note, only
// ever to the customer's own address, limited per sender, and refused when the desk sends no mail.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { SmtpSink } from '../support/smtpSink.js';
import { type Client, startTestNode, type TestNode } from '../support/testNode.js';

const NOTE = 'NOTE-the-customer-must-never-read';

describeEachDatabase('chat transcripts', (db) => {
  let sink: SmtpSink;
  let server: TestNode;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    server = await startTestNode(db(), {
      SMTP_URL: sink.url,
      MAIL_FROM: 'help@desk.test',
      PUBLIC_URL: 'http://desk.test',
      DESK_NAME: 'Campus Help',
      TRANSCRIPT_MAIL_LIMIT_PER_HOUR: '2',
    });
  });
  afterAll(async () => {
    await server.stop();
    await sink.stop();
  });

  const emailOf = async (client: Client) =>
    (await client.get('/api/v1/auth/me')).body.user.email as string;
  const transcriptMails = () =>
    server.node.ctx.store.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('kind', '=', 'chat_transcript')
      .orderBy('created_at')
      .execute();

  /** A customer's chat an agent took and answered, with the agent's note and the end. */
  async function chat() {
    const customer = await server.signUp('Yaw');
    const agent = await server.signUp('Ama', 'admin');
    const id = await customer.startChat();
    const path = `/api/v1/sessions/${id}`;
    expect((await agent.post(`${path}/take`)).status).toBe(200);
    expect((await agent.post(`${path}/messages`, { text: 'Hello <Yaw>' })).status).toBe(201);
    const note = await agent.post(`${path}/messages`, { text: NOTE, type: 'note' });
    expect(note.status).toBe(201);
    expect((await customer.post(`${path}/end`)).status).toBe(200);
    return { customer, agent, id, path };
  }

  it('downloads the customer and the agent the same transcript, as text or HTML, without the note', async () => {
    const { customer, agent, id, path } = await chat();
    for (const client of [customer, agent]) {
      const text = await client.download(`${path}/transcript?format=text`);
      expect(text.status).toBe(200);
      expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(text.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="chat-\\d{4}-\\d{2}-\\d{2}-${id}\\.txt"$`),
      );
      const body = text.body.toString('utf8');
      expect(body).toContain('Yaw: Hi');
      expect(body).toContain('Ama: Hello <Yaw>');
      expect(body).not.toContain(NOTE);
      expect(body).not.toContain('internal note');

      const html = await client.download(`${path}/transcript?format=html`);
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html.headers.get('content-disposition')).toContain(`${id}.html"`);
      const page = html.body.toString('utf8');
      expect(page).toContain('Hello &lt;Yaw&gt;');
      expect(page).not.toContain(NOTE);
    }
  });

  it('writes the times in the zone asked for, UTC otherwise, and refuses a zone that is none', async () => {
    const { customer, path } = await chat();
    const utc = (await customer.download(`${path}/transcript`)).body.toString('utf8');
    expect(utc).toMatch(/\d{2}:\d{2} UTC\]/);
    const tokyo = await customer.download(`${path}/transcript?timeZone=Asia/Tokyo`);
    expect(tokyo.body.toString('utf8')).toMatch(/\d{2}:\d{2} Asia\/Tokyo\]/);
    const bad = await customer.get(`${path}/transcript?timeZone=Mars/Olympus`);
    expect(bad.status).toBe(400);
    expect((await customer.get(`${path}/transcript?format=pdf`)).status).toBe(400);
    expect((await customer.get('/api/v1/sessions/not-an-id/transcript')).status).toBe(400);
  });

  it("mails the customer's transcript to their own address, without the note", async () => {
    const { customer, path } = await chat();
    const asked = await customer.post(`${path}/transcript/email`, {});
    expect(asked.status).toBe(202);
    const [mail, ...more] = await transcriptMails();
    expect(more).toEqual([]);
    expect(mail!.recipient).toBe(await emailOf(customer));
    expect(mail!.user_id).toBe(customer.user!.id);
    expect(mail!.subject).toBe('Your chat with Campus Help: Help');
    expect(mail!.text_body).toContain('Ama: Hello <Yaw>');
    expect(mail!.html_body).toContain('Hello &lt;Yaw&gt;');
    for (const part of [mail!.text_body, mail!.html_body]) expect(part).not.toContain(NOTE);
    expect(mail!.text_body).toContain('You asked Campus Help to mail you this transcript.');
  });

  it('takes no address: the body may name none, and an agent sends it to the customer', async () => {
    const { customer, agent, path } = await chat();
    const elsewhere = await customer.post(`${path}/transcript/email`, { to: 'me@evil.test' });
    expect(elsewhere.status).toBe(400);
    expect((await agent.post(`${path}/transcript/email`, { email: 'x@evil.test' })).status).toBe(
      400,
    );
    expect(await transcriptMails()).toEqual([]);
    expect((await agent.post(`${path}/transcript/email`)).status).toBe(202);
    const [mail] = await transcriptMails();
    expect(mail!.recipient).toBe(await emailOf(customer));
    expect(mail!.text_body).toContain('Ama of Campus Help sent you this transcript');
    expect(mail!.text_body).not.toContain(NOTE);
  });

  it('mails at most TRANSCRIPT_MAIL_LIMIT_PER_HOUR transcripts per sender, then answers 429', async () => {
    const { customer, agent, path } = await chat();
    for (let i = 0; i < 2; i++) {
      expect((await customer.post(`${path}/transcript/email`)).status).toBe(202);
    }
    const over = await customer.post(`${path}/transcript/email`);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another sender has a budget of their own.
    expect((await agent.post(`${path}/transcript/email`)).status).toBe(202);
    expect(await transcriptMails()).toHaveLength(3);
  });

  it('answers 409 NO_EMAIL_ADDRESS for an account without an address', async () => {
    const { customer, agent, path } = await chat();
    await server.node.ctx.store.db
      .updateTable('users')
      .set({ email: null })
      .where('id', '=', customer.user!.id)
      .execute();
    for (const client of [customer, agent]) {
      const reply = await client.post(`${path}/transcript/email`);
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('NO_EMAIL_ADDRESS');
    }
    expect(await transcriptMails()).toEqual([]);
  });

  it('answers 404 for a chat the caller may not see, to the download and the mail alike', async () => {
    const { path } = await chat();
    const stranger = await server.signUp('Efua');
    expect((await stranger.get(`${path}/transcript`)).status).toBe(404);
    expect((await stranger.post(`${path}/transcript/email`)).status).toBe(404);
    expect(await transcriptMails()).toEqual([]);
  });
});

describeEachDatabase('chat transcripts on a desk without mail', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers 503 MAIL_DISABLED to the mail, and still serves the download', async () => {
    const customer = await server.signUp('Yaw');
    const path = `/api/v1/sessions/${await customer.startChat()}`;
    const reply = await customer.post(`${path}/transcript/email`);
    expect(reply.status).toBe(503);
    expect(reply.body.error.code).toBe('MAIL_DISABLED');
    expect((await customer.download(`${path}/transcript`)).status).toBe(200);
  });
});

// Files on tickets over real HTTP and WebSocket connections, through the same upload and serving
// as chats: an agent's photo in a reply reaches the requester re-encoded without its EXIF, with a
// thumbnail; content that lies about itself is refused as in a chat; a note's file reaches the
// requester on no path (the thread, a download, its thumbnail, their socket).
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertInboundMail } from '../../src/storage/repositories/mail/inbound.js';
import { describeEachDatabase } from '../support/databases.js';
import { Client, startTestNode, type TestNode } from '../support/testNode.js';

const photo = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3366cc' } })
    .withExif({ IFD0: { Copyright: 'Ama', ImageDescription: 'the registry' } })
    .jpeg()
    .toBuffer();

describeEachDatabase('ticket attachments over HTTP', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  async function request(yaw: Client): Promise<string> {
    const filed = await yaw.post('/api/v1/tickets', { subject: 'Visa', message: 'Transcript?' });
    expect(filed.status).toBe(201);
    return filed.body.id as string;
  }

  it('sends an agent’s photo in a reply, which the requester sees as a thumbnail, without EXIF', async () => {
    const yaw = await server.signUp('Yaw');
    const ama = await server.signUp('Ama', 'admin');
    const id = await request(yaw);
    const upload = await ama.uploadToTicket(id, 'registry.jpg', await photo(), 'image/jpeg');
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ kind: 'image', width: 1200, height: 900 });
    const sent = await ama.post(`/api/v1/tickets/${id}/messages`, {
      body: 'Here is the stamp',
      fileIds: [upload.body.id],
    });
    expect(sent.status).toBe(201);
    expect(sent.body.files).toMatchObject([{ id: upload.body.id, kind: 'image' }]);

    const thread = await yaw.get(`/api/v1/tickets/${id}/messages`);
    const carried = thread.body.items.find((m: { id: string }) => m.id === sent.body.id);
    expect(carried.files).toEqual([upload.body]);
    const first = thread.body.items.find((m: { id: string }) => m.id !== sent.body.id);
    expect(first.files).toEqual([]);
    const thumbnail = await yaw.download(upload.body.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    const original = await yaw.download(upload.body.url);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(original.headers.get('x-content-type-options')).toBe('nosniff');
    expect(original.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect((await sharp(original.body).metadata()).exif).toBeUndefined();
    // Another customer, and nobody signed in, get nothing of it.
    const kojo = await server.signUp('Kojo');
    expect((await kojo.download(upload.body.url)).status).toBe(404);
    expect((await new Client(server.url).download(upload.body.url)).status).toBe(401);
  });

  it('refuses what lies about its type, as a chat does, and serves the rest as downloads', async () => {
    const yaw = await server.signUp('Yaw');
    const id = await request(yaw);
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    for (const [name, content] of [
      ['logo.svg', svg],
      ['logo.png', svg],
      ['page.html', '<html><script>alert(1)</script></html>'],
    ] as const) {
      const refused = await yaw.uploadToTicket(id, name, content);
      expect(refused.status, name).toBe(415);
    }
    const receipt = await yaw.uploadToTicket(
      id,
      'receipt.txt',
      'Paid:\n<script>alert(1)</script>\n',
    );
    expect(receipt.status).toBe(201);
    await yaw.post(`/api/v1/tickets/${id}/messages`, { fileIds: [receipt.body.id] });
    const served = await yaw.download(receipt.body.url);
    expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('keeps a note’s file from the requester on every path, their socket too', async () => {
    const yaw = await server.signUp('Yaw');
    const ama = await server.signUp('Ama', 'admin');
    const id = await request(yaw);
    const socket = await yaw.socket();
    try {
      await socket.waitFor((f) => f.type === 'hello');
      const internal = await ama.uploadToTicket(id, 'ledger.jpg', await photo());
      const note = await ama.post(`/api/v1/tickets/${id}/messages`, {
        body: 'Paid twice, see the ledger',
        kind: 'note',
        fileIds: [internal.body.id],
      });
      expect(note.status).toBe(201);
      const reply = await ama.post(`/api/v1/tickets/${id}/messages`, { body: 'On it' });
      // The reply's frame arrives; nothing of the note came before it, or comes with it.
      await socket.waitFor((f) => f.type === 'ticket.message' && f.messageId === reply.body.id);
      const frames = JSON.stringify(socket.frames);
      expect(frames).not.toContain(note.body.id);
      expect(frames).not.toContain(internal.body.id);
      for (const path of [internal.body.url, internal.body.thumbnailUrl]) {
        expect((await yaw.download(path)).status, path).toBe(404);
        expect((await ama.download(path)).status, path).toBe(200);
      }
      const thread = await yaw.get(`/api/v1/tickets/${id}/messages`);
      expect(JSON.stringify(thread.body)).not.toContain(internal.body.id);
      // Nor may the requester send the desk's upload as their own.
      const stolen = await yaw.post(`/api/v1/tickets/${id}/messages`, {
        fileIds: [internal.body.id],
      });
      expect(stolen.status).toBe(400);
    } finally {
      socket.close();
    }
  });

  it('serves the mail a message came from to the desk as a sandboxed .eml download, and says so in its thread', async () => {
    const yaw = await server.signUp('Yaw');
    const ama = await server.signUp('Ama', 'admin');
    const id = await request(yaw);
    const [first] = (await yaw.get(`/api/v1/tickets/${id}/messages`)).body.items;
    // Recorded as the importer records the mail a message came from.
    const raw = Buffer.from('From: yaw@example.com\r\nSubject: Visa\r\n\r\nTranscript?\r\n');
    const { ctx } = server.node;
    await insertInboundMail(ctx.store.db, {
      mailbox: 'smtp',
      message_id: `${first.id}@client.example`,
      status: 'processed',
      reason: null,
      ticket_id: id,
      ticket_message_id: first.id,
      from_address: 'yaw@example.com',
      subject: 'Visa',
      raw,
      size_bytes: raw.length,
      received_at: ctx.clock.now(),
    });
    const path = `/api/v1/tickets/${id}/messages/${first.id}/original`;
    const original = await ama.download(path);
    expect(original.status).toBe(200);
    expect(original.body).toEqual(raw);
    expect(original.headers.get('content-type')).toBe('message/rfc822');
    expect(original.headers.get('content-disposition')).toMatch(
      /^attachment; filename="ticket-\d+-.*\.eml"/,
    );
    expect(original.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(original.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await yaw.download(path)).status).toBe(404);
    const shown = async (client: Client) =>
      (await client.get(`/api/v1/tickets/${id}/messages`)).body.items[0].originalMail;
    expect(await shown(ama)).toBe(true);
    expect(await shown(yaw)).toBe(false);
  });
});

// Files of a new request and of a chat made a ticket, over HTTP: a draft (POST /files) is held to
// the same rules as any upload (content that lies, a decompression bomb, a body cut short, a name
// that tries to escape), is its uploader's alone until the request is filed with it, and then the
// desk's too; a chat's files carried into its ticket keep a note's file from the requester on
// every path.
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { Client, startTestNode, type TestNode } from '../support/testNode.js';
import { hugePngHeader, multipart, postRaw } from '../support/uploadBodies.js';

const png = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();

describeEachDatabase('draft uploads and chat files in tickets over HTTP', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db(), { FILE_SIZE_LIMIT_MB: '1' });
  });
  afterAll(async () => {
    await server.stop();
  });

  const files = () => server.node.ctx.store.db.selectFrom('files').select('id').execute();

  it('refuses drafts that lie, explode or are cut short, keeping nothing of them', async () => {
    const yaw = await server.signUp('Yaw');
    const before = (await files()).length;
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    for (const [name, content, status] of [
      ['logo.svg', svg, 415],
      ['logo.png', svg, 415],
      ['page.html', '<html><script>alert(1)</script></html>', 415],
      ['bomb.png', hugePngHeader(100_000, 100_000), 413],
      ['big.txt', 'x'.repeat(1024 * 1024 + 10_000), 413],
    ] as const) {
      expect((await yaw.uploadDraft(name, content)).status, name).toBe(status);
    }
    const { body, boundary } = multipart('notes.txt', 'a'.repeat(200_000));
    const cut = await postRaw(yaw, '/api/v1/files', body.subarray(0, body.length - 30), boundary);
    expect(cut.status).toBe(400);
    expect(cut.body.error.code).toBe('UPLOAD_INCOMPLETE');
    expect((await files()).length).toBe(before);
    const named = await yaw.uploadDraft('../../etc/re\u0000ceipt\u202e.txt', 'Paid');
    expect(named.status).toBe(201);
    expect(named.body.name).toBe('receipt.txt');
  });

  it('keeps a draft its uploader’s until the request is filed with it, then the desk’s too', async () => {
    const yaw = await server.signUp('Yaw');
    const kojo = await server.signUp('Kojo');
    const ama = await server.signUp('Ama', 'admin');
    const draft = await yaw.uploadDraft('receipt.png', await png(), 'image/png');
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ kind: 'image', name: 'receipt.png' });
    for (const path of [draft.body.url, draft.body.thumbnailUrl]) {
      expect((await yaw.download(path)).status, path).toBe(200);
      expect((await kojo.download(path)).status, path).toBe(404);
      expect((await ama.download(path)).status, path).toBe(404);
      expect((await new Client(server.url).download(path)).status, path).toBe(401);
    }
    const stolen = await kojo.post('/api/v1/tickets', {
      subject: 'Mine',
      message: 'Look',
      fileIds: [draft.body.id],
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.code).toBe('INVALID_ATTACHMENTS');
    const filed = await yaw.post('/api/v1/tickets', {
      subject: 'Receipt',
      message: 'Attached',
      fileIds: [draft.body.id],
    });
    expect(filed.status).toBe(201);
    const thread = await ama.get(`/api/v1/tickets/${filed.body.id}/messages`);
    expect(thread.body.items[0].files).toEqual([draft.body]);
    expect((await ama.download(draft.body.url)).status).toBe(200);
    expect((await kojo.download(draft.body.url)).status).toBe(404);
  });

  it('carries a chat’s files into its ticket, never a note’s file to the requester', async () => {
    const yaw = await server.signUp('Yaw');
    const ama = await server.signUp('Ama', 'admin');
    const chat = await yaw.startChat();
    expect((await ama.post(`/api/v1/sessions/${chat}/take`)).status).toBe(200);
    const shown = await yaw.upload(chat, 'error.png', await png(), 'image/png');
    await yaw.post(`/api/v1/sessions/${chat}/messages`, { fileIds: [shown.body.id] });
    const internal = await ama.upload(chat, 'ledger.png', await png(), 'image/png');
    const note = await ama.post(`/api/v1/sessions/${chat}/messages`, {
      text: 'Paid twice',
      type: 'note',
      fileIds: [internal.body.id],
    });
    expect(note.status).toBe(201);
    const made = await ama.post(`/api/v1/sessions/${chat}/ticket`);
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const desk = await ama.get(`/api/v1/tickets/${id}/messages`);
    const deskFiles = desk.body.items.flatMap((m: { files: { id: string }[] }) => m.files);
    expect(deskFiles.map((file: { id: string }) => file.id)).toEqual([
      shown.body.id,
      internal.body.id,
    ]);
    const theirs = await yaw.get(`/api/v1/tickets/${id}/messages`);
    expect(JSON.stringify(theirs.body)).toContain(shown.body.id);
    expect(JSON.stringify(theirs.body)).not.toContain(internal.body.id);
    expect(JSON.stringify((await yaw.get(`/api/v1/tickets/${id}`)).body)).not.toContain(
      internal.body.id,
    );
    for (const path of [internal.body.url, internal.body.thumbnailUrl]) {
      expect((await yaw.download(path)).status, path).toBe(404);
      expect((await ama.download(path)).status, path).toBe(200);
    }
    expect((await yaw.download(shown.body.url)).status).toBe(200);
  });
});

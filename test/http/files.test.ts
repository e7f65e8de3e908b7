// Attachments over HTTP, and everything that tries to break them: content that lies about its
// type (polyglots, wrong extensions, SVG and HTML with script), images that would decode to too
// many pixels, files over the limit, bodies cut short, names that try to escape or deceive, and
// downloads by people who may not see the message. Each is refused or made harmless, never a 500.
import http from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { hugePngHeader, multipart, postRaw } from '../support/uploadBodies.js';
import { Client, startTestNode, type TestNode } from '../support/testNode.js';

const png = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();

describeEachDatabase('attachments over HTTP', (db) => {
  let server: TestNode;
  let yaw: Client;
  let ama: Client;
  let chat: string;
  beforeAll(async () => {
    server = await startTestNode(db(), { FILE_SIZE_LIMIT_MB: '1' });
  });
  afterAll(async () => {
    await server.stop();
  });

  const files = () => server.node.ctx.store.db.selectFrom('files').selectAll().execute();
  const chunks = () => server.node.ctx.store.db.selectFrom('file_chunks').select('key').execute();

  async function activeChat() {
    yaw = await server.signUp('Yaw');
    ama = await server.signUp('Ama', 'admin');
    chat = await yaw.startChat();
    expect((await ama.post(`/api/v1/sessions/${chat}/take`)).status).toBe(200);
  }

  describe('a screenshot, sent and seen', () => {
    beforeEach(activeChat);

    it('is uploaded, sent as an image message and seen by the other side with its thumbnail', async () => {
      const photo = await sharp(await png(1200, 900))
        .withExif({ IFD0: { Copyright: 'Yaw', ImageDescription: 'at home' } })
        .jpeg()
        .toBuffer();
      expect((await sharp(photo).metadata()).exif).toBeDefined();
      const upload = await yaw.upload(chat, 'image', photo, 'image/jpeg');
      expect(upload.status).toBe(201);
      expect(upload.body).toMatchObject({
        name: 'image.jpg',
        type: 'image/jpeg',
        kind: 'image',
        width: 1200,
        height: 900,
        url: `/api/v1/files/${upload.body.id}`,
        thumbnailUrl: `/api/v1/files/${upload.body.id}/thumbnail`,
      });
      const socket = await ama.socket();
      try {
        await socket.call({ type: 'subscribe', sessionId: chat });
        const sent = await yaw.post(`/api/v1/sessions/${chat}/messages`, {
          fileIds: [upload.body.id],
        });
        expect(sent.status).toBe(201);
        expect(sent.body).toMatchObject({
          type: 'image',
          text: '',
          files: [{ id: upload.body.id }],
        });
        const frame: any = await socket.waitFor(
          (f: any) => f.type === 'session.event' && f.event.message?.id === sent.body.id,
        );
        expect(frame.event.message.files).toEqual([upload.body]);
      } finally {
        socket.close();
      }
      const listed = await ama.get(`/api/v1/sessions/${chat}/messages`);
      expect(listed.body.items.at(-1).files).toEqual([upload.body]);
      // A text message's payload is as it always was: no files field.
      expect(listed.body.items[0]).not.toHaveProperty('files');

      const original = await ama.download(upload.body.url);
      expect(original.status).toBe(200);
      expect(original.headers.get('content-type')).toBe('image/jpeg');
      expect(original.headers.get('content-disposition')).toMatch(/^inline; filename="image.jpg"/);
      expect(original.headers.get('x-content-type-options')).toBe('nosniff');
      expect(original.headers.get('content-security-policy')).toMatch(/^sandbox/);
      expect(Number(original.headers.get('content-length'))).toBe(upload.body.size);
      // Served without its EXIF.
      const served = await sharp(original.body).metadata();
      expect(served).toMatchObject({ format: 'jpeg', width: 1200, height: 900 });
      expect(served.exif).toBeUndefined();

      const thumbnail = await ama.download(upload.body.thumbnailUrl);
      expect(thumbnail.headers.get('content-type')).toBe('image/webp');
      expect(await sharp(thumbnail.body).metadata()).toMatchObject({
        format: 'webp',
        width: 480,
        height: 360,
      });
    });

    it('sends a file with a caption as a file message, and a file only once', async () => {
      const upload = await ama.upload(chat, 'form.pdf', '%PDF-1.7\n1 0 obj <<>> endobj\n');
      expect(upload.body).toMatchObject({
        kind: 'file',
        type: 'application/pdf',
        thumbnailUrl: null,
      });
      const sent = await ama.post(`/api/v1/sessions/${chat}/messages`, {
        text: 'Please fill this in',
        fileIds: [upload.body.id],
      });
      expect(sent.body).toMatchObject({ type: 'file', text: 'Please fill this in' });
      const again = await ama.post(`/api/v1/sessions/${chat}/messages`, {
        fileIds: [upload.body.id],
      });
      expect(again.status).toBe(400);
      expect(again.body.error).toMatchObject({ code: 'INVALID_ATTACHMENTS', field: 'fileIds' });
      const download = await yaw.download(upload.body.url);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('content-disposition')).toMatch(
        /^attachment; filename="form.pdf"/,
      );
    });

    it('refuses to send someone else’s upload, or one of another chat', async () => {
      const theirs = await ama.upload(chat, 'notes.txt', 'agent notes');
      const mine = await yaw.post(`/api/v1/sessions/${chat}/messages`, {
        fileIds: [theirs.body.id],
      });
      expect(mine.status).toBe(400);
      expect(mine.body.error.code).toBe('INVALID_ATTACHMENTS');
      const other = await yaw.startChat();
      const elsewhere = await yaw.upload(other, 'a.txt', 'hello');
      const here = await yaw.post(`/api/v1/sessions/${chat}/messages`, {
        fileIds: [elsewhere.body.id],
      });
      expect(here.status).toBe(400);
      // An unsent upload is its uploader's alone.
      expect((await ama.download(elsewhere.body.url)).status).toBe(404);
      expect((await yaw.download(elsewhere.body.url)).status).toBe(200);
    });
  });

  describe('content that lies about itself', () => {
    beforeEach(activeChat);

    const refused = async (name: string, data: Buffer | string, type = '') => {
      const reply = await yaw.upload(chat, name, data, type);
      expect(reply.status, name).toBeGreaterThanOrEqual(400);
      expect(reply.status, name).toBeLessThan(500);
      return reply.body.error;
    };

    it('re-encodes a polyglot image, so what is served holds nothing but pixels', async () => {
      const payload = '<html><script>alert(document.cookie)</script></html>';
      const polyglot = Buffer.concat([await png(), Buffer.from(payload)]);
      const upload = await yaw.upload(chat, 'cat.png', polyglot, 'image/png');
      expect(upload.status).toBe(201);
      const served = await yaw.download(upload.body.url);
      expect(served.body.includes(Buffer.from('<script>'))).toBe(false);
      expect((await sharp(served.body).metadata()).format).toBe('png');
    });

    it('refuses a GIF header over a script, which is no image', async () => {
      const fake = Buffer.from('GIF89a/*\u0000\u0000*/=1;alert(document.domain);//');
      expect(await refused('funny.gif', fake)).toMatchObject({ code: 'FILE_UNREADABLE' });
    });

    it('refuses a wrong extension or declared type', async () => {
      expect(await refused('photo.jpg', await png())).toMatchObject({
        code: 'FILE_TYPE_MISMATCH',
        message: 'The file is called .jpg (a JPEG image) but its content is a PNG image',
      });
      expect(await refused('photo', await png(), 'application/pdf')).toMatchObject({
        code: 'FILE_TYPE_MISMATCH',
      });
    });

    it('refuses SVG with script and HTML, whatever they are called', async () => {
      const svg =
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>';
      for (const name of ['logo.svg', 'logo.png', 'logo.txt', 'logo']) {
        expect(await refused(name, svg, 'image/svg+xml'), name).toMatchObject({
          code: 'FILE_TYPE_NOT_ALLOWED',
          message: 'An SVG image is not accepted here',
        });
      }
      for (const name of ['page.html', 'page.txt']) {
        expect(await refused(name, '<!DOCTYPE html><script>alert(1)</script>'), name).toMatchObject(
          {
            code: 'FILE_TYPE_NOT_ALLOWED',
            message: 'An HTML page is not accepted here',
          },
        );
      }
      expect(
        await refused('tool.exe', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])),
      ).toMatchObject({
        code: 'FILE_TYPE_NOT_ALLOWED',
      });
    });

    it('serves text holding markup as a sandboxed plain-text download', async () => {
      const upload = await yaw.upload(
        chat,
        'error.txt',
        'The page said:\n<script>alert(1)</script>\n',
      );
      expect(upload.status).toBe(201);
      const served = await yaw.download(upload.body.url);
      expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(served.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('refuses a PNG whose header promises 10 billion pixels, before decoding it', async () => {
      expect(await refused('bomb.png', hugePngHeader(100_000, 100_000), 'image/png')).toMatchObject(
        {
          code: 'IMAGE_TOO_LARGE',
          message:
            'The image is 100000 × 100000 pixels; images of at most 50 megapixels are accepted',
        },
      );
    });

    it('refuses a file over the size limit, and keeps nothing of it', async () => {
      const before = (await files()).length;
      const big = 'x'.repeat(1024 * 1024 + 10_000);
      const reply = await yaw.upload(chat, 'big.txt', big);
      expect(reply.status).toBe(413);
      expect(reply.body.error).toMatchObject({
        code: 'FILE_TOO_LARGE',
        message: 'A file may be at most 1 MiB',
      });
      expect((await files()).length).toBe(before);
    });

    it('refuses a body announced far over the limit without reading it', async () => {
      const url = new URL(server.url);
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.request({
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: `/api/v1/sessions/${chat}/files`,
          headers: {
            origin: server.url,
            cookie: yaw.cookie!,
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(100 * 1024 * 1024),
          },
        });
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode!);
        });
        request.on('error', reject);
        request.flushHeaders();
      });
      expect(status).toBe(413);
    });

    it('refuses an empty file', async () => {
      expect(await refused('empty.txt', '')).toMatchObject({ code: 'FILE_EMPTY' });
    });
  });

  describe('uploads cut short', () => {
    beforeEach(activeChat);

    it('refuses a truncated multipart body and keeps nothing of it', async () => {
      const { body, boundary } = multipart('notes.txt', 'a'.repeat(200_000));
      const cut = body.subarray(0, body.length - 30);
      const reply = await postRaw(yaw, `/api/v1/sessions/${chat}/files`, cut, boundary);
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('UPLOAD_INCOMPLETE');
      expect(await files()).toEqual([]);
      expect(await chunks()).toEqual([]);
    });

    it('keeps nothing of an upload whose connection is cut halfway', async () => {
      const { head, boundary } = multipart('notes.txt', '');
      const url = new URL(server.url);
      const request = http.request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `/api/v1/sessions/${chat}/files`,
        headers: {
          origin: server.url,
          cookie: yaw.cookie!,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(900_000),
        },
      });
      request.on('error', () => {});
      request.write(head);
      request.write('b'.repeat(400_000));
      // Once the server has started keeping the file, the client goes away.
      await vi.waitFor(async () => expect((await files()).length).toBe(1), { timeout: 10_000 });
      request.destroy();
      await vi.waitFor(
        async () => {
          expect(await files()).toEqual([]);
          expect(await chunks()).toEqual([]);
        },
        { timeout: 10_000 },
      );
    });

    it('refuses a form without a file part, and a body that is no form', async () => {
      const form = new FormData();
      form.append('note', 'hello');
      const noFile = await yaw.request('POST', `/api/v1/sessions/${chat}/files`, form);
      expect(noFile.status).toBe(400);
      expect(noFile.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
      const json = await yaw.post(`/api/v1/sessions/${chat}/files`, { file: 'x' });
      expect(json.status).toBe(415);
      const noBoundary = await fetch(`${server.url}/api/v1/sessions/${chat}/files`, {
        method: 'POST',
        headers: { origin: server.url, cookie: yaw.cookie!, 'content-type': 'multipart/form-data' },
        body: 'garbage',
      });
      expect(noBoundary.status).toBe(400);
    });
  });

  describe('names that try to escape or deceive', () => {
    beforeEach(activeChat);

    it('keeps the last segment of a path, without NUL, controls or bidi overrides', async () => {
      const cases: Array<[string, string]> = [
        ['../../../etc/passwd.txt', 'passwd.txt'],
        ['..\\..\\windows\\win.txt', 'win.txt'],
        ['re\u0000port\u0007.txt', 'report.txt'],
        ['notes\u202e\u2066.txt', 'notes.txt'],
      ];
      for (const [sent, kept] of cases) {
        const { body, boundary } = multipart(sent, 'hello there');
        const reply = await postRaw(yaw, `/api/v1/sessions/${chat}/files`, body, boundary);
        expect(reply.status, JSON.stringify(sent)).toBe(201);
        expect(reply.body.name, JSON.stringify(sent)).toBe(kept);
        const served = await yaw.download(reply.body.url);
        expect(served.headers.get('content-disposition')).toContain(`filename="${kept}"`);
      }
    });

    it('refuses a name whose override hides another extension', async () => {
      // Shown as "invoiceexe.txt" with the override; it ends in .exe.
      const { body, boundary } = multipart('invoice\u202etxt.exe', 'hello there');
      const reply = await postRaw(yaw, `/api/v1/sessions/${chat}/files`, body, boundary);
      expect(reply.status).toBe(415);
      expect(reply.body.error.code).toBe('FILE_TYPE_MISMATCH');
    });
  });

  describe('who may download', () => {
    beforeEach(activeChat);

    it('serves a message’s file only to who may see the message, a note’s to agents only', async () => {
      const efua = await server.signUp('Efua');
      const kofi = await server.signUp('Kofi', 'admin');
      const boss = await server.signUp('Boss', 'super_admin');
      const shared = await yaw.upload(chat, 'receipt.txt', 'paid 100');
      await yaw.post(`/api/v1/sessions/${chat}/messages`, { fileIds: [shared.body.id] });
      const internal = await ama.upload(chat, 'internal.txt', 'customer owes 20');
      const note = await ama.post(`/api/v1/sessions/${chat}/messages`, {
        type: 'note',
        text: 'see attached',
        fileIds: [internal.body.id],
      });
      expect(note.body).toMatchObject({ type: 'note', files: [{ id: internal.body.id }] });

      const statuses = async (url: string) =>
        Promise.all(
          [yaw, ama, boss, efua, kofi, new Client(server.url)].map(
            async (c) => (await c.download(url)).status,
          ),
        );
      //                                          customer agent boss  other  colleague  nobody
      expect(await statuses(shared.body.url)).toEqual([200, 200, 200, 404, 404, 401]);
      expect(await statuses(internal.body.url)).toEqual([404, 200, 200, 404, 404, 401]);
      expect(
        await statuses(internal.body.thumbnailUrl ?? `${internal.body.url}/thumbnail`),
      ).toEqual([404, 404, 404, 404, 404, 401]);
      // The customer never sees the note, nor its files, in the list.
      const seen = await yaw.get(`/api/v1/sessions/${chat}/messages`);
      expect(JSON.stringify(seen.body)).not.toContain(internal.body.id);
      // Nor may they send the agent's upload as their own.
      const stolen = await yaw.post(`/api/v1/sessions/${chat}/messages`, {
        fileIds: [internal.body.id],
      });
      expect(stolen.status).toBe(400);
    });
  });
});

describeEachDatabase('attachments, as a deployment sets them', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db(), {
      CUSTOMER_UPLOADS: 'false',
      FILE_TYPES: 'image/png,image/svg+xml,text/html,text/plain',
      UPLOAD_LIMIT_PER_HOUR: '3',
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('turns customer uploads off, agents’ on, and says so to each', async () => {
    const yaw = await server.signUp('Yaw');
    const ama = await server.signUp('Ama', 'admin');
    const chat = await yaw.startChat();
    await ama.post(`/api/v1/sessions/${chat}/take`);
    const refused = await yaw.upload(chat, 'a.png', await png());
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('UPLOADS_DISABLED');
    expect((await yaw.get('/api/v1/files/limits')).body).toMatchObject({ uploadsAllowed: false });
    expect((await ama.get('/api/v1/files/limits')).body).toEqual({
      uploadsAllowed: true,
      maxBytes: 10 * 1024 * 1024,
      filesPerMessage: 10,
      types: ['image/png', 'image/svg+xml', 'text/html', 'text/plain'],
      extensions: [
        'png',
        'txt',
        'text',
        'log',
        'csv',
        'md',
        'svg',
        'svgz',
        'html',
        'htm',
        'xhtml',
        'shtml',
      ],
    });
    expect((await ama.upload(chat, 'a.png', await png())).status).toBe(201);
  });

  it('serves an SVG or HTML it was told to accept only as a sandboxed download, never inline', async () => {
    const yaw = await server.signUp('Yaw');
    const ama = await server.signUp('Ama', 'admin');
    const chat = await yaw.startChat();
    await ama.post(`/api/v1/sessions/${chat}/take`);
    const svg = await ama.upload(
      chat,
      'logo.svg',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const page = await ama.upload(chat, 'page.html', '<html><script>alert(1)</script></html>');
    for (const upload of [svg, page]) {
      expect(upload.status).toBe(201);
      expect(upload.body).toMatchObject({ kind: 'file', thumbnailUrl: null });
      const served = await ama.download(upload.body.url);
      expect(served.headers.get('content-type')).toBe('application/octet-stream');
      expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(served.headers.get('content-security-policy')).toMatch(/^sandbox/);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('limits uploads per person per hour', async () => {
    const yaw = await server.signUp('Yaw');
    const ama = await server.signUp('Ama', 'admin');
    const chat = await yaw.startChat();
    await ama.post(`/api/v1/sessions/${chat}/take`);
    for (let i = 0; i < 3; i++) expect((await ama.upload(chat, `${i}.txt`, 'hi')).status).toBe(201);
    const over = await ama.upload(chat, 'more.txt', 'hi');
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

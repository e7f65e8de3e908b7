// A mail's attachments, fetched from a real Dovecot: kept as files of the ticket message the mail
// becomes (read by its rule: the requester and the desk), held to the upload rules (one refused
// is dropped with a word in the thread, and the mail and the batch go on), whatever their MIME
// makes of them; the original mail stays for agents alone; and an import that fails or is
// fetched again keeps no file twice.
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { Viewer } from '../../src/domain/policies.js';
import { openFile } from '../../src/services/files/fileReader.js';
import {
  ImapImporter,
  type ImapImporterOptions,
} from '../../src/services/mail/inbound/imapImporter.js';
import { storeMailAttachments } from '../../src/services/mail/inbound/mailAttachments.js';
import { readOriginalMail } from '../../src/services/mail/inbound/originalMail.js';
import { sweepFiles } from '../../src/services/files/fileSweeper.js';
import { ABANDONED_UPLOAD_MS } from '../../src/domain/files/fileLimits.js';
import { fileKeys } from '../../src/storage/repositories/files.js';
import { listTicketMessages } from '../../src/services/tickets/ticketReader.js';
import { presentTicketMessage } from '../../src/services/tickets/ticketPresenters.js';
import { audienceOf } from '../../src/services/presenters.js';
import { findUserByEmail } from '../../src/storage/repositories/users.js';
import type { Store } from '../../src/storage/store.js';
import { describeEachDatabase } from '../support/databases.js';
import { Dovecot, dovecotAvailable } from '../support/dovecot.js';
import { makeDesk, type Desk } from '../support/ticketDesk.js';
import { rawMail, rawMailWithAttachments } from './support/mails.js';

const silent = { info() {}, warn() {} };
let boxes = 0;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
  .png()
  .toBuffer();
/** A Windows program: a type no desk accepts. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream) pieces.push(Buffer.from(piece as Uint8Array));
  return Buffer.concat(pieces);
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof AppError ? error.code : Promise.reject(error)),
  );

describe.skipIf(!dovecotAvailable())('attachments of inbound mail', () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await Dovecot.start();
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  describeEachDatabase('importing', (db) => {
    let desk: Desk;
    let store: Store;
    let helpdesk: string;
    beforeEach(async () => {
      store = db();
      desk = await makeDesk(store);
      helpdesk = dovecot.addUser(`files${++boxes}@uni.example`).address;
    });

    function importer(extra: Partial<ImapImporterOptions> = {}) {
      return new ImapImporter({
        ctx: desk.world.ctx,
        imapUrl: dovecot.imapUrl(helpdesk),
        settings: {
          addresses: [{ address: helpdesk, topicSlug: null }],
          replySecret: null,
          perSenderPerHour: 30,
          pollMs: 1000,
          maxBytes: 5 * 1024 * 1024,
        },
        log: silent,
        ...extra,
      });
    }
    async function importAll(extra: Partial<ImapImporterOptions> = {}) {
      const run = importer(extra);
      try {
        return await run.runOnce();
      } finally {
        await run.stop();
      }
    }
    const deliver = (raw: string) => dovecot.deliver(raw, helpdesk);
    const ticketBySubject = (subject: string) =>
      store.db
        .selectFrom('tickets')
        .selectAll()
        .where('subject', '=', subject)
        .executeTakeFirstOrThrow();
    const messagesOf = (ticketId: string) =>
      store.db
        .selectFrom('ticket_messages')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('created_at')
        .execute();
    const filesOf = (messageId: string) =>
      store.db
        .selectFrom('files')
        .selectAll()
        .where('ticket_message_id', '=', messageId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    const allFiles = () => store.db.selectFrom('files').selectAll().execute();
    const read = async (viewer: Viewer, fileId: string) =>
      readAll((await openFile(desk.world.ctx, { viewer, fileId, variant: 'original' })).content);

    it('keeps attachments and inline images as files of the message, for the requester and the desk', async () => {
      await deliver(
        rawMailWithAttachments({
          from: 'Kwame Asante <kwame@student.example>',
          to: helpdesk,
          subject: 'Scanner',
          attachments: [
            { fileName: 'receipt.pdf', type: 'application/pdf', content: PDF },
            // Mail clients often say nothing of the type: the content decides.
            { fileName: 'photo.png', type: 'application/octet-stream', content: PNG },
            { fileName: null, type: 'image/png', content: PNG, contentId: 'shot1@client' },
          ],
        }),
      );
      expect(await importAll()).toMatchObject({ imported: 1, failed: 0 });

      const ticket = await ticketBySubject('Scanner');
      const [message] = await messagesOf(ticket.id);
      expect(message!.body).not.toContain('not kept');
      const files = await filesOf(message!.id);
      expect(files.map((file) => [file.file_name, file.mime_type])).toEqual([
        ['receipt.pdf', 'application/pdf'],
        ['photo.png', 'image/png'],
        ['attachment-3.png', 'image/png'],
      ]);
      const kwame = (await findUserByEmail(store.db, 'kwame@student.example'))!;
      expect(files.every((file) => file.ticket_id === ticket.id)).toBe(true);
      expect(files.every((file) => file.uploader_id === kwame.id)).toBe(true);

      const requester: Viewer = { id: kwame.id, role: kwame.role };
      expect(await read(requester, files[0]!.id)).toEqual(PDF);
      expect(await read(desk.kofi, files[0]!.id)).toEqual(PDF);
      // An image is re-encoded, as an upload is, and gets its thumbnail.
      expect(files[1]!.has_thumbnail).toBe(1);
      expect(await codeOf(read(desk.abena, files[0]!.id))).toBe('NOT_FOUND');
      expect(await codeOf(read(desk.ama, files[0]!.id))).toBe('NOT_FOUND');

      // The thread says the desk may read the original; the requester is not told of one.
      const listed = async (viewer: Viewer) =>
        (await listTicketMessages(desk.world.ctx, viewer, ticket.id, { limit: 50 })).records.map(
          (record) => presentTicketMessage(record, audienceOf(desk.world.ctx.settings, viewer)),
        );
      expect((await listed(desk.kofi))[0]).toMatchObject({ originalMail: true });
      expect((await listed(desk.kofi))[0]!.files).toHaveLength(3);
      expect((await listed(requester))[0]).toMatchObject({ originalMail: false });

      const original = await readOriginalMail(desk.world.ctx, {
        viewer: desk.kofi,
        ticketId: ticket.id,
        messageId: message!.id,
      });
      expect(original.raw.toString()).toContain('Content-Type: multipart/mixed');
      expect(original.raw.toString()).toContain('filename="receipt.pdf"');
      expect(original.fileName).toBe(`ticket-${ticket.number}-${message!.id}.eml`);
      for (const viewer of [requester, desk.abena, desk.ama]) {
        expect(
          await codeOf(
            readOriginalMail(desk.world.ctx, {
              viewer,
              ticketId: ticket.id,
              messageId: message!.id,
            }),
          ),
        ).toBe('NOT_FOUND');
      }
    });

    it('drops an attachment the rules refuse, and keeps the mail, its other files and the batch', async () => {
      const { ctx } = desk.world;
      ctx.settings.files = {
        ...ctx.settings.files,
        limits: { ...ctx.settings.files.limits, maxBytes: 1000 },
      };
      await deliver(
        rawMailWithAttachments({
          from: desk.yaw.email,
          to: helpdesk,
          subject: 'Too big',
          attachments: [
            { fileName: 'log.txt', type: 'text/plain', content: 'x'.repeat(5000) },
            { fileName: 'receipt.pdf', type: 'application/pdf', content: PDF },
          ],
        }),
      );
      await deliver(
        rawMailWithAttachments({
          from: desk.yaw.email,
          to: helpdesk,
          subject: 'A program',
          body: '',
          attachments: [{ fileName: 'setup.exe', type: 'application/x-msdownload', content: EXE }],
        }),
      );
      await deliver(
        rawMailWithAttachments({
          from: desk.yaw.email,
          to: helpdesk,
          subject: 'Files only',
          body: '',
          attachments: [{ fileName: 'receipt.pdf', type: 'application/pdf', content: PDF }],
        }),
      );
      await deliver(rawMail({ from: desk.yaw.email, to: helpdesk, subject: 'Plain' }));
      expect(await importAll()).toEqual({ imported: 4, ignored: 0, duplicates: 0, failed: 0 });

      const [big] = await messagesOf((await ticketBySubject('Too big')).id);
      expect(big!.body).toContain('[1 attachment was not kept:\n- log.txt: A file may be at most');
      expect((await filesOf(big!.id)).map((file) => file.file_name)).toEqual(['receipt.pdf']);
      const [program] = await messagesOf((await ticketBySubject('A program')).id);
      expect(program!.body).toMatch(
        /^\(This mail has no text\.\)\n\n\[1 attachment was not kept:\n- setup\.exe: /,
      );
      expect(await filesOf(program!.id)).toEqual([]);
      // A mail of files alone is a message of files alone.
      const [filesOnly] = await messagesOf((await ticketBySubject('Files only')).id);
      expect(filesOnly!.body).toBe('');
      expect(await filesOf(filesOnly!.id)).toHaveLength(1);
      await ticketBySubject('Plain');
      // Nothing was left behind of what was refused.
      expect(await allFiles()).toHaveLength(2);
    });

    it('keeps none of a customer’s attachments while customer uploads are off', async () => {
      const { ctx } = desk.world;
      ctx.settings.files = { ...ctx.settings.files, customerUploads: false };
      await deliver(
        rawMailWithAttachments({
          from: desk.yaw.email,
          to: helpdesk,
          subject: 'Off',
          attachments: [{ fileName: 'receipt.pdf', type: 'application/pdf', content: PDF }],
        }),
      );
      expect(await importAll()).toMatchObject({ imported: 1 });
      const [message] = await messagesOf((await ticketBySubject('Off')).id);
      expect(message!.body).toContain('- receipt.pdf: files from customers are turned off]');
      expect(await allFiles()).toEqual([]);
    });

    it('reads malformed attachments as well as their MIME allows, without losing a mail', async () => {
      const from = desk.yaw.email;
      // Base64 with junk in it: what decodes is judged by the upload rules.
      await deliver(
        rawMailWithAttachments({
          from,
          to: helpdesk,
          subject: 'Bad base64',
          attachments: [
            {
              fileName: 'notes.txt',
              type: 'text/plain',
              content: '',
              encodedBody: 'aGVsbG8gdGhlcmU!!!@@@###\r\n=====\r\nnot*base64',
            },
          ],
        }),
      );
      // Names in a charset nobody knows, as an encoded word and as RFC 2231.
      await deliver(
        rawMailWithAttachments({
          from,
          to: helpdesk,
          subject: 'Odd names',
          attachments: [
            {
              fileName: '=?x-no-such-charset?Q?r=E9sum=E9.pdf?=',
              type: 'application/pdf',
              content: PDF,
            },
            {
              fileName: null,
              nameParameter: "filename*=x-unknown''%E9t%E9%00.pdf",
              type: 'application/pdf',
              content: PDF,
            },
            { fileName: '../../etc/passwd.pdf', type: 'application/pdf', content: PDF },
          ],
        }),
      );
      await deliver(rawMail({ from, to: helpdesk, subject: 'After them' }));
      expect(await importAll()).toMatchObject({ imported: 3, failed: 0 });

      const [bad] = await messagesOf((await ticketBySubject('Bad base64')).id);
      const badFiles = await filesOf(bad!.id);
      // What decodes is no text any more: dropped with a word, the mail kept.
      expect(badFiles).toEqual([]);
      expect(bad!.body).toContain('[1 attachment was not kept:\n- notes.txt: This kind of file');
      const [odd] = await messagesOf((await ticketBySubject('Odd names')).id);
      const names = (await filesOf(odd!.id)).map((file) => file.file_name);
      // Bytes of no known charset read as replacement characters; paths and controls go.
      expect(names).toEqual(['r\uFFFDsum\uFFFD.pdf', '\uFFFDt\uFFFD.pdf', 'passwd.pdf']);
      await ticketBySubject('After them');
    });

    it('keeps no file of an ignored mail, nor twice the files of a mail fetched again', async () => {
      const mail = (subject: string) =>
        rawMailWithAttachments({
          from: desk.yaw.email,
          to: helpdesk,
          subject,
          attachments: [{ fileName: 'receipt.pdf', type: 'application/pdf', content: PDF }],
        });
      await deliver(mail('First'));
      // Committed, then the process dies before marking it seen: the pass ends there.
      await expect(
        importAll({
          afterImport: () => {
            throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');
      expect(await importAll()).toEqual({ imported: 0, ignored: 0, duplicates: 1, failed: 0 });
      const [first] = await messagesOf((await ticketBySubject('First')).id);
      expect(await filesOf(first!.id)).toHaveLength(1);
      expect(await allFiles()).toHaveLength(1);

      // Over the sender's limit: ignored, and its stored attachment removed at once.
      const run = new ImapImporter({
        ctx: desk.world.ctx,
        imapUrl: dovecot.imapUrl(helpdesk),
        settings: {
          addresses: [{ address: helpdesk, topicSlug: null }],
          replySecret: null,
          perSenderPerHour: 1,
          pollMs: 1000,
          maxBytes: 5 * 1024 * 1024,
        },
        log: silent,
      });
      await deliver(mail('Second'));
      try {
        expect(await run.runOnce()).toMatchObject({ ignored: 1 });
      } finally {
        await run.stop();
      }
      expect(await allFiles()).toHaveLength(1);
    });

    it('leaves the files of an import killed before its commit to the sweep', async () => {
      const { ctx } = desk.world;
      // What a process killed between storing the attachments and committing leaves.
      const { kept } = await storeMailAttachments(ctx, desk.yaw, [
        { fileName: 'receipt.pdf', contentType: 'application/pdf', content: PDF },
      ]);
      expect(kept).toHaveLength(1);
      expect(await sweepFiles(ctx)).toBe(0);
      desk.world.clock.advance(ABANDONED_UPLOAD_MS + 1);
      expect(await sweepFiles(ctx)).toBe(1);
      expect(await allFiles()).toEqual([]);
      expect(await ctx.files.get(fileKeys(kept[0]!.id).original)).toBeNull();
    });
  });
});

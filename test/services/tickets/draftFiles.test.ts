// The files of a new request, as use cases on each database: uploaded as drafts before the ticket
// exists, each its uploader's alone (to read, and to file with), taken by the ticket filed with
// them in the transaction that writes its first message, refused when someone else's, sent
// already, expired or not a draft at all, and swept once expired.
import { expect, it } from 'vitest';
import { ABANDONED_UPLOAD_MS, DRAFT_UPLOAD_MS } from '../../../src/domain/files/fileLimits.js';
import type { Viewer } from '../../../src/domain/policies.js';
import { openFile } from '../../../src/services/files/fileReader.js';
import { sweepFiles } from '../../../src/services/files/fileSweeper.js';
import { uploadFile } from '../../../src/services/files/fileUploader.js';
import { listTicketMessages } from '../../../src/services/tickets/ticketReader.js';
import { fileKeys } from '../../../src/storage/repositories/files.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, refusal, type Desk } from '../../support/ticketDesk.js';

const draft = (desk: Desk, viewer: Viewer, name = 'receipt.txt') =>
  uploadFile(desk.world.ctx, {
    viewer,
    draft: true,
    fileName: name,
    content: [Buffer.from(`content of ${name}`)],
  });

/** Whether `viewer` may download the file: true, or the refusal's code. */
const download = (desk: Desk, viewer: Viewer, fileId: string) =>
  openFile(desk.world.ctx, { viewer, fileId, variant: 'original' }).then(
    (opened) => {
      opened.content.destroy();
      return true;
    },
    (error: { code?: string }) => error.code ?? error,
  );

async function firstMessageFiles(desk: Desk, viewer: Viewer, ticketId: string) {
  const { records } = await listTicketMessages(desk.world.ctx, viewer, ticketId, { limit: 10 });
  return (records[0]?.files ?? []).map((file) => file.id);
}

const ticketCount = async (desk: Desk) =>
  (await desk.world.ctx.store.db.selectFrom('tickets').select('id').execute()).length;

describeEachDatabase('draft uploads for a new request', (db) => {
  it('gives the requester’s drafts to the first message, read by whoever sees the ticket', async () => {
    const desk = await makeDesk(db());
    const a = await draft(desk, desk.yaw, 'a.txt');
    const b = await draft(desk, desk.yaw, 'b.txt');
    // Before the ticket, a draft is its uploader's alone.
    expect(await download(desk, desk.yaw, a.id)).toBe(true);
    for (const other of [desk.abena, desk.esi, desk.ada]) {
      expect(await download(desk, other, a.id)).toBe('NOT_FOUND');
    }
    const id = await desk.file(desk.yaw, { fileIds: [b.id, a.id, a.id] });
    expect(await firstMessageFiles(desk, desk.yaw, id)).toEqual([a.id, b.id]);
    expect(await firstMessageFiles(desk, desk.esi, id)).toEqual([a.id, b.id]);
    expect(await download(desk, desk.esi, a.id)).toBe(true);
    expect(await download(desk, desk.yaw, b.id)).toBe(true);
    expect(await download(desk, desk.abena, a.id)).toBe('NOT_FOUND');
    // Taken, it is the ticket's: sent once, and never swept while the ticket holds it.
    expect(await refusal(desk.file(desk.yaw, { fileIds: [a.id] }))).toBe('FILE_ALREADY_SENT');
    desk.world.clock.advance(DRAFT_UPLOAD_MS + 1);
    expect(await sweepFiles(desk.world.ctx)).toBe(0);
    expect(await download(desk, desk.esi, a.id)).toBe(true);
  });

  it('lets an agent filing for someone else attach their own drafts', async () => {
    const desk = await makeDesk(db());
    const form = await draft(desk, desk.esi, 'form.txt');
    const id = await desk.file(desk.esi, { requesterId: desk.yaw.id, fileIds: [form.id] });
    expect(await firstMessageFiles(desk, desk.yaw, id)).toEqual([form.id]);
    expect(await download(desk, desk.yaw, form.id)).toBe(true);
  });

  it('refuses someone else’s file, a file sent already, an expired draft, and files that are no drafts, filing nothing', async () => {
    const desk = await makeDesk(db());
    const abenas = await draft(desk, desk.abena);
    expect(await refusal(desk.file(desk.yaw, { fileIds: [abenas.id] }))).toBe(
      'INVALID_ATTACHMENTS',
    );
    // A file uploaded into a ticket, unsent: not a draft, even for its uploader.
    const other = await desk.file(desk.yaw);
    const intoTicket = await uploadFile(desk.world.ctx, {
      viewer: desk.yaw,
      ticketId: other,
      fileName: 'into-ticket.txt',
      content: [Buffer.from('hello')],
    });
    expect(await refusal(desk.file(desk.yaw, { fileIds: [intoTicket.id] }))).toBe(
      'INVALID_ATTACHMENTS',
    );
    expect(
      await refusal(desk.file(desk.yaw, { fileIds: ['01890a5d-ac96-774b-bcce-b302099a8057'] })),
    ).toBe('INVALID_ATTACHMENTS');
    const sent = await draft(desk, desk.yaw, 'sent.txt');
    await desk.file(desk.yaw, { fileIds: [sent.id] });
    const late = await draft(desk, desk.yaw, 'late.txt');
    const fresh = await draft(desk, desk.yaw, 'fresh.txt');
    desk.world.clock.advance(DRAFT_UPLOAD_MS);
    expect(await download(desk, desk.yaw, late.id)).toBe('NOT_FOUND');
    const before = await ticketCount(desk);
    expect(await refusal(desk.file(desk.yaw, { fileIds: [late.id] }))).toBe('UPLOAD_EXPIRED');
    expect(await refusal(desk.file(desk.yaw, { fileIds: [fresh.id, sent.id] }))).toBe(
      'FILE_ALREADY_SENT',
    );
    // Nothing of a refused request is kept.
    expect(await ticketCount(desk)).toBe(before);
  });

  it('refuses customers’ drafts while customer uploads are off, at upload and at filing', async () => {
    const desk = await makeDesk(db());
    const early = await draft(desk, desk.yaw);
    desk.world.ctx.settings.files = { ...desk.world.ctx.settings.files, customerUploads: false };
    expect(await refusal(draft(desk, desk.yaw))).toBe('UPLOADS_DISABLED');
    expect(await refusal(desk.file(desk.yaw, { fileIds: [early.id] }))).toBe('UPLOADS_DISABLED');
    await desk.file(desk.esi, { fileIds: [(await draft(desk, desk.esi)).id] });
  });

  it('sweeps drafts never filed once they expire, not within the hour other uploads get', async () => {
    const desk = await makeDesk(db());
    const kept = await draft(desk, desk.yaw, 'kept.txt');
    desk.world.clock.advance(ABANDONED_UPLOAD_MS + 1);
    expect(await sweepFiles(desk.world.ctx)).toBe(0);
    expect(await download(desk, desk.yaw, kept.id)).toBe(true);
    desk.world.clock.advance(DRAFT_UPLOAD_MS - ABANDONED_UPLOAD_MS);
    expect(await sweepFiles(desk.world.ctx)).toBe(1);
    expect(await db().db.selectFrom('files').select('id').execute()).toEqual([]);
    expect(await desk.world.ctx.files.get(fileKeys(kept.id).original)).toBeNull();
  });
});

// Files on tickets, as use cases on each database: the requester and the desk attach their uploads
// to replies and notes, each file is read by its message's rule (a reply's by whoever sees the
// ticket, a note's by the desk only) on every path and after a merge, a reply to a closed ticket
// takes its files to the follow-up, and the sweep removes uploads never sent.
import { expect, it } from 'vitest';
import { topics } from '../../../src/bus/bus.js';
import { ABANDONED_UPLOAD_MS } from '../../../src/domain/files/fileLimits.js';
import type { Viewer } from '../../../src/domain/policies.js';
import { openFile } from '../../../src/services/files/fileReader.js';
import { sweepFiles } from '../../../src/services/files/fileSweeper.js';
import { uploadFile } from '../../../src/services/files/fileUploader.js';
import { closeSolvedTickets } from '../../../src/services/tickets/ticketAutoCloser.js';
import { mergeTicket } from '../../../src/services/tickets/ticketMerger.js';
import { listTicketMessages } from '../../../src/services/tickets/ticketReader.js';
import { replyToTicket } from '../../../src/services/tickets/ticketReplier.js';
import { fileKeys } from '../../../src/storage/repositories/files.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, refusal, type Desk } from '../../support/ticketDesk.js';

const DAY = 86_400_000;

const upload = (desk: Desk, viewer: Viewer, ticketId: string, name = 'receipt.txt') =>
  uploadFile(desk.world.ctx, {
    viewer,
    ticketId,
    fileName: name,
    content: [Buffer.from(`content of ${name}`)],
  });

const send = (
  desk: Desk,
  viewer: Viewer,
  ticketId: string,
  fileIds: string[],
  kind: 'reply' | 'note' = 'reply',
) => replyToTicket(desk.world.ctx, { viewer, ticketId, body: '', kind, fileIds });

/** Whether `viewer` may download the file: true, or the refusal's code. */
const download = (desk: Desk, viewer: Viewer, fileId: string) =>
  openFile(desk.world.ctx, { viewer, fileId, variant: 'original' }).then(
    (opened) => {
      opened.content.destroy();
      return true;
    },
    (error: { code?: string }) => error.code ?? error,
  );

/** The ids of the files the viewer finds in the ticket's thread. */
async function filesInThread(desk: Desk, viewer: Viewer, ticketId: string) {
  const { records } = await listTicketMessages(desk.world.ctx, viewer, ticketId, { limit: 100 });
  return records.flatMap((record) => (record.files ?? []).map((file) => file.id));
}

describeEachDatabase('ticket attachments', (db) => {
  it('carries the files of a reply to whoever sees the ticket, and no one else', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    const a = await upload(desk, desk.yaw, id, 'a.txt');
    const b = await upload(desk, desk.yaw, id, 'b.txt');
    const { message } = await send(desk, desk.yaw, id, [b.id, a.id, a.id]);
    expect(message.files?.map((file) => file.id)).toEqual([a.id, b.id]);
    expect(message.row.body).toBe('');
    // Requester, team agent, lead, super admin; another customer, an agent of another team.
    const readers = [desk.yaw, desk.esi, desk.kofi, desk.ada, desk.abena, desk.ama];
    const seen = await Promise.all(readers.map((viewer) => download(desk, viewer, a.id)));
    expect(seen).toEqual([true, true, true, true, 'NOT_FOUND', 'NOT_FOUND']);
    expect(await filesInThread(desk, desk.esi, id)).toEqual([a.id, b.id]);
    // A file goes to one message only.
    expect(await refusal(send(desk, desk.yaw, id, [a.id]))).toBe('INVALID_ATTACHMENTS');
  });

  it('keeps a note’s files from the requester on every path, their socket too', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    const internal = await upload(desk, desk.esi, id, 'ledger.txt');
    const published = desk.world.published.length;
    const { message } = await send(desk, desk.esi, id, [internal.id], 'note');
    expect(message.files?.map((file) => file.id)).toEqual([internal.id]);
    expect(await download(desk, desk.yaw, internal.id)).toBe('NOT_FOUND');
    expect(await download(desk, desk.abena, internal.id)).toBe('NOT_FOUND');
    expect(await download(desk, desk.ama, internal.id)).toBe('NOT_FOUND');
    expect(await download(desk, desk.kofi, internal.id)).toBe(true);
    expect(await filesInThread(desk, desk.yaw, id)).toEqual([]);
    expect(await filesInThread(desk, desk.kofi, id)).toEqual([internal.id]);
    const frames = desk.world.published.slice(published);
    expect(frames.map((f) => f.topic)).toEqual([topics.ticket(id)]);
    expect(JSON.stringify(frames)).not.toContain(internal.id);
    // The requester may not send the desk's upload as theirs, nor a chat's, nor one of another ticket.
    const other = await desk.file(desk.yaw);
    const elsewhere = await upload(desk, desk.yaw, other);
    const mine = await upload(desk, desk.yaw, id);
    expect(await refusal(send(desk, desk.yaw, id, [mine.id, elsewhere.id]))).toBe(
      'INVALID_ATTACHMENTS',
    );
    const stranger = await upload(desk, desk.esi, id);
    expect(await refusal(send(desk, desk.yaw, id, [stranger.id]))).toBe('INVALID_ATTACHMENTS');
    // Nor upload for a ticket they may not see, or that is not theirs.
    expect(await refusal(upload(desk, desk.abena, id))).toBe('NOT_FOUND');
    expect(await refusal(upload(desk, desk.ama, id))).toBe('NOT_FOUND');
  });

  it('reads a merged thread’s files by the same rule, on both tickets', async () => {
    const desk = await makeDesk(db());
    const source = await desk.file(desk.yaw);
    const target = await desk.file(desk.yaw, { topicId: desk.wifi });
    const receipt = await upload(desk, desk.yaw, source, 'receipt.txt');
    await send(desk, desk.yaw, source, [receipt.id]);
    const ledger = await upload(desk, desk.esi, source, 'ledger.txt');
    await send(desk, desk.esi, source, [ledger.id], 'note');
    await mergeTicket(desk.world.ctx, { viewer: desk.ada, sourceId: source, targetId: target });
    // The requester: the reply's file in both threads, the note's nowhere.
    expect(await filesInThread(desk, desk.yaw, target)).toEqual([receipt.id]);
    expect(await filesInThread(desk, desk.yaw, source)).toEqual([receipt.id]);
    expect(await download(desk, desk.yaw, receipt.id)).toBe(true);
    expect(await download(desk, desk.yaw, ledger.id)).toBe('NOT_FOUND');
    // IT, who works the target, reads the note that moved there; Finance still reads it where
    // it was written; another customer reads neither.
    expect(await filesInThread(desk, desk.ama, target)).toEqual([receipt.id, ledger.id]);
    expect(await download(desk, desk.ama, ledger.id)).toBe(true);
    expect(await download(desk, desk.esi, ledger.id)).toBe(true);
    expect(await download(desk, desk.abena, receipt.id)).toBe('NOT_FOUND');
  });

  it('takes the files of a reply to a closed ticket to its follow-up', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    await desk.reply(desk.esi, id, 'Refunded', { status: 'solved' });
    desk.world.clock.advance(4 * DAY);
    expect(await closeSolvedTickets(desk.world.ctx)).toEqual([id]);
    const file = await upload(desk, desk.yaw, id);
    const { message } = await send(desk, desk.yaw, id, [file.id]);
    expect(message.row.ticket_id).not.toBe(id);
    expect(await filesInThread(desk, desk.yaw, message.row.ticket_id)).toEqual([file.id]);
    expect(await download(desk, desk.yaw, file.id)).toBe(true);
  });

  it('refuses customers’ uploads where the deployment turned them off, not the desk’s', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    const early = await upload(desk, desk.yaw, id);
    desk.world.ctx.settings.files = { ...desk.world.ctx.settings.files, customerUploads: false };
    expect(await refusal(upload(desk, desk.yaw, id))).toBe('UPLOADS_DISABLED');
    expect(await refusal(send(desk, desk.yaw, id, [early.id]))).toBe('UPLOADS_DISABLED');
    await send(desk, desk.esi, id, [(await upload(desk, desk.esi, id)).id]);
  });

  it('sweeps ticket uploads never sent within the hour, and keeps those sent', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    const abandoned = await upload(desk, desk.yaw, id, 'abandoned.txt');
    const sent = await upload(desk, desk.esi, id, 'sent.txt');
    await send(desk, desk.esi, id, [sent.id], 'note');
    desk.world.clock.advance(ABANDONED_UPLOAD_MS - 1);
    expect(await sweepFiles(desk.world.ctx)).toBe(0);
    desk.world.clock.advance(2);
    expect(await sweepFiles(desk.world.ctx)).toBe(1);
    const left = await db().db.selectFrom('files').select('id').execute();
    expect(left.map((row) => row.id)).toEqual([sent.id]);
    expect(await desk.world.ctx.files.get(fileKeys(abandoned.id).original)).toBeNull();
    expect(await download(desk, desk.yaw, abandoned.id)).toBe('NOT_FOUND');
  });
});

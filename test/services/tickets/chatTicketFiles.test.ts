// A chat's files carried into the ticket made from it, on each database: each transcript line
// keeps its files (the same rows and content, not copies), readable from the ticket by whoever
// may read it, while the files of the chat's notes stay the desk's: the requester gets them on
// no path (the thread, a download, a thumbnail), even once the ticket's team is one that cannot
// see the chat.
import sharp from 'sharp';
import { expect, it } from 'vitest';
import type { Viewer } from '../../../src/domain/policies.js';
import { openFile } from '../../../src/services/files/fileReader.js';
import { sweepFiles } from '../../../src/services/files/fileSweeper.js';
import { uploadFile } from '../../../src/services/files/fileUploader.js';
import { sendMessage } from '../../../src/services/messages/messageSender.js';
import { assignSession } from '../../../src/services/sessions/chatAssigner.js';
import { createTicketFromChat } from '../../../src/services/tickets/chatTicketer.js';
import { listTicketMessages } from '../../../src/services/tickets/ticketReader.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, type Desk } from '../../support/ticketDesk.js';

const DAY = 86_400_000;

const read = (desk: Desk, viewer: Viewer, fileId: string, variant: 'original' | 'thumbnail') =>
  openFile(desk.world.ctx, { viewer, fileId, variant }).then(
    (opened) => {
      opened.content.destroy();
      return true;
    },
    (error: { code?: string }) => error.code ?? error,
  );

/** The thread as `viewer` reads it: each message's body with the names of its files. */
async function thread(desk: Desk, viewer: Viewer, ticketId: string) {
  const { records } = await listTicketMessages(desk.world.ctx, viewer, ticketId, { limit: 50 });
  return records.map((record) => [
    record.row.body,
    (record.files ?? []).map((file) => file.file_name),
  ]);
}

describeEachDatabase('a chat’s files in the ticket made from it', (db) => {
  it('carries each line’s files into the thread, a note’s still the desk’s alone', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const sessionId = await desk.world.startChat(desk.yaw, {
      subject: 'Hostel fees',
      message: 'My hostel fee is wrong',
      topicId: desk.fees,
    });
    await assignSession(ctx, { viewer: desk.esi, sessionId });
    const send = async (viewer: Viewer, name: string, content: Buffer, type?: 'note') => {
      const file = await uploadFile(ctx, { viewer, sessionId, fileName: name, content: [content] });
      await sendMessage(ctx, {
        viewer,
        sessionId,
        text: type ? 'Paid twice, see the ledger' : '',
        fileIds: [file.id],
        ...(type ? { type } : {}),
      });
      desk.world.clock.advance(1000);
      return file.id;
    };
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#336699' },
    })
      .png()
      .toBuffer();
    const receipt = await send(desk.yaw, 'receipt.png', png);
    const ledger = await send(desk.esi, 'ledger.png', png, 'note');
    const rowsBefore = await db().db.selectFrom('files').select('id').execute();
    const chunksBefore = await db().db.selectFrom('file_chunks').select('key').execute();

    const { ticket } = await createTicketFromChat(ctx, { viewer: desk.esi, sessionId });
    const id = ticket.row.id;
    expect(await thread(desk, desk.esi, id)).toEqual([
      ['My hostel fee is wrong', []],
      ['', ['receipt.png']],
      ['Paid twice, see the ledger', ['ledger.png']],
    ]);
    expect(await thread(desk, desk.yaw, id)).toEqual([
      ['My hostel fee is wrong', []],
      ['', ['receipt.png']],
    ]);
    // The same files, not copies: no row and no content more.
    expect((await db().db.selectFrom('files').select('id').execute()).length).toBe(
      rowsBefore.length,
    );
    expect((await db().db.selectFrom('file_chunks').select('key').execute()).length).toBe(
      chunksBefore.length,
    );

    // Moved to IT, whose lead cannot see the chat: the ticket's rule lets her read its files.
    await desk.change(desk.ada, id, { teamId: desk.it });
    for (const variant of ['original', 'thumbnail'] as const) {
      expect(await read(desk, desk.ama, receipt, variant)).toBe(true);
      expect(await read(desk, desk.ama, ledger, variant)).toBe(true);
      expect(await read(desk, desk.yaw, receipt, variant)).toBe(true);
      // The requester never gets the note's file, by the chat's rule nor by the ticket's.
      expect(await read(desk, desk.yaw, ledger, variant)).toBe('NOT_FOUND');
      expect(await read(desk, desk.abena, receipt, variant)).toBe('NOT_FOUND');
    }
    expect(await thread(desk, desk.yaw, id)).toEqual([
      ['My hostel fee is wrong', []],
      ['', ['receipt.png']],
    ]);
    // Held by two messages, the files are no orphans.
    desk.world.clock.advance(2 * DAY);
    expect(await sweepFiles(ctx)).toBe(0);
    expect(await read(desk, desk.esi, ledger, 'original')).toBe(true);
  });
});

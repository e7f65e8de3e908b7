// Attachments as use cases, on each database: a message takes its sender's uploads once, replay
// carries them, and the sweep removes what no message holds (uploads never sent within the hour,
// files whose message was purged) from the rows and from the store alike.
import { expect, it } from 'vitest';
import { ABANDONED_UPLOAD_MS } from '../../src/domain/files/fileLimits.js';
import { uploadFile } from '../../src/services/files/fileUploader.js';
import { sweepFiles } from '../../src/services/files/fileSweeper.js';
import { runHousekeeping } from '../../src/services/jobs/housekeeping.js';
import { replayEvents } from '../../src/services/messages/messageReader.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import { fileKeys } from '../../src/storage/repositories/files.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, type World } from '../support/world.js';

async function activeChat(world: World) {
  const agent = await world.agent('Ama');
  const customer = await world.customer('Yaw');
  const sessionId = await world.startChat(customer);
  await world.routing.idle();
  return { agent, customer, sessionId };
}

const text = (value: string) => [Buffer.from(value)];

describeEachDatabase('attachments', (db) => {
  it('sends uploads in a message, which replay carries with their files', async () => {
    const world = makeWorld(db());
    const { customer, sessionId } = await activeChat(world);
    const a = await uploadFile(world.ctx, {
      viewer: customer,
      sessionId,
      fileName: 'a.txt',
      content: text('one'),
    });
    const b = await uploadFile(world.ctx, {
      viewer: customer,
      sessionId,
      fileName: 'b.pdf',
      content: text('%PDF-1.4\n'),
    });
    const { message } = await sendMessage(world.ctx, {
      viewer: customer,
      sessionId,
      text: 'my receipts',
      fileIds: [b.id, a.id, a.id],
    });
    expect(message.row.message_type).toBe('file');
    expect(message.files?.map((f) => f.id)).toEqual([a.id, b.id]);
    const replayed = await replayEvents(world.ctx, sessionId, message.row.seq - 1, 10);
    const event = replayed[0]!.event;
    expect(event.kind === 'message.created' && event.message.files?.map((f) => f.name)).toEqual([
      'a.txt',
      'b.pdf',
    ]);
  });

  it('gives a file to one message only, when two sends race for it', async () => {
    const world = makeWorld(db());
    const { customer, sessionId } = await activeChat(world);
    const file = await uploadFile(world.ctx, {
      viewer: customer,
      sessionId,
      fileName: 'a.txt',
      content: text('one'),
    });
    const sends = await Promise.allSettled(
      [1, 2].map(() =>
        sendMessage(world.ctx, { viewer: customer, sessionId, text: '', fileIds: [file.id] }),
      ),
    );
    expect(sends.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = sends.find((s) => s.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'INVALID_ATTACHMENTS' });
  });

  it('removes uploads never sent within the hour, and keeps those sent', async () => {
    const world = makeWorld(db());
    const { customer, sessionId } = await activeChat(world);
    const upload = (name: string) =>
      uploadFile(world.ctx, { viewer: customer, sessionId, fileName: name, content: text(name) });
    const abandoned = await upload('abandoned.txt');
    const sent = await upload('sent.txt');
    await sendMessage(world.ctx, { viewer: customer, sessionId, text: '', fileIds: [sent.id] });
    world.clock.advance(ABANDONED_UPLOAD_MS - 1);
    expect(await sweepFiles(world.ctx)).toBe(0);
    const recent = await upload('recent.txt');
    world.clock.advance(2);
    expect(await runHousekeeping(world.ctx, 10_000)).toBe(true);
    const left = await db().db.selectFrom('files').select('id').orderBy('id').execute();
    expect(left.map((r) => r.id)).toEqual([sent.id, recent.id].sort());
    expect(await world.ctx.files.get(fileKeys(abandoned.id).original)).toBeNull();
    expect(await world.ctx.files.get(fileKeys(sent.id).original)).not.toBeNull();
  });

  it('removes the files of a purged message, content and thumbnail', async () => {
    const world = makeWorld(db());
    const { agent, sessionId } = await activeChat(world);
    const sharp = (await import('sharp')).default;
    const image = await sharp({
      create: { width: 20, height: 10, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const file = await uploadFile(world.ctx, {
      viewer: agent,
      sessionId,
      fileName: 'x.png',
      content: [image],
    });
    expect(file.has_thumbnail).toBe(1);
    const { message } = await sendMessage(world.ctx, {
      viewer: agent,
      sessionId,
      text: '',
      fileIds: [file.id],
    });
    expect(message.row.message_type).toBe('image');
    await db().db.deleteFrom('chat_messages').where('id', '=', message.row.id).execute();
    expect(await sweepFiles(world.ctx)).toBe(1);
    expect(await db().db.selectFrom('files').select('id').execute()).toEqual([]);
    for (const key of Object.values(fileKeys(file.id))) {
      expect(await world.ctx.files.get(key), key).toBeNull();
    }
  });
});

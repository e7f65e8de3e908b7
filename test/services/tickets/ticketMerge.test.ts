// Merging a duplicate ticket into another, and turning a chat into a ticket, against a real
// database: threads move or carry over with notes still the desk's, links are kept both ways,
// histories record it, and what the rules refuse is refused.
import { expect, it } from 'vitest';
import { assignSession } from '../../../src/services/sessions/chatAssigner.js';
import { sendMessage } from '../../../src/services/messages/messageSender.js';
import { loadSessionFor } from '../../../src/services/sessions/sessionAccess.js';
import { createTicketFromChat } from '../../../src/services/tickets/chatTicketer.js';
import { closeSolvedTickets } from '../../../src/services/tickets/ticketAutoCloser.js';
import { mergeTicket } from '../../../src/services/tickets/ticketMerger.js';
import { presentTicketEvent } from '../../../src/services/tickets/ticketPresenters.js';
import {
  getTicket,
  listTicketHistory,
  listTicketMessages,
} from '../../../src/services/tickets/ticketReader.js';
import { FAN_OUT } from '../../../src/services/presenters.js';
import type { Viewer } from '../../../src/domain/policies.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, refusal, type Desk } from '../../support/ticketDesk.js';

const bodies = async (desk: Desk, viewer: Viewer, id: string) =>
  (await listTicketMessages(desk.world.ctx, viewer, id, { limit: 100 })).records.map(
    (m) => m.row.body,
  );

const kinds = async (desk: Desk, id: string) =>
  (await listTicketHistory(desk.world.ctx, desk.ada, id, { limit: 100 })).records.map((e) =>
    presentTicketEvent(e, FAN_OUT),
  );

describeEachDatabase('merging tickets and tickets from chats', (db) => {
  it('moves the duplicate’s thread into the target, closes it, and leads its requester there', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const target = await desk.file(desk.yaw, { message: 'My fees were charged twice' });
    const duplicate = await desk.file(desk.yaw, { message: 'Double charge again' });
    await desk.note(desk.esi, duplicate, 'Same as the other one');
    const into = await mergeTicket(ctx, {
      viewer: desk.esi,
      sourceId: duplicate,
      targetId: target,
    });
    expect(into.row.id).toBe(target);
    const merged = await getTicket(ctx, desk.yaw, duplicate);
    expect(merged.row).toMatchObject({ status: 'closed', merged_into: target });
    expect(merged.mergedInto).toEqual({ id: target, number: 1 });
    expect(await bodies(desk, desk.esi, target)).toEqual([
      'My fees were charged twice',
      'Double charge again',
      'Same as the other one',
    ]);
    // The requester reads both threads, never the note; the merged one still shows its own.
    expect(await bodies(desk, desk.yaw, target)).toEqual([
      'My fees were charged twice',
      'Double charge again',
    ]);
    expect(await bodies(desk, desk.yaw, duplicate)).toEqual(['Double charge again']);
    expect((await kinds(desk, duplicate)).slice(-2)).toMatchObject([
      { kind: 'status', from: 'new', to: 'closed' },
      { kind: 'merged_into', to: { id: target, number: 1 }, actor: { id: desk.esi.id } },
    ]);
    expect((await kinds(desk, target)).at(-1)).toMatchObject({
      kind: 'merged_from',
      to: { id: duplicate, number: 2 },
    });
  });

  it('takes a reply to the merged ticket into the ticket it was merged into', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const target = await desk.file(desk.yaw);
    const duplicate = await desk.file(desk.yaw);
    await mergeTicket(ctx, { viewer: desk.esi, sourceId: duplicate, targetId: target });
    await desk.change(desk.esi, target, { status: 'pending' });
    const reply = await desk.reply(desk.yaw, duplicate, 'Here is my receipt');
    const landed = await listTicketMessages(ctx, desk.esi, target, { limit: 50 });
    expect(landed.records.find((m) => m.row.id === reply)?.row.ticket_id).toBe(target);
    // It counts as the requester's answer there: the pending ticket is open again.
    expect((await getTicket(ctx, desk.esi, target)).row.status).toBe('open');
    expect((await getTicket(ctx, desk.esi, duplicate)).row.status).toBe('closed');
  });

  it('follows a target that was merged itself to the live ticket', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const [a, b, c] = [
      await desk.file(desk.yaw),
      await desk.file(desk.yaw),
      await desk.file(desk.yaw),
    ];
    await mergeTicket(ctx, { viewer: desk.esi, sourceId: b, targetId: a });
    const landed = await mergeTicket(ctx, { viewer: desk.esi, sourceId: c, targetId: b });
    expect(landed.row.id).toBe(a);
    expect((await getTicket(ctx, desk.esi, c)).row.merged_into).toBe(a);
  });

  it('refuses merges into itself, twice, across requesters, into a closed ticket, and by the requester', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const merge = (viewer: Viewer, sourceId: string, targetId: string) =>
      mergeTicket(ctx, { viewer, sourceId, targetId });
    const a = await desk.file(desk.yaw);
    const b = await desk.file(desk.yaw);
    const abenas = await desk.file(desk.abena);
    expect(await refusal(merge(desk.esi, a, a))).toBe('INVALID_MERGE');
    expect(await refusal(merge(desk.esi, a, abenas))).toBe('INVALID_MERGE');
    expect(await refusal(merge(desk.yaw, a, b))).toBe('FORBIDDEN');
    // IT cannot see Finance's tickets: merging them is merging nothing.
    expect(await refusal(merge(desk.ama, a, b))).toBe('NOT_FOUND');
    await merge(desk.esi, a, b);
    expect(await refusal(merge(desk.esi, a, b))).toBe('INVALID_MERGE');
    // Into a ticket closed by the automatic close: there is no live ticket to land on.
    const solved = await desk.file(desk.yaw);
    await desk.change(desk.esi, solved, { status: 'solved' });
    desk.world.clock.advance(4 * 86_400_000);
    expect(await closeSolvedTickets(ctx)).toEqual([solved]);
    const late = await desk.file(desk.yaw);
    expect(await refusal(merge(desk.esi, late, solved))).toBe('INVALID_MERGE');
    expect(await refusal(merge(desk.esi, solved, late))).toBe('INVALID_MERGE');
  });

  it('turns a chat into a ticket with its transcript, its notes still the desk’s', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const sessionId = await desk.world.startChat(desk.yaw, {
      subject: 'Hostel fees',
      message: 'My hostel fee is wrong',
      topicId: desk.fees,
    });
    await assignSession(ctx, { viewer: desk.esi, sessionId });
    desk.world.clock.advance(1000);
    await sendMessage(ctx, { viewer: desk.esi, sessionId, text: 'Let me check with the bursar' });
    desk.world.clock.advance(1000);
    await sendMessage(ctx, { viewer: desk.esi, sessionId, text: 'Bursar is away', type: 'note' });
    desk.world.clock.advance(1000);
    expect(await refusal(createTicketFromChat(ctx, { viewer: desk.yaw, sessionId }))).toBe(
      'FORBIDDEN',
    );
    const { ticket, created } = await createTicketFromChat(ctx, { viewer: desk.esi, sessionId });
    expect(created).toBe(true);
    expect(ticket.row).toMatchObject({
      requester_id: desk.yaw.id,
      subject: 'Hostel fees',
      team_id: desk.finance,
      assignee_id: desk.esi.id,
      channel: 'chat',
      status: 'open',
    });
    expect(ticket.chatIds).toEqual([sessionId]);
    const { record } = await loadSessionFor(ctx.store.db, desk.esi, sessionId);
    expect(record.row.ticket_id).toBe(ticket.row.id);
    expect(await bodies(desk, desk.esi, ticket.row.id)).toEqual([
      'My hostel fee is wrong',
      'Let me check with the bursar',
      'Bursar is away',
    ]);
    expect(await bodies(desk, desk.yaw, ticket.row.id)).toEqual([
      'My hostel fee is wrong',
      'Let me check with the bursar',
    ]);
    const thread = await listTicketMessages(ctx, desk.esi, ticket.row.id, { limit: 10 });
    expect(thread.records.map((m) => m.author?.id)).toEqual([
      desk.yaw.id,
      desk.esi.id,
      desk.esi.id,
    ]);
    const again = await createTicketFromChat(ctx, { viewer: desk.kofi, sessionId });
    expect(again).toMatchObject({ created: false, ticket: { row: { id: ticket.row.id } } });
    expect((await kinds(desk, ticket.row.id)).map((e) => e.kind)).toContain('chat_linked');
  });
});

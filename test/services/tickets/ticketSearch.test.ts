// Ticket search against both databases' full-text indexes: subjects and replies found, the last
// word as a prefix, best match first; the inbox's visibility (another team's ticket stays out of
// an agent's results, a requester finds only their own) and the notes rule (a requester never
// finds a ticket by the words of a note); the index kept right by renames and merges; and input
// that would be operators to FTS5 or tsquery found as plain words, never an error.
import { expect, it } from 'vitest';
import { hiddenTicketMessageKinds } from '../../../src/domain/eventVisibility.js';
import { ticketPolicy, type Viewer } from '../../../src/domain/policies.js';
import { searchTickets } from '../../../src/services/search/ticketSearcher.js';
import { mergeTicket } from '../../../src/services/tickets/ticketMerger.js';
import { loadTicketFor } from '../../../src/services/tickets/ticketAccess.js';
import { SearchQuery } from '../../../src/shared/searchApi.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, type Desk } from '../../support/ticketDesk.js';

async function found(desk: Desk, viewer: Viewer, q: string, extra: object = {}) {
  const query = SearchQuery.parse({ q, ...extra });
  const { items } = await searchTickets(desk.world.ctx, viewer, query);
  return items;
}

const ids = async (desk: Desk, viewer: Viewer, q: string, extra: object = {}) =>
  (await found(desk, viewer, q, extra)).map((item) => item.record.row.id);

describeEachDatabase('ticket search', (db) => {
  it('finds tickets by subject and by reply, the last word as a prefix, the subject first', async () => {
    const desk = await makeDesk(db());
    const inSubject = await desk.file(desk.yaw, {
      subject: 'Printer jam in CS101',
      message: 'Help',
    });
    const inReply = await desk.file(desk.yaw, { subject: 'Lab', message: 'The printer in CS101' });
    await desk.file(desk.yaw, { subject: 'Fees', message: 'Nothing to see' });
    expect(await ids(desk, desk.kofi, 'printer cs101 ')).toEqual([inSubject, inReply]);
    expect(await ids(desk, desk.kofi, 'cs10')).toEqual([inSubject, inReply]);
    // Not a prefix once a space ends the word.
    expect(await ids(desk, desk.kofi, 'cs10 ')).toEqual([]);
    const [first, second] = await found(desk, desk.kofi, 'Printer');
    expect(first).toMatchObject({ matchIn: 'subject', messageId: null });
    expect(first!.snippet).toEqual([
      { text: 'Printer', match: true },
      { text: ' jam in CS101', match: false },
    ]);
    expect(second).toMatchObject({ matchIn: 'reply' });
    expect(second!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['printer']);
  });

  it('never lets a requester find a ticket by a note, and lets the desk', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw, { subject: 'Refund' });
    await desk.note(desk.esi, id, 'Suspected fraudster, check the ledger');
    expect(await ids(desk, desk.yaw, 'fraudster')).toEqual([]);
    expect(await ids(desk, desk.abena, 'fraudster')).toEqual([]);
    const [hit] = await found(desk, desk.kofi, 'fraud');
    expect(hit).toMatchObject({ matchIn: 'note' });
    expect(hit!.record.row.id).toBe(id);
    // The requester still finds it by its subject, matched there and not in the note.
    expect((await found(desk, desk.yaw, 'refund')).map((h) => h.matchIn)).toEqual(['subject']);
  });

  it('treats an agent who filed a ticket for themselves as its requester: no notes', async () => {
    const desk = await makeDesk(db());
    const own = await desk.file(desk.esi, { subject: 'My laptop', teamId: desk.finance });
    await desk.note(desk.kofi, own, 'Replace the battery quietly');
    expect(await ids(desk, desk.esi, 'battery')).toEqual([]);
    expect(await ids(desk, desk.kofi, 'battery')).toEqual([own]);
  });

  it('keeps another team’s tickets out of an agent’s results, and others’ out of a requester’s', async () => {
    const desk = await makeDesk(db());
    const finance = await desk.file(desk.yaw, { subject: 'Scholarship', topicId: desk.fees });
    const it = await desk.file(desk.abena, {
      subject: 'Scholarship portal down',
      topicId: desk.wifi,
    });
    expect(await ids(desk, desk.ama, 'scholarship')).toEqual([it]);
    expect(await ids(desk, desk.esi, 'scholarship')).toEqual([finance]);
    expect(await ids(desk, desk.efua, 'scholarship')).toEqual([]);
    expect(await ids(desk, desk.yaw, 'scholarship')).toEqual([finance]);
    expect(await ids(desk, desk.abena, 'scholarship')).toEqual([it]);
    expect((await ids(desk, desk.ada, 'scholarship')).sort()).toEqual([finance, it].sort());
  });

  it('holds the notes rule in SQL to hiddenTicketMessageKinds for every viewer and ticket', async () => {
    const desk = await makeDesk(db());
    const tickets = [
      await desk.file(desk.yaw, { topicId: desk.fees }),
      await desk.file(desk.abena, { topicId: desk.wifi }),
      await desk.file(desk.esi, { teamId: null }),
      await desk.file(desk.ada, {
        requesterId: desk.abena.id,
        teamId: desk.it,
        assigneeId: desk.efua.id,
      }),
    ];
    for (const [i, id] of tickets.entries()) await desk.note(desk.ada, id, `secret${i}`);
    const viewers = [desk.ada, desk.kofi, desk.esi, desk.ama, desk.efua, desk.yaw, desk.abena];
    for (const viewer of viewers) {
      for (const [i, id] of tickets.entries()) {
        const access = await loadTicketFor(desk.world.ctx.store.db, viewer, id).catch(() => null);
        const readsNotes =
          access !== null &&
          ticketPolicy.view(access.viewer, access.facts) &&
          hiddenTicketMessageKinds(access.viewer, access.facts).length === 0;
        expect(await ids(desk, viewer, `secret${i}`), `${viewer.id} on ticket ${i}`).toEqual(
          readsNotes ? [id] : [],
        );
      }
    }
  });

  it('follows renames and merges', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const target = await desk.file(desk.yaw, { subject: 'Charged twice', message: 'First' });
    const duplicate = await desk.file(desk.yaw, {
      subject: 'Again',
      message: 'Duplicated invoice',
    });
    await desk.change(desk.esi, target, { subject: 'Double charge' });
    expect(await ids(desk, desk.esi, 'twice')).toEqual([]);
    expect(await ids(desk, desk.esi, 'double')).toEqual([target]);
    await mergeTicket(ctx, { viewer: desk.esi, sourceId: duplicate, targetId: target });
    // The duplicate's message now shows in the target's thread, and is found there.
    expect(await ids(desk, desk.yaw, 'invoice')).toEqual([target]);
    await desk.reply(desk.esi, target, 'Refunded the invoice');
    expect(await ids(desk, desk.yaw, 'refunded')).toEqual([target]);
  });

  it('combines with the inbox filters and pages by position', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const a = await desk.file(desk.yaw, { subject: 'Exam results' });
    const b = await desk.file(desk.yaw, { subject: 'Exam timetable' });
    await desk.change(desk.esi, b, { status: 'pending' });
    expect(await ids(desk, desk.esi, 'exam', { status: 'pending' })).toEqual([b]);
    const query = SearchQuery.parse({ q: 'exam', limit: 1 });
    const first = await searchTickets(ctx, desk.esi, query);
    expect(first.nextCursor).not.toBeNull();
    const second = await searchTickets(ctx, desk.esi, { ...query, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((i) => i.record.row.id).sort()).toEqual(
      [a, b].sort(),
    );
    expect(second.nextCursor).toBeNull();
  });

  it('finds operators and quotes as plain words, and nothing for input without words', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw, {
      subject: 'Near the library',
      message: 'Wifi "drops" -often',
    });
    for (const q of [
      '"',
      '*',
      '-',
      '"drops',
      'drops"',
      'NEAR(library near)',
      'near*',
      '-often',
      'a OR',
      "it's",
      'drops:*',
      '& | !',
      '(',
      'AND',
      'NOT library',
      '^near',
      'library + -',
    ]) {
      await expect(found(desk, desk.kofi, q), q).resolves.toBeDefined();
    }
    expect(await ids(desk, desk.kofi, '"drops" -often')).toEqual([id]);
    expect(await ids(desk, desk.kofi, 'NEAR library')).toEqual([id]);
    expect(await ids(desk, desk.kofi, '"*"')).toEqual([]);
  });
});

// Chat and people search against both databases: chats found by subject, message text and the
// customer's name or email, best match first, paged by position; the chat lists' visibility (a
// customer finds only their own chats, an agent not a colleague's chat of another team while it
// is going) and the notes rule (a customer never finds a chat by a note, nor sees its words);
// people for the desk only.
import { expect, it } from 'vitest';
import { hiddenMessageTypes } from '../../../src/domain/eventVisibility.js';
import type { Viewer } from '../../../src/domain/policies.js';
import { searchAll } from '../../../src/services/search/allSearcher.js';
import { searchChats } from '../../../src/services/search/chatSearcher.js';
import { searchPeople } from '../../../src/services/search/peopleSearcher.js';
import { sendMessage } from '../../../src/services/messages/messageSender.js';
import { assignSession } from '../../../src/services/sessions/chatAssigner.js';
import { loadSessionFor } from '../../../src/services/sessions/sessionAccess.js';
import { SearchQuery } from '../../../src/shared/searchApi.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, refusal, type Desk } from '../../support/ticketDesk.js';

async function found(desk: Desk, viewer: Viewer, q: string, extra: object = {}) {
  const query = SearchQuery.parse({ q, kind: 'chats', ...extra });
  return (await searchChats(desk.world.ctx, viewer, query)).items;
}

const ids = async (desk: Desk, viewer: Viewer, q: string) =>
  (await found(desk, viewer, q)).map((item) => item.record.row.id);

const say = (desk: Desk, viewer: Viewer, sessionId: string, text: string, note = false) =>
  sendMessage(desk.world.ctx, { viewer, sessionId, text, ...(note ? { type: 'note' } : {}) });

/** A chat of `customer` in `topicId`, taken by `agent` (active, theirs). */
async function activeChat(
  desk: Desk,
  customer: Viewer,
  agent: Viewer,
  topicId: string,
  message: string,
) {
  const id = await desk.world.startChat(customer, { subject: 'Help', topicId, message });
  await assignSession(desk.world.ctx, { viewer: agent, sessionId: id });
  return id;
}

describeEachDatabase('chat search', (db) => {
  it('leaves the system lines out ("Esi joined the chat"): they are not indexed', async () => {
    const desk = await makeDesk(db());
    const id = await activeChat(desk, desk.yaw, desk.esi, desk.fees, 'Refund please');
    const lines = await desk.world.ctx.store.db
      .selectFrom('chat_messages')
      .select('message_text')
      .where('session_id', '=', id)
      .where('message_type', '=', 'system')
      .execute();
    expect(lines.map((line) => line.message_text).join(' ')).toContain('joined');
    expect(await ids(desk, desk.esi, 'joined')).toEqual([]);
    expect(await ids(desk, desk.esi, 'refund')).toEqual([id]);
  });

  it('finds chats by subject and by message text, the subject first, with a snippet', async () => {
    const desk = await makeDesk(db());
    const { yaw, kofi } = desk;
    const inSubject = await desk.world.startChat(yaw, { subject: 'Printer jam', message: 'Hi' });
    const inMessage = await desk.world.startChat(yaw, {
      subject: 'Lab',
      message: 'The printer in room CS101 is out of toner',
    });
    await desk.world.startChat(yaw, { subject: 'Fees', message: 'Nothing to see' });
    expect(await ids(desk, kofi, 'printer')).toEqual([inSubject, inMessage]);
    expect(await ids(desk, kofi, 'cs10')).toEqual([inMessage]);
    expect(await ids(desk, kofi, 'cs10 ')).toEqual([]);
    const [, second] = await found(desk, kofi, 'toner');
    expect(second).toBeUndefined();
    const [hit] = await found(desk, kofi, 'toner');
    expect(hit).toMatchObject({ matchIn: 'text' });
    expect(hit!.messageId).not.toBeNull();
    expect(hit!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['toner']);
  });

  it("finds a chat by its customer's name or email, on both databases alike", async () => {
    const desk = await makeDesk(db());
    const chat = await desk.world.startChat(desk.abena, { subject: 'Wifi', message: 'Slow' });
    await desk.world.startChat(desk.yaw, { subject: 'Wifi', message: 'Slow' });
    // The whole email, and pieces of it, which PostgreSQL's parser would keep as one token.
    for (const q of [desk.abena.email, desk.abena.email.split('@')[0]!, 'abena', 'ABEN']) {
      expect(await ids(desk, desk.kofi, q), q).toEqual([chat]);
    }
    const [hit] = await found(desk, desk.kofi, 'abena');
    expect(hit).toMatchObject({ matchIn: 'customer', messageId: null });
    // Every word, in the one customer.
    expect(await ids(desk, desk.kofi, 'abena yaw')).toEqual([]);
  });

  it('pages by position, and refuses a forged cursor', async () => {
    const desk = await makeDesk(db());
    const chats = [];
    for (let i = 0; i < 3; i++) {
      chats.push(await desk.world.startChat(desk.yaw, { subject: `Exam ${i}`, message: 'Hi' }));
    }
    const { ctx } = desk.world;
    const query = SearchQuery.parse({ q: 'exam', kind: 'chats', limit: 2 });
    const first = await searchChats(ctx, desk.esi, query);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await searchChats(ctx, desk.esi, { ...query, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((i) => i.record.row.id).sort()).toEqual(
      chats.sort(),
    );
    expect(await refusal(searchChats(ctx, desk.esi, { ...query, cursor: 'bogus' }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('never lets a customer find a chat by a note, nor see its words; the desk finds it', async () => {
    const desk = await makeDesk(db());
    const { yaw, esi, kofi } = desk;
    const id = await activeChat(desk, yaw, esi, desk.fees, 'Refund please');
    await say(desk, esi, id, 'Suspected fraudster, refund blocked', true);
    expect(await ids(desk, yaw, 'fraudster')).toEqual([]);
    // Found by the words the customer may read, the snippet never from the note.
    const mine = await found(desk, yaw, 'refund');
    expect(mine.map((h) => [h.record.row.id, h.matchIn])).toEqual([[id, 'text']]);
    expect(mine[0]!.snippet.map((p) => p.text).join('')).toBe('Refund please');
    const [desks] = await found(desk, kofi, 'fraud');
    expect(desks).toMatchObject({ matchIn: 'note' });
    expect(desks!.record.row.id).toBe(id);
  });

  it('treats an agent who is the chat’s customer as its customer: no notes', async () => {
    const desk = await makeDesk(db());
    const id = await activeChat(desk, desk.efua, desk.esi, desk.fees, 'My laptop');
    await say(desk, desk.esi, id, 'Replace the battery quietly', true);
    expect(await ids(desk, desk.efua, 'battery')).toEqual([]);
    expect(await ids(desk, desk.esi, 'battery')).toEqual([id]);
  });

  it('keeps a colleague’s going chat of another team out of an agent’s results', async () => {
    const desk = await makeDesk(db());
    const finance = await activeChat(desk, desk.yaw, desk.esi, desk.fees, 'Scholarship form');
    const theirs = await desk.world.startChat(desk.abena, {
      subject: 'Scholarship',
      message: 'Mine',
    });
    // Esi has it, Kofi leads its team; Ama leads another and Efua is in none.
    expect(await ids(desk, desk.esi, 'scholarship')).toContain(finance);
    expect(await ids(desk, desk.kofi, 'scholarship')).toContain(finance);
    expect(await ids(desk, desk.ama, 'scholarship')).toEqual([theirs]);
    expect(await ids(desk, desk.efua, 'scholarship')).toEqual([theirs]);
    expect(await ids(desk, desk.yaw, 'scholarship')).toEqual([finance]);
    expect(await ids(desk, desk.abena, 'scholarship')).toEqual([theirs]);
    expect((await ids(desk, desk.ada, 'scholarship')).sort()).toEqual([finance, theirs].sort());
  });

  it('holds the notes rule in SQL to hiddenMessageTypes for every viewer and chat', async () => {
    const desk = await makeDesk(db());
    const chats = [
      await activeChat(desk, desk.yaw, desk.esi, desk.fees, 'One'),
      await activeChat(desk, desk.abena, desk.ama, desk.wifi, 'Two'),
      await activeChat(desk, desk.efua, desk.kofi, desk.fees, 'Three'),
      await desk.world.startChat(desk.yaw, { subject: 'Waiting', message: 'Four' }),
    ];
    for (const [i, id] of chats.entries()) await say(desk, desk.ada, id, `secret${i}`, true);
    const viewers = [desk.ada, desk.kofi, desk.esi, desk.ama, desk.efua, desk.yaw, desk.abena];
    for (const viewer of viewers) {
      for (const [i, id] of chats.entries()) {
        const { db } = desk.world.ctx.store;
        const access = await loadSessionFor(db, viewer, id).catch(() => null);
        const readsNotes =
          access !== null && hiddenMessageTypes(access.viewer, access.facts).length === 0;
        expect(await ids(desk, viewer, `secret${i}`), `${viewer.id} on chat ${i}`).toEqual(
          readsNotes ? [id] : [],
        );
      }
    }
  });
});

describeEachDatabase('people search', (db) => {
  it('finds customers and agents by name or email, for the desk only', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const query = (q: string) => SearchQuery.parse({ q, kind: 'people' });
    const names = async (q: string) =>
      (await searchPeople(ctx, desk.kofi, query(q))).items.map((p) => p.name);
    expect(await names('abe')).toEqual(['Abena']);
    expect(await names(desk.esi.email)).toEqual(['Esi']);
    // Every word, anywhere in the name or email; by name.
    expect(await names('example.com')).toEqual([
      'Abena',
      'Ada',
      'Ama',
      'Efua',
      'Esi',
      'Kofi',
      'Yaw',
    ]);
    expect(await names('example ama')).toEqual(['Ama']);
    expect(await refusal(searchPeople(ctx, desk.yaw, query('abena')))).toBe('FORBIDDEN');
  });

  it('folds case and keeps accents alike on both databases, short words too, and follows renames', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    await desk.world.customer('Élodie Owusu');
    await desk.world.customer('Jo Li');
    const names = async (q: string) =>
      (await searchPeople(ctx, desk.kofi, SearchQuery.parse({ q, kind: 'people' }))).items.map(
        (p) => p.name,
      );
    // Three letters or more go to the index (a trigram one on SQLite), fewer to a scan.
    for (const q of ['élodie', 'ÉLODIE', 'lodi', 'owusu lo', 'Élo']) {
      expect(await names(q), q).toEqual(['Élodie Owusu']);
    }
    expect(await names('elodie')).toEqual([]);
    for (const q of ['jo', 'JO LI', 'j l']) expect(await names(q), q).toEqual(['Jo Li']);
    expect(await names('owusu li')).toEqual([]);
    // A rename reaches the index: the new name is found, the old one no longer.
    await ctx.store.db
      .updateTable('users')
      .set({ name: 'Kwame', email: 'kwame@example.org' })
      .where('id', '=', desk.kofi.id)
      .execute();
    expect(await names('kwame')).toEqual(['Kwame']);
    expect(await names('kofi')).toEqual([]);
    // And so does a customer's name in chat search.
    const chat = await desk.world.startChat(desk.abena, { subject: 'Wifi', message: 'Slow' });
    await ctx.store.db
      .updateTable('users')
      .set({ name: 'Akosua' })
      .where('id', '=', desk.abena.id)
      .execute();
    expect(await ids(desk, desk.kofi, 'akosua')).toEqual([chat]);
    expect(await ids(desk, desk.kofi, 'ako')).toEqual([chat]);
  });

  it('answers every kind at once, people only for the desk', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const chat = await desk.world.startChat(desk.yaw, { subject: 'Yaw’s lab', message: 'Hi' });
    const all = (viewer: Viewer) => searchAll(ctx, viewer, SearchQuery.parse({ q: 'yaw' }));
    const mine = await all(desk.yaw);
    expect(mine.people).toBeNull();
    expect(mine.chats.items.map((i) => i.record.row.id)).toEqual([chat]);
    const desks = await all(desk.kofi);
    expect(desks.people!.items.map((p) => p.name)).toEqual(['Yaw']);
    expect(desks.chats.items.map((i) => i.record.row.id)).toEqual([chat]);
    const paged = SearchQuery.parse({ q: 'yaw', cursor: 'x' });
    expect(await refusal(searchAll(ctx, desk.kofi, paged))).toBe('VALIDATION_FAILED');
  });
});

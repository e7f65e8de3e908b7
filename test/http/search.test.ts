// Search over HTTP: `all` answers each kind's first page grouped (people for the desk only), a
// customer finds their chat by what they may read and never by a note, whose words are nowhere
// in the answer; people search is a 403 for a customer.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode, type TestNode } from '../support/testNode.js';

describeEachDatabase('search over HTTP', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('finds chats and people grouped by kind, and keeps a note’s words from the customer', async () => {
    const yaw = await server.signUp('Yawson');
    const ama = await server.agentOnDuty('Ama');
    const started = await yaw.post('/api/v1/sessions', {
      subject: 'Hostel booking',
      message: 'My hostel booking vanished',
    });
    const id = started.body.id as string;
    expect((await ama.post(`/api/v1/sessions/${id}/take`)).status).toBe(200);
    const note = await ama.post(`/api/v1/sessions/${id}/messages`, {
      text: 'Hostel warden says overbooked',
      type: 'note',
    });
    expect(note.status).toBe(201);

    const mine = await yaw.get('/api/v1/search?q=hostel');
    expect(mine.status).toBe(200);
    expect(mine.body.people).toBeNull();
    expect(mine.body.tickets).toEqual({ items: [], nextCursor: null });
    expect(mine.body.chats.items.map((i: { chat: { id: string } }) => i.chat.id)).toEqual([id]);
    expect(JSON.stringify(mine.body)).not.toContain('warden');
    expect((await yaw.get('/api/v1/search?q=warden&kind=chats')).body.items).toEqual([]);
    expect((await yaw.get('/api/v1/search?q=yawson&kind=people')).status).toBe(403);

    const desks = await ama.get('/api/v1/search?q=warden&kind=chats');
    expect(desks.body.items[0].match).toMatchObject({ in: 'note', messageId: note.body.id });
    const all = await ama.get('/api/v1/search?q=yawson');
    expect(all.body.people.items.map((p: { name: string }) => p.name)).toEqual(['Yawson']);
    expect(all.body.people.items[0].email).toMatch(/@example\.com$/);
    expect(all.body.chats.items[0].match.in).toBe('customer');
  });
});

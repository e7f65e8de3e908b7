// Who may post an internal note (POST /sessions/:id/messages with type "note"), as a table like
// the authorization matrix's: any agent who may see the chat, in any state, and never its
// customer; what the caller may not see is a 404.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { Client, startTestNode, type TestNode } from '../support/testNode.js';

const CALLERS = ['anonymous', 'customer', 'otherCustomer', 'agent', 'colleague', 'superAdmin'];

//                   anonymous customer otherCustomer agent colleague superAdmin
const EXPECTED = {
  // Every agent sees the queue, so every agent may note a waiting chat.
  waiting: [401, 403, 404, 201, 201, 201],
  active: [401, 403, 404, 201, 404, 201],
  // A wrap-up note after the end: every agent reads ended chats, so every agent may add one.
  ended: [401, 403, 404, 201, 201, 201],
} as const;

describeEachDatabase('who may post a note', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers each caller as the table says, in each state of the chat', async () => {
    const clients: Record<string, Client> = {
      anonymous: new Client(server.url),
      customer: await server.signUp('Yaw'),
      otherCustomer: await server.signUp('Efua'),
      agent: await server.signUp('Ama', 'admin'),
      colleague: await server.signUp('Kofi', 'admin'),
      superAdmin: await server.signUp('Ada', 'super_admin'),
    };
    const chat = async (state: keyof typeof EXPECTED) => {
      const id = await clients.customer!.startChat();
      if (state === 'waiting') return id;
      expect((await clients.agent!.post(`/api/v1/sessions/${id}/take`)).status).toBe(200);
      if (state === 'ended') {
        expect((await clients.agent!.post(`/api/v1/sessions/${id}/end`)).status).toBe(200);
      }
      return id;
    };
    const answered: Record<string, number[]> = {};
    for (const state of Object.keys(EXPECTED) as Array<keyof typeof EXPECTED>) {
      const id = await chat(state);
      answered[state] = [];
      for (const caller of CALLERS) {
        const reply = await clients[caller]!.post(`/api/v1/sessions/${id}/messages`, {
          text: `a note from ${caller}`,
          type: 'note',
        });
        answered[state].push(reply.status);
      }
    }
    expect(answered).toEqual(EXPECTED);
  });
});

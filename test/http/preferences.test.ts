// Notification preferences belong to the person, not the browser: set in one sign-in, they are
// what every other sign-in of theirs reads, on every available database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { Client, startTestNode, TEST_PASSWORD, type TestNode } from '../support/testNode.js';

describeEachDatabase('notification preferences over HTTP', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Another browser signed in as the same person. */
  async function anotherBrowserOf(client: Client): Promise<Client> {
    const { body } = await client.get('/api/v1/auth/me');
    const other = new Client(server.url);
    await other.signIn(body.user.email, TEST_PASSWORD);
    return other;
  }

  it('starts with the chime and desktop notifications on', async () => {
    const ama = await server.signUp('Ama', 'admin');
    const reply = await ama.get('/api/v1/preferences');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ sound: true, desktopNotifications: true });
  });

  it('follows the agent to another browser, and changes again', async () => {
    const ama = await server.signUp('Ama', 'admin');
    const muted = await ama.put('/api/v1/preferences', {
      sound: false,
      desktopNotifications: true,
    });
    expect(muted.status, JSON.stringify(muted.body)).toBe(200);
    expect(muted.body).toEqual({ sound: false, desktopNotifications: true });

    const laptop = await anotherBrowserOf(ama);
    expect((await laptop.get('/api/v1/preferences')).body).toEqual({
      sound: false,
      desktopNotifications: true,
    });

    await laptop.put('/api/v1/preferences', { sound: true, desktopNotifications: false });
    expect((await ama.get('/api/v1/preferences')).body).toEqual({
      sound: true,
      desktopNotifications: false,
    });
  });

  it('keeps each person’s own', async () => {
    const ama = await server.signUp('Ama', 'admin');
    const kofi = await server.signUp('Kofi', 'admin');
    await ama.put('/api/v1/preferences', { sound: false, desktopNotifications: false });
    expect((await kofi.get('/api/v1/preferences')).body).toEqual({
      sound: true,
      desktopNotifications: true,
    });
  });
});

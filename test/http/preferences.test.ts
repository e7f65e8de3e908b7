// Notification preferences belong to the person, not the browser: set in one sign-in, they are
// what every other sign-in of theirs reads, on every available database; so are the mail
// notices about tickets they chose.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { MAIL_NOTICE_DEFAULTS } from '../../src/shared/vocabulary.js';
import { Client, startTestNode, TEST_PASSWORD, type TestNode } from '../support/testNode.js';

const mail = MAIL_NOTICE_DEFAULTS;

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
    expect(reply.body).toEqual({ sound: true, desktopNotifications: true, mail });
  });

  it('follows the agent to another browser, and changes again', async () => {
    const ama = await server.signUp('Ama', 'admin');
    const muted = await ama.put('/api/v1/preferences', {
      sound: false,
      desktopNotifications: true,
      mail,
    });
    expect(muted.status, JSON.stringify(muted.body)).toBe(200);
    expect(muted.body).toEqual({ sound: false, desktopNotifications: true, mail });

    const laptop = await anotherBrowserOf(ama);
    expect((await laptop.get('/api/v1/preferences')).body).toEqual({
      sound: false,
      desktopNotifications: true,
      mail,
    });

    await laptop.put('/api/v1/preferences', { sound: true, desktopNotifications: false, mail });
    expect((await ama.get('/api/v1/preferences')).body).toEqual({
      sound: true,
      desktopNotifications: false,
      mail,
    });
  });

  it('sets which mail about tickets they get, and keeps it when a body leaves it out', async () => {
    const ama = await server.signUp('Ama', 'admin');
    const quiet = { newTickets: false, assigned: true, mentions: true, sla: false };
    const set = await ama.put('/api/v1/preferences', {
      sound: true,
      desktopNotifications: true,
      mail: quiet,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.mail).toEqual(quiet);
    await ama.put('/api/v1/preferences', { sound: false, desktopNotifications: true });
    expect((await ama.get('/api/v1/preferences')).body).toEqual({
      sound: false,
      desktopNotifications: true,
      mail: quiet,
    });
  });

  it('keeps each person’s own', async () => {
    const ama = await server.signUp('Ama', 'admin');
    const kofi = await server.signUp('Kofi', 'admin');
    await ama.put('/api/v1/preferences', { sound: false, desktopNotifications: false, mail });
    expect((await kofi.get('/api/v1/preferences')).body).toEqual({
      sound: true,
      desktopNotifications: true,
      mail,
    });
  });
});

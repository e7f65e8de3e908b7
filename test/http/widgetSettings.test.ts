// The chat widget's settings: defaults until a super admin saves them, saved whole, the public
// part without the embedding sites, and refused when badly formed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { Client, startTestNode, type TestNode } from '../support/testNode.js';

const SETTINGS = {
  color: '#0f766e',
  position: 'bottom-left',
  greeting: 'Welcome to the registry',
  topicIds: ['fees'],
  allowedOrigins: ['https://portal.example.edu', 'http://127.0.0.1:8080'],
  requireVerifiedIdentity: true,
};

describeEachDatabase('widget settings', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('start from the defaults, are saved whole and read back', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const before = await boss.get('/api/v1/widget-settings');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ position: 'bottom-right', allowedOrigins: [] });
    const saved = await boss.put('/api/v1/widget-settings', SETTINGS);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(SETTINGS);
    expect((await boss.get('/api/v1/widget-settings')).body).toEqual(SETTINGS);
    // A client that knows nothing of requireVerifiedIdentity leaves it off.
    const { requireVerifiedIdentity: _new, ...older } = SETTINGS;
    const resaved = await boss.put('/api/v1/widget-settings', older);
    expect(resaved.body).toEqual({ ...older, requireVerifiedIdentity: false });
  });

  it('show anyone the public part, never the sites allowed to embed it', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    await boss.put('/api/v1/widget-settings', SETTINGS);
    const reply = await new Client(server.url).get('/api/v1/widget-settings/public');
    expect(reply.status).toBe(200);
    const { allowedOrigins: _hidden, requireVerifiedIdentity: _server, ...visible } = SETTINGS;
    expect(reply.body).toEqual(visible);
  });

  it('refuse a bad colour, position or origin, naming the field', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    for (const [change, field] of [
      [{ color: 'red' }, 'color'],
      [{ position: 'top' }, 'position'],
      [{ allowedOrigins: ['https://portal.example.edu/page'] }, 'allowedOrigins.0'],
      [{ allowedOrigins: ['*'] }, 'allowedOrigins.0'],
      [{ greeting: 'x'.repeat(301) }, 'greeting'],
    ] as const) {
      const reply = await boss.put('/api/v1/widget-settings', { ...SETTINGS, ...change });
      expect(reply.status, JSON.stringify(change)).toBe(400);
      expect(reply.body.error.field, JSON.stringify(change)).toBe(field);
    }
    expect((await boss.put('/api/v1/widget-settings', { color: '#000000' })).status).toBe(400);
  });
});

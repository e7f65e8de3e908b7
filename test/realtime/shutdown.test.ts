// A node stopping gracefully: its clients are told to reconnect, and the agents it served are
// recorded as disconnected since the stop (so, if they do not come back elsewhere, they go away
// after the grace period), with the database still open for that write.
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { startTestNode } from '../support/testNode.js';

describeEachDatabase('graceful stop', (db) => {
  it('closes sockets with 1012 and records its agents as disconnected', async () => {
    const server = await startTestNode(db());
    const agents = await Promise.all(
      ['Ama', 'Kofi', 'Esi'].map((name) => server.signUp(name, 'admin')),
    );
    const sockets = await Promise.all(agents.map((agent) => agent.socket()));
    await Promise.all(sockets.map((socket) => socket.waitFor((f) => f.type === 'hello')));
    await server.stop();
    expect(await Promise.all(sockets.map((socket) => socket.waitForClose()))).toEqual([
      1012, 1012, 1012,
    ]);
    const rows = await db()
      .db.selectFrom('chat_agent_status')
      .select('last_disconnected_at')
      .where(
        'agent_id',
        'in',
        agents.map((a) => a.user!.id),
      )
      .execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.last_disconnected_at !== null)).toBe(true);
  });
});

// The live dashboard on the WebSocket: a super admin's snapshot follows a chat from the queue to
// an agent; a team lead's covers only the teams they lead; a customer and an agent who leads no
// team are refused; a change made on another node reaches the watcher through the bus.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryBus } from '../../src/bus/memoryBus.js';
import type { DashboardSnapshot } from '../../src/shared/dashboard.js';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { createTeam, setTeamMember } from '../../src/services/teams/teams.js';
import { createTopic } from '../../src/services/topics/topics.js';
import { describeEachDatabase } from '../support/databases.js';
import { createAccount } from '../../src/services/accounts/accounts.js';
import {
  Client,
  startTestNode,
  TEST_PASSWORD,
  type SocketClient,
  type TestNode,
} from '../support/testNode.js';

type SnapshotFrame = Extract<ServerFrame, { type: 'dashboard.snapshot' }>;

/** The next snapshot after frame `from` that satisfies `test`. */
const snapshotWhere = (
  socket: SocketClient,
  test: (snapshot: DashboardSnapshot) => boolean,
  from = 0,
) =>
  socket
    .waitFor<SnapshotFrame>((f) => f.type === 'dashboard.snapshot' && test(f.snapshot), { from })
    .then((f) => f.snapshot);

const team = (snapshot: DashboardSnapshot, name: string) =>
  snapshot.teams.find((row) => row.name === name);

describeEachDatabase('live dashboard', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Two teams with a topic each; `lead` leads Finance. */
  async function twoTeams(boss: Client, lead: Client) {
    const { ctx } = server.node;
    const admin = { id: boss.user!.id, role: boss.user!.role };
    const finance = (await createTeam(ctx, admin, { name: 'Finance', description: '' })).row;
    const it = (await createTeam(ctx, admin, { name: 'IT Support', description: '' })).row;
    await setTeamMember(ctx, admin, { teamId: finance.id, agentId: lead.user!.id, isLead: true });
    const topic = async (teamId: string, slug: string, position: number) =>
      (
        await createTopic(ctx, admin, {
          name: slug,
          slug,
          teamId,
          isDefault: position === 0,
          position,
        })
      ).row.id;
    return {
      finance,
      it,
      fees: await topic(finance.id, 'fees', 0),
      wifi: await topic(it.id, 'wifi', 1),
    };
  }

  const startAbout = async (customer: Client, topicId: string) => {
    const { status, body } = await customer.post('/api/v1/sessions', {
      subject: 'Help',
      message: 'Hi',
      topicId,
    });
    expect(status).toBe(201);
    return (body as { id: string }).id;
  };

  it('updates a super admin’s snapshot when a chat starts and when it is assigned', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const esi = await server.agentOnDuty('Esi');
    const yaw = await server.signUp('Yaw');
    const socket = await boss.socket();
    const first = await socket.call({ type: 'dashboard.watch' });
    expect(first).toMatchObject({ type: 'dashboard.snapshot', snapshot: { teamIds: null } });
    expect(team((first as SnapshotFrame).snapshot, 'No team')).toMatchObject({
      queueLength: 0,
      inProgress: 0,
    });

    const sessionId = await yaw.startChat();
    const waiting = await snapshotWhere(socket, (s) => team(s, 'No team')?.queueLength === 1);
    expect(team(waiting, 'No team')!.waitingSince).not.toBeNull();

    const from = socket.frames.length;
    const taken = await boss.post(`/api/v1/sessions/${sessionId}/assign`, {
      agentId: esi.user!.id,
    });
    expect(taken.status).toBe(200);
    const assigned = await snapshotWhere(socket, (s) => team(s, 'No team')?.inProgress === 1, from);
    expect(team(assigned, 'No team')).toMatchObject({ queueLength: 0, waitingSince: null });
    expect(assigned.agents.find((a) => a.id === esi.user!.id)).toMatchObject({ openChats: 1 });
    socket.close();
  });

  it('hears of a chat started on another node', async () => {
    const bus = new MemoryBus();
    const [one, two] = [
      await startTestNode(db(), {}, { bus }),
      await startTestNode(db(), {}, { bus }),
    ];
    try {
      const email = 'boss.two@example.com';
      await createAccount(one.node.ctx, null, {
        email,
        name: 'Boss',
        password: TEST_PASSWORD,
        role: 'super_admin',
      });
      const onTwo = new Client(two.url);
      await onTwo.signIn(email, TEST_PASSWORD);
      const socket = await onTwo.socket();
      await socket.call({ type: 'dashboard.watch' });
      await (await one.signUp('Yaw')).startChat();
      await snapshotWhere(socket, (s) => team(s, 'No team')?.queueLength === 1);
      socket.close();
    } finally {
      await one.stop();
      await two.stop();
    }
  });

  it('shows a team lead only the teams they lead', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const kofi = await server.signUp('Kofi', 'admin');
    const { finance, fees, wifi } = await twoTeams(boss, kofi);
    const ama = await server.signUp('Ama');
    const kojo = await server.signUp('Kojo');
    const socket = await kofi.socket();
    const first = (await socket.call({ type: 'dashboard.watch' })) as SnapshotFrame;
    expect(first.snapshot.teamIds).toEqual([finance.id]);
    expect(first.snapshot.teams.map((row) => row.name)).toEqual(['Finance']);
    expect(first.snapshot.agents.map((agent) => agent.id)).toEqual([kofi.user!.id]);

    await startAbout(kojo, wifi);
    await startAbout(ama, fees);
    const seen = await snapshotWhere(socket, (s) => team(s, 'Finance')?.queueLength === 1);
    expect(seen.teams.map((row) => row.name)).toEqual(['Finance']);
    socket.close();
  });

  it('refuses a customer and an agent who leads no team', async () => {
    for (const client of [await server.signUp('Efua'), await server.signUp('Abena', 'admin')]) {
      const socket = await client.socket();
      expect(await socket.call({ type: 'dashboard.watch' })).toMatchObject({
        type: 'error',
        error: { code: 'FORBIDDEN' },
      });
      // Refused, it hears nothing of later changes.
      await server.signUp('Kwame').then((kwame) => kwame.startChat());
      await socket.call({ type: 'ping' });
      expect(socket.frames.filter((f) => f.type === 'dashboard.snapshot')).toEqual([]);
      socket.close();
    }
  });
});

// Teams, topics and team leads over HTTP and WebSocket, on every available database: the admin
// routes and their error codes, a chat started with a topic as each side sees it, the SSO
// landing carrying the `topic` claim to the start page, and a team lead following a chat live.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerFrame } from '../../src/shared/protocol.js';
import { describeEachDatabase } from '../support/databases.js';
import { Client, startTestNode, TEST_SSO_SECRET, type TestNode } from '../support/testNode.js';

describeEachDatabase('teams and topics over HTTP', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Finance, led by Kofi, and its one topic, made through the API by a super admin. */
  async function finance() {
    const boss = await server.signUp('Boss', 'super_admin');
    const kofi = await server.signUp('Kofi', 'admin');
    const team = await boss.post('/api/v1/teams', { name: 'Finance', description: 'Fees' });
    expect(team.status).toBe(201);
    const member = await boss.put(`/api/v1/teams/${team.body.id}/members/${kofi.user!.id}`, {
      isLead: true,
    });
    expect(member.body.members).toMatchObject([{ agent: { name: 'Kofi' }, isLead: true }]);
    const topic = await boss.post('/api/v1/topics', {
      name: 'Fees and payments',
      slug: 'fees',
      teamId: team.body.id,
    });
    expect(topic.status).toBe(201);
    return { boss, kofi, teamId: team.body.id as string, topicId: topic.body.id as string };
  }

  it('starts a chat on a topic: agents see its topic and team, the customer the topic only', async () => {
    const { boss, topicId, teamId } = await finance();
    const yaw = await server.signUp('Yaw');
    expect((await yaw.get('/api/v1/topics')).body.items).toMatchObject([
      { slug: 'fees', name: 'Fees and payments', isDefault: true, team: null },
    ]);
    const started = await yaw.post('/api/v1/sessions', {
      subject: 'Refund',
      message: 'Where is my refund?',
      topicId,
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ topic: { id: topicId, name: 'Fees and payments' } });
    expect(started.body.team).toBeNull();
    const seen = await boss.get(`/api/v1/sessions/${started.body.id}`);
    expect(seen.body).toMatchObject({
      topic: { name: 'Fees and payments' },
      team: { id: teamId, name: 'Finance' },
    });
    const listed = await boss.get(`/api/v1/sessions?teamId=${teamId}`);
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([started.body.id]);
  });

  it('answers the admin routes’ conflicts with their codes', async () => {
    const { boss, teamId, topicId } = await finance();
    const yaw = await server.signUp('Yaw');
    await yaw.post('/api/v1/sessions', { subject: 'Refund', message: 'Hi' });
    const codeOf = (reply: { status: number; body: { error?: { code: string } } }) => [
      reply.status,
      reply.body.error?.code,
    ];
    expect(codeOf(await boss.delete(`/api/v1/teams/${teamId}`))).toEqual([409, 'TEAM_IN_USE']);
    expect(codeOf(await boss.patch(`/api/v1/teams/${teamId}`, { archived: true }))).toEqual([
      409,
      'TEAM_IN_USE',
    ]);
    expect(codeOf(await boss.delete(`/api/v1/topics/${topicId}`))).toEqual([409, 'TOPIC_IN_USE']);
    expect(
      codeOf(await boss.post('/api/v1/topics', { name: 'Again', slug: 'fees', teamId })),
    ).toEqual([409, 'SLUG_TAKEN']);
    const unknown = '01890a5d-ac96-774b-bcce-b302099a8057';
    expect(
      codeOf(await boss.post('/api/v1/topics', { name: 'X', slug: 'x', teamId: unknown })),
    ).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await boss.put(`/api/v1/teams/${teamId}/members/${yaw.user!.id}`, {}))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    // Archived: its topic first, then the team; the chats keep their team.
    expect((await boss.patch(`/api/v1/topics/${topicId}`, { archived: true })).status).toBe(200);
    const archived = await boss.patch(`/api/v1/teams/${teamId}`, { archived: true });
    expect(archived.body).toMatchObject({ archived: true });
    const kofi = await server.signUp('Ama', 'admin');
    expect(codeOf(await boss.put(`/api/v1/teams/${teamId}/members/${kofi.user!.id}`, {}))).toEqual([
      409,
      'TEAM_ARCHIVED',
    ]);
    expect((await kofi.get('/api/v1/teams')).body.items).toEqual([]);
    expect((await boss.get('/api/v1/teams?includeArchived=true')).body.items).toHaveLength(1);
    expect((await yaw.get('/api/v1/topics')).body.items).toEqual([]);
  });

  it("sets a team's overflow, shows it to agents, and answers its conflicts with their codes", async () => {
    const { boss, kofi, teamId } = await finance();
    const it = (await boss.post('/api/v1/teams', { name: 'IT' })).body.id as string;
    const codeOf = (reply: { status: number; body: { error?: { code: string } } }) => [
      reply.status,
      reply.body.error?.code,
    ];
    const set = await boss.patch(`/api/v1/teams/${teamId}`, {
      overflow: { teamId: it, afterSeconds: 120 },
    });
    expect(set.status).toBe(200);
    expect(set.body.overflow).toEqual({ team: { id: it, name: 'IT' }, afterSeconds: 120 });
    const listed = await kofi.get('/api/v1/teams');
    expect(listed.body.items.find((t: { id: string }) => t.id === teamId).overflow).toEqual({
      team: { id: it, name: 'IT' },
      afterSeconds: 120,
    });
    expect(
      codeOf(
        await kofi.patch(`/api/v1/teams/${teamId}`, { overflow: { teamId: it, afterSeconds: 60 } }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    const unknown = '01890a5d-ac96-774b-bcce-b302099a8057';
    expect(
      codeOf(
        await boss.patch(`/api/v1/teams/${teamId}`, {
          overflow: { teamId: unknown, afterSeconds: 60 },
        }),
      ),
    ).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await boss.patch(`/api/v1/teams/${it}`, { archived: true }))).toEqual([
      409,
      'TEAM_IN_USE',
    ]);
    expect(codeOf(await boss.delete(`/api/v1/teams/${it}`))).toEqual([409, 'TEAM_IN_USE']);
    const cleared = await boss.patch(`/api/v1/teams/${teamId}`, { overflow: null });
    expect(cleared.body.overflow).toBeNull();
    expect((await boss.patch(`/api/v1/teams/${it}`, { archived: true })).status).toBe(200);
    const archived = await boss.patch(`/api/v1/teams/${teamId}`, {
      overflow: { teamId: it, afterSeconds: 60 },
    });
    expect(codeOf(archived)).toEqual([409, 'TEAM_ARCHIVED']);
    expect(archived.body.error.field).toBe('overflow.teamId');
  });

  it('carries the SSO token’s topic claim to the start page', async () => {
    await finance();
    const token = await new SignJWT({ name: 'Kojo Annan', role: 'user', topic: 'fees' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('portal-kojo')
      .setAudience('switchboard')
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(new TextEncoder().encode(TEST_SSO_SECRET));
    const landed = await new Client(server.url).get(`/api/v1/auth/sso?token=${token}&next=/`);
    expect(landed.status).toBe(303);
    expect(landed.headers.get('location')).toBe('/?topic=fees');
  });

  it('lets a team lead follow their team’s chat live, and not another team’s', async () => {
    const { boss, kofi, topicId, teamId } = await finance();
    const it = await boss.post('/api/v1/teams', { name: 'IT' });
    const ama = await server.signUp('Ama', 'admin');
    await boss.put(`/api/v1/teams/${it.body.id}/members/${ama.user!.id}`, { isLead: true });
    const esi = await server.agentOnDuty('Esi');
    const yaw = await server.signUp('Yaw');
    const { body } = await yaw.post('/api/v1/sessions', {
      subject: 'Fees',
      message: 'Hi',
      topicId,
    });
    expect((await esi.post(`/api/v1/sessions/${body.id}/take`)).status).toBe(200);

    const kofiSocket = await kofi.socket();
    const amaSocket = await ama.socket();
    try {
      expect(
        await kofiSocket.call({ type: 'subscribe', sessionId: body.id, afterSeq: 0 }),
      ).toMatchObject({
        type: 'subscribed',
      });
      expect(
        await amaSocket.call({ type: 'subscribe', sessionId: body.id, afterSeq: 0 }),
      ).toMatchObject({
        type: 'error',
        error: { code: 'NOT_FOUND' },
      });
      await yaw.post(`/api/v1/sessions/${body.id}/messages`, { text: 'Still there?' });
      const heard = await kofiSocket.waitFor(
        (f: ServerFrame) =>
          f.type === 'session.event' &&
          f.event.kind === 'message.created' &&
          f.event.message.text === 'Still there?',
      );
      expect(heard).toBeTruthy();
      expect((await ama.get(`/api/v1/sessions/${body.id}`)).status).toBe(404);
      // The team's agents and their load: for its lead, not for the lead of another team.
      const load = await kofi.get(`/api/v1/teams/${teamId}/agents`);
      expect(load.body.items).toMatchObject([{ agent: { name: 'Kofi' }, isLead: true }]);
      expect((await ama.get(`/api/v1/teams/${teamId}/agents`)).status).toBe(403);
    } finally {
      kofiSocket.close();
      amaSocket.close();
    }
  });
});

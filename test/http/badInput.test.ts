// Input the API must refuse with 400 (never a 500 from the database), and the framework's own
// failures answered in the API's error format, on every available database.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { Client, startTestNode, type TestNode } from '../support/testNode.js';

const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describeEachDatabase('bad input over HTTP', (db) => {
  let server: TestNode;
  beforeAll(async () => {
    server = await startTestNode(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  /** The reply is a 400 in the API's error format. */
  function expectRefused(reply: { status: number; body: unknown }, what: string) {
    expect(reply.status, what).toBe(400);
    expect(reply.body, what).toMatchObject({
      error: { code: 'VALIDATION_FAILED', message: expect.any(String) },
    });
  }

  it('refuses ids that this API cannot have made', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    for (const path of [
      '/api/v1/sessions/%00',
      '/api/v1/sessions/not-an-id',
      '/api/v1/sessions/%00/messages',
      '/api/v1/accounts/%00',
      `/api/v1/sessions/${'a'.repeat(200)}`,
    ]) {
      expectRefused(await boss.get(path), path);
    }
    expectRefused(await boss.post('/api/v1/sessions/%00/take'), 'take');
    const unknown = await boss.get('/api/v1/sessions/01890a5d-ac96-774b-bcce-b302099a8057');
    expect(unknown.status).toBe(404);
  });

  it('refuses NUL in search text, filters and client ids', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    for (const path of [
      '/api/v1/sessions?q=%00',
      '/api/v1/sessions?q=a%00b',
      '/api/v1/accounts?q=%00',
      '/api/v1/sessions?agentId=%00',
      '/api/v1/sessions?customerId=x%00',
    ]) {
      expectRefused(await boss.get(path), path);
    }
    const yaw = await server.signUp('Yaw');
    const { body } = await yaw.post('/api/v1/sessions', { subject: 'Help', message: 'hi' });
    const sent = await yaw.post(`/api/v1/sessions/${body.id}/messages`, {
      text: 'again',
      clientId: 'a\u0000',
    });
    expectRefused(sent, 'clientId');
    expect(sent.body.error.field).toBe('clientId');
    const assigned = await boss.post(`/api/v1/sessions/${body.id}/assign`, { agentId: '\u0000' });
    expectRefused(assigned, 'agentId');
  });

  it('refuses forged cursors of either list', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    for (const key of [['x'], [1.5, id], [1e300, id], ['1', id], [1, 'a\u0000'], [1, id, 2], {}]) {
      expectRefused(
        await boss.get(`/api/v1/sessions?cursor=${cursorOf(key)}`),
        `sessions ${JSON.stringify(key)}`,
      );
    }
    for (const key of [['x'], ['a\u0000', id], [1, id], ['Ama']]) {
      expectRefused(
        await boss.get(`/api/v1/accounts?cursor=${cursorOf(key)}`),
        `accounts ${JSON.stringify(key)}`,
      );
    }
    const genuine = await boss.get(`/api/v1/sessions?cursor=${cursorOf([Date.now(), id])}`);
    expect(genuine.status).toBe(200);
  });

  it('refuses a socket frame naming a session by something other than an id', async () => {
    const yaw = await server.signUp('Yaw');
    const { body } = await yaw.post('/api/v1/sessions', { subject: 'Help', message: 'hi' });
    const socket = await yaw.socket();
    try {
      for (const frame of [
        { type: 'subscribe', sessionId: '\u0000' },
        { type: 'message.send', sessionId: body.id, clientId: 'a\u0000', text: 'hi' },
      ]) {
        const reply = await socket.call(frame);
        expect(reply, JSON.stringify(frame)).toMatchObject({
          type: 'error',
          error: { code: 'VALIDATION_FAILED' },
        });
      }
      expect(await socket.call({ type: 'ping' })).toMatchObject({ type: 'pong' });
    } finally {
      socket.close();
    }
  });

  it('refuses half of a surrogate pair in text, which neither database could store as sent', async () => {
    const yaw = await server.signUp('Yaw');
    const boss = await server.signUp('Boss', 'super_admin');
    const lone = 'smile \ud83d';
    expectRefused(await yaw.post('/api/v1/sessions', { subject: lone, message: 'hi' }), 'subject');
    const id = await yaw.startChat();
    const sent = await yaw.post(`/api/v1/sessions/${id}/messages`, { text: lone });
    expectRefused(sent, 'text');
    expect(sent.body.error.field).toBe('text');
    for (const [path, body] of [
      [`/api/v1/sessions/${id}/messages`, { text: 'hi', clientId: '\udc00' }],
      ['/api/v1/quick-responses', { title: lone, content: 'hi' }],
      ['/api/v1/accounts', { email: 'ama@example.com', name: lone, password: 'long enough 1' }],
      ['/api/v1/auth/login', { email: 'ama@example.com', password: `${lone} long enough` }],
    ] as const) {
      expectRefused(await boss.post(path, body), path);
    }
    expectRefused(await boss.put(`/api/v1/sessions/${id}/tags`, { tags: [lone] }), 'tags');
    // A whole pair is stored and echoed alike.
    const whole = await yaw.post(`/api/v1/sessions/${id}/messages`, { text: 'smile \ud83d\ude00' });
    expect(whole.status).toBe(201);
    const stored = await yaw.get(`/api/v1/sessions/${id}/messages`);
    expect(stored.body.items.at(-1).text).toBe(whole.body.text);
  });

  it('refuses a transfer without exactly one target, or with a bad note, and bad offer ids', async () => {
    const yaw = await server.signUp('Yaw');
    const boss = await server.signUp('Boss', 'super_admin');
    const id = await yaw.startChat();
    const agentId = boss.user!.id;
    const teamId = '01890a5d-ac96-774b-bcce-b302099a8057';
    const cases: Array<[string, unknown, string]> = [
      ['both targets', { agentId, teamId }, 'agentId'],
      ['no target', { note: 'Refund approved' }, 'agentId'],
      ['a team that is no id', { teamId: 'finance' }, 'teamId'],
      ['an empty note', { teamId, note: '   ' }, 'note'],
      ['NUL in the note', { teamId, note: 'a\u0000b' }, 'note'],
      ['half a surrogate pair in the note', { teamId, note: 'smile \ud83d' }, 'note'],
      ['a note too long', { teamId, note: 'x'.repeat(5001) }, 'note'],
      ['a note that is no text', { teamId, note: 42 }, 'note'],
    ];
    for (const [what, body, field] of cases) {
      const reply = await boss.post(`/api/v1/sessions/${id}/transfer`, body);
      expectRefused(reply, what);
      expect(reply.body.error.field, what).toBe(field);
    }
    for (const answer of ['accept', 'decline', 'withdraw']) {
      expectRefused(await boss.post(`/api/v1/transfer-offers/not-an-id/${answer}`), answer);
      const unknown = await boss.post(`/api/v1/transfer-offers/${teamId}/${answer}`);
      expect(unknown.status, answer).toBe(404);
    }
  });

  it('answers a malformed URL in the API’s error format', async () => {
    const yaw = await server.signUp('Yaw');
    for (const path of ['/api/v1/sessions/%', '/api/v1/sessions/%E0%A4%A']) {
      const reply = await yaw.get(path);
      expectRefused(reply, path);
      expect(Object.keys(reply.body as object)).toEqual(['error']);
    }
  });

  it('refuses file ids that this API cannot have made, and messages naming files badly', async () => {
    const yaw = await server.signUp('Yaw');
    const id = await yaw.startChat();
    for (const path of [
      '/api/v1/files/not-an-id',
      '/api/v1/files/%00',
      '/api/v1/files/%00/thumbnail',
      `/api/v1/files/${'a'.repeat(200)}/thumbnail`,
    ]) {
      expectRefused(await yaw.get(path), path);
    }
    expectRefused(await yaw.upload('%00', 'a.txt', 'hi'), 'upload into no chat');
    for (const body of [
      { fileIds: ['x'] },
      { fileIds: ['a\u0000'] },
      { fileIds: [] },
      { fileIds: 'not a list' },
      { fileIds: Array.from({ length: 101 }, () => '01890a5d-ac96-774b-bcce-b302099a8057') },
      { text: '   ' },
      {},
    ]) {
      const sent = await yaw.post(`/api/v1/sessions/${id}/messages`, body);
      expectRefused(sent, JSON.stringify(body).slice(0, 80));
    }
    // An id of no upload of the sender's is refused by the rule, not the schema.
    const unknown = await yaw.post(`/api/v1/sessions/${id}/messages`, {
      fileIds: ['01890a5d-ac96-774b-bcce-b302099a8057'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'INVALID_ATTACHMENTS', field: 'fileIds' });
    const missing = await yaw.get('/api/v1/files/01890a5d-ac96-774b-bcce-b302099a8057');
    expect(missing.status).toBe(404);
  });

  it('refuses ticket uploads into no ticket, and replies naming files badly', async () => {
    const yaw = await server.signUp('Yaw');
    const filed = await yaw.post('/api/v1/tickets', { subject: 'Refund', message: 'Please' });
    const id = filed.body.id as string;
    expectRefused(await yaw.uploadToTicket('%00', 'a.txt', 'hi'), 'upload into no ticket');
    expectRefused(await yaw.uploadToTicket('not-an-id', 'a.txt', 'hi'), 'upload into no ticket');
    for (const body of [
      { fileIds: ['x'] },
      { fileIds: ['a\u0000'] },
      { fileIds: [] },
      { fileIds: 'not a list' },
      { body: 'hi', fileIds: [null] },
      { fileIds: Array.from({ length: 101 }, () => '01890a5d-ac96-774b-bcce-b302099a8057') },
      { body: '   ' },
      { kind: 'note' },
    ]) {
      const sent = await yaw.post(`/api/v1/tickets/${id}/messages`, body);
      expectRefused(sent, JSON.stringify(body).slice(0, 80));
    }
    const unknown = await yaw.post(`/api/v1/tickets/${id}/messages`, {
      fileIds: ['01890a5d-ac96-774b-bcce-b302099a8057'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'INVALID_ATTACHMENTS', field: 'fileIds' });
    const missing = await yaw.uploadToTicket('01890a5d-ac96-774b-bcce-b302099a8057', 'a.txt', 'hi');
    expect(missing.status).toBe(404);
  });

  it('refuses drafts sent badly and new requests naming files badly', async () => {
    const yaw = await server.signUp('Yaw');
    const abena = await server.signUp('Abena');
    // No part named file, no multipart at all.
    const form = new FormData();
    form.append('other', new Blob(['hi']), 'a.txt');
    expectRefused(await yaw.request('POST', '/api/v1/files', form), 'no file part');
    const json = await yaw.post('/api/v1/files', { file: 'hi' });
    expect(json.status).toBe(415);
    expect(json.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const request = { subject: 'Refund', message: 'Please' };
    for (const fileIds of [
      ['x'],
      ['a\u0000'],
      [],
      'not a list',
      [null],
      Array.from({ length: 101 }, () => '01890a5d-ac96-774b-bcce-b302099a8057'),
    ]) {
      const filed = await yaw.post('/api/v1/tickets', { ...request, fileIds });
      expectRefused(filed, JSON.stringify(fileIds).slice(0, 80));
    }
    // Someone else's draft is as unknown as a file that never was; one's own sent twice says so.
    const theirs = await abena.uploadDraft('a.txt', 'hi');
    const mine = await yaw.uploadDraft('b.txt', 'hi');
    for (const id of [theirs.body.id, '01890a5d-ac96-774b-bcce-b302099a8057']) {
      const filed = await yaw.post('/api/v1/tickets', { ...request, fileIds: [id] });
      expect(filed.status).toBe(400);
      expect(filed.body.error).toMatchObject({ code: 'INVALID_ATTACHMENTS', field: 'fileIds' });
    }
    expect(
      (await yaw.post('/api/v1/tickets', { ...request, fileIds: [mine.body.id] })).status,
    ).toBe(201);
    const twice = await yaw.post('/api/v1/tickets', { ...request, fileIds: [mine.body.id] });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'FILE_ALREADY_SENT', field: 'fileIds' });
  });

  it('refuses notification preferences that are missing, not booleans or not an object', async () => {
    const ama = await server.signUp('Ama', 'admin');
    const allMail = { newTickets: true, assigned: true, mentions: true, sla: true };
    for (const body of [
      {},
      { sound: false },
      { sound: 'off', desktopNotifications: true },
      { sound: true, desktopNotifications: null },
      [],
      '"sound"',
      { sound: true, desktopNotifications: true, mail: null },
      { sound: true, desktopNotifications: true, mail: { newTickets: false } },
      { sound: true, desktopNotifications: true, mail: { ...allMail, sla: 'no' } },
      { sound: true, desktopNotifications: true, mail: { ...allMail, digest: true } },
    ]) {
      expectRefused(await ama.put('/api/v1/preferences', body), JSON.stringify(body));
    }
    const sent = await ama.put('/api/v1/preferences', { sound: 1, desktopNotifications: true });
    expectRefused(sent, 'sound: 1');
    expect(sent.body.error.field).toBe('sound');
    expect((await ama.get('/api/v1/preferences')).body).toEqual({
      sound: true,
      desktopNotifications: true,
      mail: allMail,
    });
  });

  it('refuses bad survey questions and answers before they reach a query', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const yaw = await server.signUp('Yaw');
    const sessionId = await yaw.startChat();
    const id = '0190a8b2-0000-7000-8000-000000000000';
    for (const [method, path, body] of [
      ['PUT', '/api/v1/survey-questions', {}],
      ['PUT', '/api/v1/survey-questions', { questions: [{ text: '  ' }] }],
      ['PUT', '/api/v1/survey-questions', { questions: [{ text: 'a\u0000b' }] }],
      ['PUT', '/api/v1/survey-questions', { questions: [{ text: 'x'.repeat(201) }] }],
      ['PUT', '/api/v1/survey-questions', { questions: [{ id: 'x', text: 'Easy?' }] }],
      ['PUT', '/api/v1/survey-questions', { questions: [{ id, text: 'Easy?' }] }],
      [
        'PUT',
        '/api/v1/survey-questions',
        { questions: ['a', 'b', 'c', 'd'].map((text) => ({ text })) },
      ],
      ['POST', `/api/v1/sessions/${sessionId}/survey`, {}],
      ['POST', `/api/v1/sessions/${sessionId}/survey`, { answers: [] }],
      ['POST', `/api/v1/sessions/${sessionId}/survey`, { answers: [{ questionId: id, value: 6 }] }],
      [
        'POST',
        `/api/v1/sessions/${sessionId}/survey`,
        { answers: [{ questionId: id, value: 2.5 }] },
      ],
      [
        'POST',
        `/api/v1/sessions/${sessionId}/survey`,
        { answers: [{ questionId: 'x', value: 2 }] },
      ],
    ] as const) {
      const client = method === 'PUT' ? boss : yaw;
      expectRefused(
        await client.request(method, path, body),
        `${method} ${path} ${JSON.stringify(body)}`,
      );
    }
    expect((await boss.get('/api/v1/survey-questions')).body).toEqual({ items: [] });
  });

  it('refuses bad teams, members and topics before they reach a query', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const ama = await server.signUp('Ama', 'admin');
    const team = await boss.post('/api/v1/teams', { name: 'Finance' });
    expect(team.status).toBe(201);
    const teamId = team.body.id as string;
    for (const [method, path, body] of [
      ['POST', '/api/v1/teams', {}],
      ['POST', '/api/v1/teams', { name: '   ' }],
      ['POST', '/api/v1/teams', { name: 'a\u0000b' }],
      ['POST', '/api/v1/teams', { name: 'x'.repeat(101) }],
      ['POST', '/api/v1/teams', { name: 'IT', description: 'd'.repeat(501) }],
      ['POST', '/api/v1/teams', { name: 'IT', description: 'half \ud83d' }],
      ['PATCH', `/api/v1/teams/${teamId}`, { archived: 'yes' }],
      ['PATCH', '/api/v1/teams/not-an-id', { name: 'IT' }],
      ['PATCH', `/api/v1/teams/${teamId}`, { openingHoursCalendarId: 'office' }],
      ['PATCH', `/api/v1/teams/${teamId}`, { openingHoursCalendarId: 9 }],
      ['PUT', `/api/v1/teams/${teamId}/members/not-an-id`, { isLead: true }],
      ['PUT', `/api/v1/teams/${teamId}/members/${ama.user!.id}`, { isLead: 'yes' }],
      ['POST', '/api/v1/topics', { name: 'Fees', slug: 'Fees!', teamId }],
      ['POST', '/api/v1/topics', { name: 'Fees', slug: 'fees--x', teamId }],
      ['POST', '/api/v1/topics', { name: 'Fees', slug: 'f'.repeat(41), teamId }],
      ['POST', '/api/v1/topics', { name: 'Fees', slug: 'fees', teamId: '\u0000' }],
      ['POST', '/api/v1/topics', { name: 'Fees', slug: 'fees', teamId, position: -1 }],
      ['POST', '/api/v1/sessions', { subject: 'Help', message: 'hi', topicId: 'fees' }],
    ] as const) {
      expectRefused(
        await boss.request(method, path, body),
        `${method} ${path} ${JSON.stringify(body)}`,
      );
    }
    for (const path of [
      '/api/v1/teams?includeArchived=maybe',
      '/api/v1/topics?includeArchived=1',
      '/api/v1/sessions?teamId=%00',
      '/api/v1/teams/x/agents',
    ]) {
      expectRefused(await boss.get(path), path);
    }
    // A topic that cannot be picked is the request's fault, named by its field.
    const topic = await boss.post('/api/v1/topics', { name: 'Fees', slug: 'fees', teamId });
    await boss.patch(`/api/v1/topics/${topic.body.id}`, { archived: true });
    const yaw = await server.signUp('Yaw');
    const started = await yaw.post('/api/v1/sessions', {
      subject: 'Help',
      message: 'hi',
      topicId: topic.body.id,
    });
    expectRefused(started, 'archived topic');
    expect(started.body.error.field).toBe('topicId');
    const unset = await boss.patch(`/api/v1/topics/${topic.body.id}`, { isDefault: false });
    expectRefused(unset, 'isDefault: false');
  });

  it("refuses a team's overflow that is malformed, out of bounds or to the team itself, naming the field", async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const finance = (await boss.post('/api/v1/teams', { name: 'Finance' })).body.id as string;
    const it = (await boss.post('/api/v1/teams', { name: 'IT' })).body.id as string;
    const patch = (overflow: unknown) => boss.patch(`/api/v1/teams/${finance}`, { overflow });
    for (const [overflow, field] of [
      ['IT', 'overflow'],
      [{}, 'overflow.teamId'],
      [{ teamId: it }, 'overflow.afterSeconds'],
      [{ afterSeconds: 60 }, 'overflow.teamId'],
      [{ teamId: 'not-an-id', afterSeconds: 60 }, 'overflow.teamId'],
      [{ teamId: '\u0000', afterSeconds: 60 }, 'overflow.teamId'],
      [{ teamId: it, afterSeconds: 9 }, 'overflow.afterSeconds'],
      [{ teamId: it, afterSeconds: 86_401 }, 'overflow.afterSeconds'],
      [{ teamId: it, afterSeconds: 90.5 }, 'overflow.afterSeconds'],
      [{ teamId: it, afterSeconds: '60' }, 'overflow.afterSeconds'],
      [{ teamId: it, afterSeconds: -60 }, 'overflow.afterSeconds'],
      [{ teamId: it, afterSeconds: 1e308 }, 'overflow.afterSeconds'],
      [{ teamId: finance, afterSeconds: 60 }, 'overflow.teamId'],
    ] as const) {
      const reply = await patch(overflow);
      expectRefused(reply, JSON.stringify(overflow));
      expect(reply.body.error.field, JSON.stringify(overflow)).toBe(field);
    }
    const unchanged = await boss.get(`/api/v1/teams/${finance}`);
    expect(unchanged.body.overflow).toBeNull();
    // The bounds themselves are fine.
    for (const afterSeconds of [10, 86_400]) {
      expect((await patch({ teamId: it, afterSeconds })).body.overflow).toEqual({
        team: { id: it, name: 'IT' },
        afterSeconds,
      });
    }
  });

  it('refuses quick responses with bad shortcuts, categories or variables, saying what is valid', async () => {
    const ama = await server.signUp('Ama', 'admin');
    const valid = { title: 'Fees', content: 'Hi {{customer.firstName}}' };
    for (const [what, body] of [
      ['capital letters', { ...valid, shortcut: 'Fees' }],
      ['a space', { ...valid, shortcut: 'fee s' }],
      ['a leading slash', { ...valid, shortcut: '/fees' }],
      ['a leading dash', { ...valid, shortcut: '-fees' }],
      ['an empty shortcut', { ...valid, shortcut: '' }],
      ['a long shortcut', { ...valid, shortcut: 'a'.repeat(33) }],
      ['a number', { ...valid, shortcut: 7 }],
      ['an empty category', { ...valid, category: '  ' }],
      ['a long category', { ...valid, category: 'c'.repeat(51) }],
      ['NUL in a category', { ...valid, category: 'a\u0000' }],
    ] as const) {
      expectRefused(await ama.post('/api/v1/quick-responses', body), what);
    }
    for (const [content, code, named] of [
      ['Dear {{customer.title}}', 'UNKNOWN_VARIABLE', '{{customer.title}}'],
      ['Hi {{ }}', 'MALFORMED_VARIABLE', '{{ }}'],
      ['Hi {{customer.name', 'MALFORMED_VARIABLE', '{{customer.name'],
    ] as const) {
      const reply = await ama.post('/api/v1/quick-responses', { title: 'T', content });
      expect(reply.status, content).toBe(400);
      expect(reply.body.error, content).toMatchObject({ code, field: 'content' });
      expect(reply.body.error.message).toContain(named);
      expect(reply.body.error.message).toContain('{{customer.firstName}}, {{agent.name}}');
    }
    const saved = await ama.post('/api/v1/quick-responses', { ...valid, shortcut: 'fees-2' });
    expect(saved.status).toBe(201);
    const patched = await ama.patch(`/api/v1/quick-responses/${saved.body.id}`, {
      content: '{{agent.email}}',
    });
    expect(patched.body.error.code).toBe('UNKNOWN_VARIABLE');
    expectRefused(
      await ama.patch(`/api/v1/quick-responses/${saved.body.id}`, { shortcut: 'A' }),
      'patch shortcut',
    );
    expectRefused(await ama.post('/api/v1/quick-responses/%00/use'), 'use');
  });

  it('refuses a quick response for a bad, unknown or archived team, or both shared and a team’s', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const valid = { title: 'Fees', content: 'Hi from {{team.name}}' };
    for (const teamId of ['not-an-id', 'a\u0000', 7, '']) {
      expectRefused(await boss.post('/api/v1/quick-responses', { ...valid, teamId }), `${teamId}`);
    }
    const unknown = await boss.post('/api/v1/quick-responses', {
      ...valid,
      teamId: '01890a5d-ac96-774b-bcce-b302099a8057',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const team = await boss.post('/api/v1/teams', { name: 'Bursary' });
    const both = await boss.post('/api/v1/quick-responses', {
      ...valid,
      teamId: team.body.id,
      shared: true,
    });
    expectRefused(both, 'shared and a team’s');
    expect(both.body.error.field).toBe('teamId');
    const saved = await boss.post('/api/v1/quick-responses', { ...valid, teamId: team.body.id });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      scope: 'team',
      shared: false,
      ownerId: null,
      team: { id: team.body.id, name: 'Bursary' },
    });
    expectRefused(
      await boss.patch(`/api/v1/quick-responses/${saved.body.id}`, { teamId: null }),
      'teamId: null',
    );
    await boss.patch(`/api/v1/teams/${team.body.id}`, { archived: true });
    const archived = await boss.post('/api/v1/quick-responses', { ...valid, teamId: team.body.id });
    expect(archived.status).toBe(409);
    expect(archived.body.error.code).toBe('TEAM_ARCHIVED');
  });

  it("refuses bad ids, limits and cursors of a customer's chats", async () => {
    const ama = await server.signUp('Ama', 'admin');
    const id = ama.user!.id;
    for (const path of [
      '/api/v1/customers/not-an-id/sessions',
      '/api/v1/customers/%00/sessions',
      `/api/v1/customers/${id}/sessions?limit=0`,
      `/api/v1/customers/${id}/sessions?limit=101`,
      `/api/v1/customers/${id}/sessions?limit=many`,
      `/api/v1/customers/${id}/sessions?cursor=${cursorOf(['x'])}`,
      `/api/v1/customers/${id}/sessions?cursor=%00`,
    ]) {
      expectRefused(await ama.get(path), path);
    }
    const unknown = await ama.get(
      '/api/v1/customers/01890a5d-ac96-774b-bcce-b302099a8057/sessions',
    );
    expect(unknown.status).toBe(404);
  });

  it('refuses bad availability questions and offline messages', async () => {
    const yaw = await server.signUp('Yaw');
    const valid = { subject: 'Closed', message: 'Call me back' };
    for (const [method, path, body] of [
      ['GET', '/api/v1/availability?topicId=fees', undefined],
      ['GET', '/api/v1/availability?topicId=%00', undefined],
      ['POST', '/api/v1/offline-messages', {}],
      ['POST', '/api/v1/offline-messages', { ...valid, subject: ' ' }],
      ['POST', '/api/v1/offline-messages', { ...valid, message: 'half \ud83d' }],
      ['POST', '/api/v1/offline-messages', { ...valid, topicId: 'fees' }],
      ['POST', '/api/v1/offline-messages', { ...valid, email: 'not an address' }],
      ['POST', '/api/v1/offline-messages', { ...valid, timeZone: 'x'.repeat(65) }],
      ['POST', '/api/v1/offline-messages', { ...valid, fields: [] }],
    ] as const) {
      expectRefused(
        await yaw.request(method, path, body),
        `${method} ${path} ${JSON.stringify(body)}`,
      );
    }
    // An unknown zone is no error: the automatic reply gives the time in UTC.
    const left = await yaw.post('/api/v1/offline-messages', { ...valid, timeZone: 'Mars/Base' });
    expect(left.status).toBe(201);
  });

  it('refuses bad tickets, replies, merges, filters and cursors before they reach a query', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const yaw = await server.signUp('Yaw');
    const filed = await yaw.post('/api/v1/tickets', { subject: 'Refund', message: 'Please' });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    const chat = await yaw.startChat();
    const valid = { subject: 'Refund', message: 'Please' };
    for (const [method, path, body] of [
      ['POST', '/api/v1/tickets', {}],
      ['POST', '/api/v1/tickets', { ...valid, subject: '  ' }],
      ['POST', '/api/v1/tickets', { ...valid, subject: 'a\u0000b' }],
      ['POST', '/api/v1/tickets', { ...valid, message: 'x'.repeat(10_001) }],
      ['POST', '/api/v1/tickets', { ...valid, message: 'half \ud83d' }],
      ['POST', '/api/v1/tickets', { ...valid, priority: 'asap' }],
      ['POST', '/api/v1/tickets', { ...valid, topicId: 'fees' }],
      ['POST', '/api/v1/tickets', { ...valid, teamId: '\u0000' }],
      ['POST', '/api/v1/tickets', { ...valid, requesterId: 7 }],
      ['POST', '/api/v1/tickets', { ...valid, channel: 'fax' }],
      ['POST', '/api/v1/tickets', { ...valid, tags: ['no!'] }],
      ['POST', '/api/v1/tickets', { ...valid, tags: 'refund' }],
      ['POST', '/api/v1/tickets', { ...valid, fields: [] }],
      ['POST', '/api/v1/tickets', { ...valid, fields: { student_id: { nested: 1 } } }],
      ['POST', '/api/v1/tickets', { ...valid, fields: { student_id: 'a\u0000' } }],
      ['POST', '/api/v1/tickets', { ...valid, fields: { unknown: 'x' } }],
      ['PATCH', `/api/v1/tickets/${id}`, { status: 'done' }],
      ['PATCH', `/api/v1/tickets/${id}`, { subject: '' }],
      ['PATCH', `/api/v1/tickets/${id}`, { assigneeId: 'kofi' }],
      ['PATCH', `/api/v1/tickets/${id}`, { teamId: 3 }],
      ['PATCH', `/api/v1/tickets/${id}`, { tags: [''] }],
      ['PATCH', `/api/v1/tickets/${id}`, { fields: { x: [1] } }],
      ['PATCH', '/api/v1/tickets/not-an-id', { priority: 'low' }],
      ['POST', `/api/v1/tickets/${id}/messages`, {}],
      ['POST', `/api/v1/tickets/${id}/messages`, { body: ' ' }],
      ['POST', `/api/v1/tickets/${id}/messages`, { body: 'hi', kind: 'memo' }],
      ['POST', `/api/v1/tickets/${id}/messages`, { body: 'hi', clientId: 'a\u0000' }],
      ['POST', `/api/v1/tickets/${id}/messages`, { body: 'hi', status: 'closed' }],
      ['POST', '/api/v1/tickets/%00/messages', { body: 'hi' }],
      ['PUT', `/api/v1/tickets/${id}/ccs`, {}],
      ['PUT', `/api/v1/tickets/${id}/ccs`, { emails: 'ama@home.example' }],
      ['PUT', `/api/v1/tickets/${id}/ccs`, { emails: ['not an address'] }],
      ['PUT', `/api/v1/tickets/${id}/ccs`, { emails: [`${'a'.repeat(250)}@x.example`] }],
      ['PUT', `/api/v1/tickets/${id}/ccs`, { emails: Array(21).fill('a@x.example') }],
      ['PUT', '/api/v1/tickets/%00/ccs', { emails: [] }],
      ['POST', `/api/v1/tickets/${id}/merge`, {}],
      ['POST', `/api/v1/tickets/${id}/merge`, { targetId: '#2' }],
      ['POST', '/api/v1/tickets/x/merge', { targetId: id }],
      ['POST', '/api/v1/sessions/x/ticket', {}],
      ['POST', `/api/v1/sessions/${chat}/ticket`, { priority: 'asap' }],
      ['POST', `/api/v1/sessions/${chat}/ticket`, { subject: '' }],
    ] as const) {
      expectRefused(
        await boss.request(method, path, body),
        `${method} ${path} ${JSON.stringify(body)}`,
      );
    }
    const unknownField = await boss.post('/api/v1/tickets', { ...valid, fields: { unknown: 'x' } });
    expect(unknownField.body.error.field).toBe('fields.unknown');
    for (const path of [
      '/api/v1/tickets/not-an-id',
      '/api/v1/tickets/%00/messages',
      '/api/v1/tickets/x/events',
      '/api/v1/tickets/x/ccs',
      `/api/v1/tickets/x/messages/${id}/original`,
      `/api/v1/tickets/${id}/messages/not-an-id/original`,
      `/api/v1/tickets/${id}/messages/%00/original`,
      `/api/v1/tickets/${id}/messages/${'a'.repeat(200)}/original`,
      '/api/v1/tickets?status=bogus',
      '/api/v1/tickets?status=',
      '/api/v1/tickets?status=open,,new',
      '/api/v1/tickets?teamId=x',
      '/api/v1/tickets?assigneeId=someone',
      '/api/v1/tickets?requesterId=%00',
      '/api/v1/tickets?priority=asap',
      '/api/v1/tickets?number=abc',
      '/api/v1/tickets?number=0',
      '/api/v1/tickets?number=1.5',
      '/api/v1/tickets?number=%231',
      '/api/v1/tickets?tag=%00',
      '/api/v1/tickets?sort=name',
      '/api/v1/tickets?limit=0',
      '/api/v1/tickets?limit=101',
      `/api/v1/tickets?cursor=${cursorOf(['u', 'x', id])}`,
      `/api/v1/tickets?cursor=${cursorOf(['p', 1, Date.now(), id])}`,
      `/api/v1/tickets?sort=priority&cursor=${cursorOf(['p', 9, Date.now(), id])}`,
      `/api/v1/tickets?sort=due&cursor=${cursorOf(['d', 1.5, id])}`,
      `/api/v1/tickets?sort=due&cursor=${cursorOf(['u', Date.now(), id])}`,
      `/api/v1/tickets?sort=number&cursor=${cursorOf(['n', 1.5])}`,
      `/api/v1/tickets?sort=number&cursor=${cursorOf(['n', 'x'])}`,
      `/api/v1/tickets?sort=created&cursor=${cursorOf(['u', Date.now(), id])}`,
      `/api/v1/tickets?sort=created&cursor=${cursorOf(['c', Date.now(), '%00'])}`,
      `/api/v1/tickets/${id}/messages?cursor=${cursorOf([1, 'a\u0000'])}`,
      `/api/v1/tickets/${id}/messages?limit=201`,
      `/api/v1/tickets/${id}/events?cursor=${cursorOf(['x'])}`,
      `/api/v1/tickets/${id}/events?cursor=${cursorOf([-1])}`,
      '/api/v1/reports/tickets?from=2026-01-01&to=2026-01-02&priority=critical',
      '/api/v1/reports/tickets?from=2026-01-01&to=2026-01-02&channel=fax',
      // The chat reports' filters: an unknown priority, a malformed agent or topic id.
      ...['chats', 'chats/heatmap', 'chats/daily', 'agents', 'surveys', 'chats.csv'].flatMap(
        (report) =>
          [
            'priority=critical',
            'priority=',
            'agentId=x',
            'agentId=%00',
            'topicId=x',
            'topicId=',
          ].map((filter) => `/api/v1/reports/${report}?from=2026-01-01&to=2026-01-02&${filter}`),
      ),
      ...[
        'chats',
        'chats/heatmap',
        'chats/daily',
        'agents',
        'chats.csv',
        'tickets',
        'tickets.csv',
        'surveys',
      ].flatMap((report) =>
        [
          '',
          '?from=2026-01-01T00:00:00Z',
          '?from=yesterday&to=2026-01-02T00:00:00Z',
          '?from=2026-02-30&to=2026-03-02',
          '?from=2026-01-01&to=2026-1-2',
          '?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
          '?from=2026-01-02&to=2026-01-01',
          '?from=2026-01-01T10:00:00Z&to=2026-01-01T10:00:00Z',
          '?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
          '?from=2025-01-01&to=2026-02-05',
          '?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&teamId=x',
          '?from=2026-01-01&to=2026-01-02&teamId=%00',
        ].map((query) => `/api/v1/reports/${report}${query}`),
      ),
      '/api/v1/search',
      '/api/v1/search?q=',
      '/api/v1/search?q=%20%20',
      '/api/v1/search?q=a%00b',
      `/api/v1/search?q=${'x'.repeat(201)}`,
      '/api/v1/search?q=refund&kind=files',
      '/api/v1/search?q=refund&limit=51',
      '/api/v1/search?q=refund&status=bogus',
      `/api/v1/search?q=refund&kind=tickets&cursor=${cursorOf(['s', -1])}`,
      `/api/v1/search?q=refund&kind=tickets&cursor=${cursorOf(['u', Date.now(), id])}`,
      '/api/v1/search?q=&kind=chats',
      `/api/v1/search?q=${'x'.repeat(201)}&kind=chats`,
      `/api/v1/search?q=refund&kind=chats&cursor=${cursorOf(['s', 1001])}`,
      `/api/v1/search?q=refund&kind=chats&cursor=${cursorOf([Date.now(), id])}`,
      '/api/v1/search?q=refund&kind=chats&cursor=%00',
      '/api/v1/search?q=%20&kind=people',
      `/api/v1/search?q=ana&kind=people&cursor=${cursorOf(['s', 0])}`,
      '/api/v1/search?q=refund&kind=chat',
      '/api/v1/search?q=refund&kind=',
      // Each kind pages on its own: `all` answers first pages only.
      `/api/v1/search?q=refund&kind=all&cursor=${cursorOf(['s', 1])}`,
      `/api/v1/search?q=refund&cursor=${cursorOf(['s', 1])}`,
    ]) {
      expectRefused(await boss.get(path), path);
    }
    // What FTS5 or tsquery would read as operators is only text: found or not, never an error.
    for (const q of [
      '"',
      '*',
      '-',
      '"refund',
      'refund"',
      'NEAR(refund',
      'ref*',
      '-refund',
      "'",
      'a:*',
      '&|!',
      '()',
      'OR',
      'NOT refund',
      '^r',
      '\\',
    ]) {
      for (const kind of ['all', 'tickets', 'chats']) {
        const searched = await yaw.get(`/api/v1/search?q=${encodeURIComponent(q)}&kind=${kind}`);
        expect(searched.status, `${q} in ${kind}`).toBe(200);
      }
      const people = await boss.get(`/api/v1/search?q=${encodeURIComponent(q)}&kind=people`);
      expect(people.status, `${q} in people`).toBe(200);
    }
    const refunds = await yaw.get(
      `/api/v1/search?q=${encodeURIComponent('"refund*')}&kind=tickets`,
    );
    expect(refunds.body.items.map((i: { ticket: { id: string } }) => i.ticket.id)).toEqual([id]);
    for (const path of [
      `/api/v1/tickets?cursor=${cursorOf(['u', Date.now(), id])}`,
      `/api/v1/tickets?sort=priority&cursor=${cursorOf(['p', 2, Date.now(), id])}`,
      `/api/v1/tickets?sort=due&cursor=${cursorOf(['d', null, id])}`,
      `/api/v1/tickets?sort=due&cursor=${cursorOf(['d', Date.now(), id])}`,
      `/api/v1/tickets?sort=number&cursor=${cursorOf(['n', 1])}`,
      `/api/v1/tickets?sort=created&cursor=${cursorOf(['c', Date.now(), id])}`,
      '/api/v1/tickets?status=new,open&assigneeId=none&teamId=none',
      '/api/v1/tickets?number=1',
      `/api/v1/tickets/${id}/messages?cursor=${cursorOf([Date.now(), id])}`,
      `/api/v1/tickets/${id}/events?cursor=${cursorOf([1])}`,
    ]) {
      expect((await boss.get(path)).status, path).toBe(200);
    }
    const unknown = await boss.get('/api/v1/tickets/01890a5d-ac96-774b-bcce-b302099a8057');
    expect(unknown.status).toBe(404);
  });

  it('refuses a bulk change of no tickets, too many, bad ids or not exactly one change', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const yaw = await server.signUp('Yaw');
    const id = (await yaw.post('/api/v1/tickets', { subject: 'Refund', message: 'Please' })).body
      .id as string;
    const status = { kind: 'status', status: 'pending' };
    const many = Array.from({ length: 101 }, () => id);
    for (const body of [
      {},
      { ticketIds: [], change: status },
      { ticketIds: many, change: status },
      { ticketIds: ['#1'], change: status },
      { ticketIds: ['\u0000'], change: status },
      { ticketIds: id, change: status },
      { ticketIds: [id] },
      { ticketIds: [id], change: {} },
      { ticketIds: [id], change: { kind: 'subject', subject: 'x' } },
      { ticketIds: [id], change: { kind: 'status', status: 'done' } },
      { ticketIds: [id], change: { kind: 'status' } },
      { ticketIds: [id], change: { kind: 'assignee', assigneeId: 'kofi' } },
      { ticketIds: [id], change: { kind: 'addTags', tags: [] } },
      { ticketIds: [id], change: { kind: 'removeTags', tags: ['no!'] } },
      { ticketIds: [id], change: { kind: 'merge', targetId: '#2' } },
      { ticketIds: [id], change: [status, status] },
    ]) {
      expectRefused(await boss.post('/api/v1/tickets/bulk', body), JSON.stringify(body));
    }
    // Ids of no ticket are each ticket's failure, the others are changed.
    const unknown = '01890a5d-ac96-774b-bcce-b302099a8057';
    const mixed = await boss.post('/api/v1/tickets/bulk', {
      ticketIds: [unknown, id],
      change: status,
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body.results.map((r: { status: number }) => r.status)).toEqual([404, 200]);
    expect(mixed.body.results[0].error.code).toBe('NOT_FOUND');
  });

  it('refuses saved views with a bad name, query or id, naming the field', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const query = { sort: 'updated' };
    for (const body of [
      {},
      { name: '', query },
      { name: 'a\u0000', query },
      { name: 'x'.repeat(201), query },
      { name: 'Refunds' },
      { name: 'Refunds', query: [] },
      { name: 'Refunds', query: { sort: 'name' } },
      { name: 'Refunds', query: { status: 'new' } },
      { name: 'Refunds', query: { status: [] } },
      { name: 'Refunds', query: { status: ['done'] } },
      { name: 'Refunds', query: { teamId: 'x' } },
      { name: 'Refunds', query: { assigneeId: 'kofi' } },
      { name: 'Refunds', query: { priority: 'asap' } },
      { name: 'Refunds', query: { tag: '\u0000' } },
      { name: 'Refunds', query: { cursor: 'abc' } },
      { name: 'Refunds', query: { q: 'words' } },
      { name: 'Refunds', query, shared: 'yes' },
    ]) {
      expectRefused(await boss.post('/api/v1/ticket-views', body), JSON.stringify(body));
    }
    const saved = await boss.post('/api/v1/ticket-views', { name: 'Refunds', query });
    expect(saved.status).toBe(201);
    const at = `/api/v1/ticket-views/${saved.body.id}`;
    for (const [method, path, body] of [
      ['PATCH', at, { name: ' ' }],
      ['PATCH', at, { query: { sort: 'name' } }],
      ['PATCH', at, { shared: 1 }],
      ['PATCH', '/api/v1/ticket-views/x', { name: 'Fine' }],
      ['DELETE', '/api/v1/ticket-views/%00', undefined],
    ] as const) {
      expectRefused(await boss.request(method, path, body), `${method} ${path}`);
    }
    const unknown = await boss.request(
      'DELETE',
      '/api/v1/ticket-views/01890a5d-ac96-774b-bcce-b302099a8057',
    );
    expect(unknown.status).toBe(404);
  });

  it('refuses bad ticket fields, SLA policies and calendars, naming what is wrong', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const hours = { mon: [{ start: '09:00', end: '17:00' }] };
    const calendar = { name: 'Office', timeZone: 'Africa/Accra', weeklyHours: hours };
    const made = await boss.post('/api/v1/calendars', calendar);
    expect(made.status).toBe(201);
    const field = await boss.post('/api/v1/ticket-fields', {
      key: 'student_id',
      label: 'Student ID',
      type: 'text',
    });
    expect(field.status).toBe(201);
    const policy = { name: 'Desk', clock: 'calendar', targets: {} };
    const cases: Array<[string, string, unknown, string?]> = [
      ['POST', '/api/v1/ticket-fields', {}],
      ['POST', '/api/v1/ticket-fields', { key: 'Student ID', label: 'S', type: 'text' }, 'key'],
      ['POST', '/api/v1/ticket-fields', { key: 'student_id', label: 'S', type: 'text' }, 'key'],
      ['POST', '/api/v1/ticket-fields', { key: 'dob', label: 'Born', type: 'date' }],
      [
        'POST',
        '/api/v1/ticket-fields',
        { key: 'level', label: 'Level', type: 'select' },
        'options',
      ],
      [
        'POST',
        '/api/v1/ticket-fields',
        { key: 'level', label: 'Level', type: 'select', options: ['A', 'A'] },
        'options',
      ],
      [
        'POST',
        '/api/v1/ticket-fields',
        { key: 'note', label: 'Note', type: 'text', options: ['A'] },
        'options',
      ],
      [
        'POST',
        '/api/v1/ticket-fields',
        { key: 'year', label: 'Year', type: 'number', min: 5, max: 1 },
        'max',
      ],
      ['POST', '/api/v1/ticket-fields', { key: 'x', label: ' ', type: 'checkbox' }],
      ['PATCH', `/api/v1/ticket-fields/${field.body.id}`, { required: 'yes' }],
      ['PATCH', `/api/v1/ticket-fields/${field.body.id}`, { min: 3 }, 'min'],
      ['PATCH', '/api/v1/ticket-fields/x', { label: 'Y' }],
      ['POST', '/api/v1/sla-policies', {}],
      ['POST', '/api/v1/sla-policies', { ...policy, clock: 'business' }, 'calendarId'],
      ['POST', '/api/v1/sla-policies', { ...policy, clock: 'weekly' }],
      ['POST', '/api/v1/sla-policies', { ...policy, targets: { asap: {} } }],
      [
        'POST',
        '/api/v1/sla-policies',
        { ...policy, targets: { high: { firstResponseMinutes: 0, resolutionMinutes: null } } },
      ],
      ['POST', '/api/v1/sla-policies', { ...policy, atRiskFraction: 1 }],
      ['POST', '/api/v1/sla-policies', { ...policy, teamId: 'it' }],
      ['PATCH', '/api/v1/sla-policies/x', { name: 'Y' }],
      ['POST', '/api/v1/calendars', { ...calendar, timeZone: 'Mars/Olympus' }, 'timeZone'],
      ['POST', '/api/v1/calendars', { ...calendar, weeklyHours: { monday: hours.mon } }],
      ['POST', '/api/v1/calendars', { ...calendar, weeklyHours: {} }, 'weeklyHours'],
      [
        'POST',
        '/api/v1/calendars',
        { ...calendar, weeklyHours: { mon: [{ start: '25:00', end: '26:00' }] } },
        'weeklyHours.mon',
      ],
      ['POST', '/api/v1/calendars', { ...calendar, holidays: ['2026-13-01'] }, 'holidays'],
      [
        'POST',
        '/api/v1/calendars',
        { ...calendar, holidays: [{ from: '2026-02-01', to: '2026-01-01' }] },
        'holidays',
      ],
      ['PATCH', `/api/v1/calendars/${made.body.id}`, { timeZone: 'Nowhere' }, 'timeZone'],
      ['PATCH', '/api/v1/calendars/x', { name: 'Y' }],
      ['DELETE', '/api/v1/calendars/x', undefined],
      ['DELETE', '/api/v1/sla-policies/%00', undefined],
      ['DELETE', '/api/v1/ticket-fields/x', undefined],
    ];
    for (const [method, path, body, field] of cases) {
      const reply = await boss.request(method, path, body);
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      expectRefused(reply, what);
      if (field) expect(reply.body.error.field, what).toBe(field);
    }
    const unknownCalendar = await boss.post('/api/v1/sla-policies', {
      ...policy,
      clock: 'business',
      calendarId: '01890a5d-ac96-774b-bcce-b302099a8057',
    });
    expect(unknownCalendar.status).toBe(404);
  });

  it('refuses bad widget settings, naming the field', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const settings = {
      color: '#0f766e',
      position: 'bottom-left',
      greeting: '',
      topicIds: [],
      allowedOrigins: [],
    };
    for (const [body, field] of [
      [{ ...settings, color: '#0f766' }, 'color'],
      [{ ...settings, position: 'middle' }, 'position'],
      [{ ...settings, greeting: 'Hi\u0000' }, 'greeting'],
      [{ ...settings, topicIds: [''] }, 'topicIds.0'],
      [{ ...settings, allowedOrigins: ['javascript:alert(1)'] }, 'allowedOrigins.0'],
      [{ ...settings, allowedOrigins: "'self' https://evil.example" }, 'allowedOrigins'],
      [{ ...settings, allowedOrigins: ['https://a.example; script-src *'] }, 'allowedOrigins.0'],
      [[], undefined],
    ] as const) {
      const reply = await boss.put('/api/v1/widget-settings', body);
      const what = JSON.stringify(body);
      expectRefused(reply, what);
      if (field) expect(reply.body.error.field, what).toBe(field);
    }
  });

  it('refuses bad transcript ids, formats, zones and any address in the mail body', async () => {
    const yaw = await server.signUp('Yaw');
    const id = await yaw.startChat();
    for (const path of [
      '/api/v1/sessions/%00/transcript',
      '/api/v1/sessions/not-an-id/transcript?format=text',
      `/api/v1/sessions/${id}/transcript?format=pdf`,
      `/api/v1/sessions/${id}/transcript?format=`,
      `/api/v1/sessions/${id}/transcript?timeZone=Not/AZone`,
      `/api/v1/sessions/${id}/transcript?timeZone=${'A'.repeat(100)}`,
    ]) {
      expectRefused(await yaw.get(path), path);
    }
    for (const [path, body] of [
      ['/api/v1/sessions/not-an-id/transcript/email', {}],
      [`/api/v1/sessions/${id}/transcript/email`, { to: 'someone@example.com' }],
      [`/api/v1/sessions/${id}/transcript/email`, []],
    ] as const) {
      expectRefused(await yaw.post(path, body), path);
    }
    const unknown = '01890a5d-ac96-774b-bcce-b302099a8057';
    expect((await yaw.get(`/api/v1/sessions/${unknown}/transcript`)).status).toBe(404);
  });

  it('ends a chat on a POST without a body, as with {}', async () => {
    const yaw: Client = await server.signUp('Yaw');
    const { body } = await yaw.post('/api/v1/sessions', { subject: 'Help', message: 'hi' });
    const ended = await yaw.request('POST', `/api/v1/sessions/${body.id}/end`);
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endedBy: 'user' });
  });

  it('refuses bad addresses, tokens and passwords of the mail routes, and bad outbox queries', async () => {
    const boss = await server.signUp('Boss', 'super_admin');
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    const cases: Array<[string, string, unknown, string?]> = [
      ['POST', '/api/v1/auth/password-reset', { email: 'not an address' }, 'email'],
      ['POST', '/api/v1/auth/password-reset', { email: 'a\u0000@example.com' }, 'email'],
      ['POST', '/api/v1/auth/password-reset', {}, 'email'],
      [
        'POST',
        '/api/v1/auth/password-reset/confirm',
        { token: 'a\u0000', password: 'long enough 1' },
        'token',
      ],
      [
        'POST',
        '/api/v1/auth/password-reset/confirm',
        { token: 'x'.repeat(201), password: 'long enough 1' },
        'token',
      ],
      [
        'POST',
        '/api/v1/auth/password-reset/confirm',
        { token: 'abc', password: 'short' },
        'password',
      ],
      [
        'POST',
        '/api/v1/auth/password-reset/confirm',
        { token: 'abc', password: 'smile \ud83d long' },
        'password',
      ],
      ['POST', '/api/v1/auth/verify-email', { token: '' }, 'token'],
      ['GET', `/api/v1/ticket-surveys/${'x'.repeat(201)}`, undefined],
      ['GET', '/api/v1/ticket-surveys/a%00b', undefined],
      ['POST', '/api/v1/ticket-surveys/a.b', { rating: 4 }],
      ['POST', '/api/v1/ticket-surveys/abc', { rating: 0 }, 'rating'],
      ['POST', '/api/v1/ticket-surveys/abc', { rating: 6 }, 'rating'],
      ['POST', '/api/v1/ticket-surveys/abc', { rating: 4.5 }, 'rating'],
      ['POST', '/api/v1/ticket-surveys/abc', {}, 'rating'],
      ['POST', '/api/v1/ticket-surveys/abc', { rating: 4, comment: '' }, 'comment'],
      ['POST', '/api/v1/ticket-surveys/abc', { rating: 4, comment: 'a\u0000b' }, 'comment'],
      ['POST', '/api/v1/auth/email-change', { email: 'nope', password: 'x' }, 'email'],
      // Checked before the deployment's CUSTOMER_SIGN_UP: a bad body is a 400 in every mode.
      ['POST', '/api/v1/sign-up', { email: 'a@example.com', password: 'long enough!' }, 'name'],
      ['POST', '/api/v1/sign-up', { name: 'A', email: 'nope', password: 'long enough!' }, 'email'],
      [
        'POST',
        '/api/v1/sign-up',
        { name: 'A', email: 'a@example.com', password: 'short' },
        'password',
      ],
      [
        'POST',
        '/api/v1/sign-up',
        { name: ' ', email: 'a@example.com', password: 'long enough!' },
        'name',
      ],
      ['GET', '/api/v1/mail/outbox?status=lost', undefined, 'status'],
      ['GET', '/api/v1/mail/outbox?limit=0', undefined, 'limit'],
      ['GET', `/api/v1/mail/outbox?cursor=${cursorOf(['x', id])}`, undefined, 'cursor'],
      ['GET', `/api/v1/mail/outbox?cursor=${cursorOf([1.5, id])}`, undefined, 'cursor'],
      ['GET', `/api/v1/mail/outbox?cursor=${cursorOf([1, 'a\u0000'])}`, undefined, 'cursor'],
      ['POST', '/api/v1/mail/outbox/%00/retry', undefined],
      ['POST', '/api/v1/mail/outbox/not-an-id/retry', undefined],
    ];
    for (const [method, path, body, field] of cases) {
      const reply = await boss.request(method, path, body);
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      expectRefused(reply, what);
      if (field) expect(reply.body.error.field, what).toBe(field);
    }
    const unknown = await boss.post(`/api/v1/mail/outbox/${id}/retry`);
    expect(unknown.status).toBe(404);
    // A token that parses but was never made is refused as a link, not as input.
    const made = await boss.post('/api/v1/auth/verify-email', { token: 'never-made' });
    expect(made.status).toBe(400);
    expect(made.body.error.code).toBe('INVALID_TOKEN');
  });

  it('refuses bad visitor names, addresses and identities, naming the field', async () => {
    const anyone = new Client(server.url);
    const created = await anyone.post('/api/v1/visitors', {});
    const bearer = { authorization: `Bearer ${created.body.token as string}` };
    const cases: Array<[string, string, unknown, string?]> = [
      ['POST', '/api/v1/visitors', { name: '' }, 'name'],
      ['POST', '/api/v1/visitors', { name: 'x'.repeat(101) }, 'name'],
      ['POST', '/api/v1/visitors', { name: 'a\u0000b' }, 'name'],
      ['POST', '/api/v1/visitors', { name: 7 }, 'name'],
      ['PATCH', '/api/v1/visitors/me', {}],
      ['PATCH', '/api/v1/visitors/me', { email: 'nope' }, 'email'],
      ['PATCH', '/api/v1/visitors/me', { email: `${'a'.repeat(250)}@example.com` }, 'email'],
      ['PATCH', '/api/v1/visitors/me', { name: '   ' }, 'name'],
      ['POST', '/api/v1/visitors/identify', {}],
      ['POST', '/api/v1/visitors/identify', { token: '' }],
      ['POST', '/api/v1/visitors/identify', { token: 'x'.repeat(5000) }],
      ['POST', '/api/v1/visitors', { cookie: 'yes' }, 'cookie'],
      ['POST', '/api/v1/visitors/identify', { userId: '' }],
      ['POST', '/api/v1/visitors/identify', { userId: 'u1', hmac: 'zz' }],
      ['POST', '/api/v1/visitors/identify', { userId: 'u1', hmac: 'a'.repeat(63) }],
      ['POST', '/api/v1/visitors/identify', { userId: 'u1', email: 'nope' }],
      ['POST', '/api/v1/visitors/identify', { userId: 7, hmac: 'a'.repeat(64) }],
    ];
    for (const [method, path, body, field] of cases) {
      const reply = await anyone.request(method, path, body, bearer);
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      expectRefused(reply, what);
      if (field) expect(reply.body.error.field, what).toBe(field);
    }
  });
});

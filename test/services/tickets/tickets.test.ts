// Filing, reading, listing and changing tickets against a real database: numbers one after
// another, the request as the first message, who sees which ticket (the list and the lookup
// agreeing for every viewer), the workflow's transitions and reopening, and who may assign.
import { expect, it } from 'vitest';
import type { Viewer } from '../../../src/domain/policies.js';
import {
  getTicket,
  listTicketHistory,
  listTicketMessages,
  listTickets,
} from '../../../src/services/tickets/ticketReader.js';
import {
  presentTicket,
  presentTicketEvent,
} from '../../../src/services/tickets/ticketPresenters.js';
import { FAN_OUT } from '../../../src/services/presenters.js';
import { closeSolvedTickets } from '../../../src/services/tickets/ticketAutoCloser.js';
import type { ListTicketsQuery } from '../../../src/shared/ticketsApi.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, refusal, type Desk } from '../../support/ticketDesk.js';

const query = (extra: Partial<ListTicketsQuery> = {}): ListTicketsQuery => ({
  sort: 'updated',
  limit: 50,
  ...extra,
});

async function statusOf(desk: Desk, id: string): Promise<string> {
  return (await getTicket(desk.world.ctx, desk.ada, id)).row.status;
}

describeEachDatabase('tickets', (db) => {
  it('files a request with the next number, its message first, on the default topic’s team', async () => {
    const desk = await makeDesk(db());
    const first = await desk.file(desk.yaw, { subject: 'Refund', message: 'I paid twice' });
    const second = await desk.file(desk.abena, { topicId: desk.wifi });
    const ctx = desk.world.ctx;
    const one = await getTicket(ctx, desk.yaw, first);
    expect(one.row).toMatchObject({
      number: 1,
      status: 'new',
      channel: 'web',
      requester_id: desk.yaw.id,
      team_id: desk.finance,
      assignee_id: null,
    });
    expect((await getTicket(ctx, desk.abena, second)).row).toMatchObject({
      number: 2,
      team_id: desk.it,
    });
    const thread = await listTicketMessages(ctx, desk.yaw, first, { limit: 50 });
    expect(thread.records.map((m) => [m.row.kind, m.row.body, m.author?.id])).toEqual([
      ['reply', 'I paid twice', desk.yaw.id],
    ]);
    // The requester sees the desk's details of their ticket as nothing.
    const own = presentTicket(one, { viewer: desk.yaw, agentEmailsToCustomers: false }, 0);
    expect(own).toMatchObject({ number: 1, team: null, tags: [], sla: null });
    expect(presentTicket(one, FAN_OUT, 0).team).toEqual({ id: desk.finance, name: 'Finance' });
  });

  it('keeps the desk’s choices from requesters', async () => {
    const desk = await makeDesk(db());
    for (const body of [
      { teamId: desk.it },
      { tags: ['vip'] },
      { assigneeId: desk.kofi.id },
      { requesterId: desk.abena.id },
      { channel: 'email' as const },
    ]) {
      expect(await refusal(desk.file(desk.yaw, body)), JSON.stringify(body)).toBe('FORBIDDEN');
    }
  });

  it('lets an agent file for a customer with a team, tags and an assignee, which opens it', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.kofi, {
      requesterId: desk.yaw.id,
      teamId: desk.finance,
      assigneeId: desk.esi.id,
      tags: ['refund', 'refund', 'bursary'],
    });
    const record = await getTicket(desk.world.ctx, desk.kofi, id);
    expect(record.row).toMatchObject({
      requester_id: desk.yaw.id,
      assignee_id: desk.esi.id,
      status: 'open',
      channel: 'api',
    });
    expect(record.tags).toEqual(['bursary', 'refund']);
    const history = await listTicketHistory(desk.world.ctx, desk.kofi, id, { limit: 50 });
    expect(history.records.map((e) => presentTicketEvent(e, FAN_OUT))).toMatchObject([
      { kind: 'created', to: { id, number: 1 }, actor: { id: desk.kofi.id } },
      { kind: 'assignee', from: null, to: { id: desk.esi.id, name: 'Esi' } },
      { kind: 'status', from: 'new', to: 'open' },
    ]);
    // Esi is no lead: she may not hand a ticket to a colleague.
    expect(
      await refusal(desk.file(desk.esi, { requesterId: desk.yaw.id, assigneeId: desk.kofi.id })),
    ).toBe('FORBIDDEN');
    expect(await refusal(desk.file(desk.kofi, { assigneeId: desk.yaw.id }))).toBe('NOT_FOUND');
  });

  it('shows each viewer the same tickets in the list as by lookup, and nothing else', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const tickets = {
      yawsFees: await desk.file(desk.yaw),
      yawsWifi: await desk.file(desk.yaw, { topicId: desk.wifi }),
      abenas: await desk.file(desk.abena),
      noTeam: await desk.file(desk.ada, { requesterId: desk.abena.id, teamId: null }),
      itForEfua: await desk.file(desk.ada, {
        requesterId: desk.abena.id,
        teamId: desk.it,
        assigneeId: desk.efua.id,
      }),
    };
    const expected: Array<[string, Viewer, Array<keyof typeof tickets>]> = [
      ['Yaw, a requester', desk.yaw, ['yawsFees', 'yawsWifi']],
      ['Abena, another', desk.abena, ['abenas', 'noTeam', 'itForEfua']],
      ['Esi, of Finance', desk.esi, ['yawsFees', 'abenas', 'noTeam']],
      ['Kofi, its lead', desk.kofi, ['yawsFees', 'abenas', 'noTeam']],
      ['Ama, lead of IT', desk.ama, ['yawsWifi', 'noTeam', 'itForEfua']],
      ['Efua, in no team', desk.efua, ['noTeam', 'itForEfua']],
      ['Ada, super admin', desk.ada, Object.keys(tickets) as Array<keyof typeof tickets>],
    ];
    for (const [who, viewer, names] of expected) {
      const listed = (await listTickets(ctx, viewer, query())).items.map((t) => t.row.id);
      const want = names.map((name) => tickets[name]);
      expect(new Set(listed), who).toEqual(new Set(want));
      for (const [name, id] of Object.entries(tickets)) {
        const seen = await getTicket(ctx, viewer, id).then(
          () => true,
          (error: { code: string }) => (error.code === 'NOT_FOUND' ? false : Promise.reject(error)),
        );
        expect(seen, `${who} looking up ${name}`).toBe(want.includes(id));
      }
    }
  });

  it('opens on the first agent reply, waits in pending, and reopens when the requester answers', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const id = await desk.file(desk.yaw);
    await desk.reply(desk.esi, id, 'Looking into it');
    const opened = await getTicket(ctx, desk.esi, id);
    expect(opened.row.status).toBe('open');
    expect(opened.row.first_responded_at).not.toBeNull();
    const firstResponse = opened.row.first_responded_at;
    await desk.reply(desk.esi, id, 'Which account did you pay from?', { status: 'pending' });
    expect(await statusOf(desk, id)).toBe('pending');
    await desk.reply(desk.yaw, id, 'The one ending 42');
    expect(await statusOf(desk, id)).toBe('open');
    await desk.change(desk.esi, id, { status: 'solved' });
    const solved = await getTicket(ctx, desk.esi, id);
    expect(solved.row.solved_at).not.toBeNull();
    await desk.reply(desk.yaw, id, 'It is still not there');
    const reopened = await getTicket(ctx, desk.esi, id);
    expect(reopened.row).toMatchObject({ status: 'open', solved_at: null });
    expect(reopened.row.first_responded_at).toBe(firstResponse);
    // On hold waits on a third party: the requester's message is stored, the status stays.
    await desk.change(desk.esi, id, { status: 'on_hold' });
    await desk.reply(desk.yaw, id, 'Any news?');
    expect(await statusOf(desk, id)).toBe('on_hold');
    const thread = await listTicketMessages(ctx, desk.yaw, id, { limit: 50 });
    expect(thread.records).toHaveLength(6);
  });

  it('lets the requester mark a request solved and reopen it, and change nothing else', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    expect(await refusal(desk.change(desk.yaw, id, { priority: 'urgent' }))).toBe('FORBIDDEN');
    expect(await refusal(desk.change(desk.yaw, id, { status: 'open' }))).toBe('FORBIDDEN');
    await desk.change(desk.yaw, id, { status: 'solved' });
    expect(await statusOf(desk, id)).toBe('solved');
    await desk.change(desk.yaw, id, { status: 'open' });
    expect(await statusOf(desk, id)).toBe('open');
    expect(await refusal(desk.change(desk.abena, id, { status: 'solved' }))).toBe('NOT_FOUND');
  });

  it('refuses statuses the desk may not set, and any change to a closed ticket', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    for (const status of ['closed', 'new'] as const) {
      expect(await refusal(desk.change(desk.esi, id, { status }))).toBe('INVALID_TRANSITION');
    }
    await desk.change(desk.esi, id, { status: 'solved' });
    desk.world.clock.advance(5 * 86_400_000);
    expect(await closeSolvedTickets(desk.world.ctx)).toEqual([id]);
    for (const changes of [
      { status: 'open' as const },
      { tags: ['late'] },
      { priority: 'low' as const },
    ]) {
      expect(await refusal(desk.change(desk.esi, id, changes))).toBe('TICKET_CLOSED');
    }
    expect(await refusal(desk.change(desk.yaw, id, { status: 'solved' }))).toBe('TICKET_CLOSED');
  });

  it('lets agents take free tickets and give up their own; leads and super admins assign anyone', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    await desk.change(desk.esi, id, { assigneeId: desk.esi.id });
    expect((await getTicket(desk.world.ctx, desk.ada, id)).row).toMatchObject({
      assignee_id: desk.esi.id,
      status: 'open',
    });
    // Efua is in no team: a Finance ticket is not hers to see, let alone take.
    expect(await refusal(desk.change(desk.efua, id, { assigneeId: desk.efua.id }))).toBe(
      'NOT_FOUND',
    );
    expect(await refusal(desk.change(desk.ama, id, { assigneeId: desk.ama.id }))).toBe('NOT_FOUND');
    await desk.change(desk.kofi, id, { assigneeId: desk.efua.id });
    // Now Efua sees it (it is hers), and Esi may no longer take it back.
    expect((await getTicket(desk.world.ctx, desk.efua, id)).row.assignee_id).toBe(desk.efua.id);
    expect(await refusal(desk.change(desk.esi, id, { assigneeId: desk.esi.id }))).toBe('FORBIDDEN');
    await desk.change(desk.efua, id, { assigneeId: null });
    await desk.change(desk.ada, id, { assigneeId: desk.ama.id, teamId: desk.it });
    const moved = await getTicket(desk.world.ctx, desk.ama, id);
    expect(moved.row).toMatchObject({ assignee_id: desk.ama.id, team_id: desk.it });
    expect(await refusal(getTicket(desk.world.ctx, desk.esi, id))).toBe('NOT_FOUND');
  });

  it('records each change once, with who made it, and leaves unchanged values out', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    await desk.change(desk.kofi, id, {
      subject: 'Refund of March fees',
      priority: 'high',
      tags: ['refund'],
      status: 'open',
    });
    await desk.change(desk.kofi, id, {
      priority: 'high',
      tags: ['refund'],
      subject: 'Refund of March fees',
    });
    const { records } = await listTicketHistory(desk.world.ctx, desk.kofi, id, { limit: 50 });
    expect(records.map((e) => presentTicketEvent(e, FAN_OUT))).toMatchObject([
      { kind: 'created' },
      { kind: 'subject', from: 'Refund', to: 'Refund of March fees', actor: { name: 'Kofi' } },
      { kind: 'priority', from: 'medium', to: 'high' },
      { kind: 'status', from: 'new', to: 'open' },
      { kind: 'tags', from: [], to: ['refund'] },
    ]);
    expect(await refusal(listTicketHistory(desk.world.ctx, desk.yaw, id, { limit: 50 }))).toBe(
      'FORBIDDEN',
    );
  });

  it('filters the inbox and pages through each sort without repeating or skipping', async () => {
    const desk = await makeDesk(db());
    const { ctx } = desk.world;
    const priorities = ['low', 'urgent', 'medium', 'high', 'urgent', 'low', 'medium'] as const;
    const ids: string[] = [];
    for (const priority of priorities) ids.push(await desk.file(desk.yaw, { priority }));
    await desk.change(desk.esi, ids[1]!, { assigneeId: desk.esi.id, tags: ['refund'] });
    await desk.change(desk.esi, ids[3]!, { status: 'pending' });
    for (const sort of ['updated', 'created', 'number', 'priority', 'due'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listTickets(ctx, desk.esi, query({ sort, limit: 3, cursor }));
        seen.push(...page.items.map((t) => t.row.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(ids.length);
      expect(seen.length, sort).toBe(ids.length);
      if (sort === 'priority') {
        const ranks = await Promise.all(
          seen.map(async (id) => (await getTicket(ctx, desk.ada, id)).row.priority_rank),
        );
        expect(ranks, 'most pressing first').toEqual([...ranks].sort((a, b) => b - a));
      }
      // Filed one after another: the newest (and highest number) first, whatever changed since.
      if (sort === 'created' || sort === 'number') expect(seen, sort).toEqual([...ids].reverse());
    }
    const list = async (extra: Partial<ListTicketsQuery>) =>
      (await listTickets(ctx, desk.esi, query(extra))).items.map((t) => t.row.id);
    expect(await list({ assigneeId: 'me' })).toEqual([ids[1]]);
    expect(await list({ tag: 'refund' })).toEqual([ids[1]]);
    expect(await list({ status: ['pending'] })).toEqual([ids[3]]);
    expect((await list({ status: ['new', 'open'] })).length).toBe(6);
    expect((await list({ assigneeId: 'none' })).length).toBe(6);
    // Updated last comes first: #2 was assigned after #5 was filed.
    expect(await list({ priority: 'urgent' })).toEqual([ids[1], ids[4]]);
    expect((await list({}))[0]).toBe(ids[3]);
    expect(await list({ teamId: 'none' })).toEqual([]);
  });
});

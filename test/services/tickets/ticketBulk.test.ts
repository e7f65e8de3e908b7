// Bulk changes of tickets against a real database: each ticket changed as alone (its rules, its
// history), per ticket rather than all or nothing, a ticket the caller may not see or change
// reported with the error it would have had, tags added and removed over each ticket's own, and
// several duplicates merged into one.
import { expect, it } from 'vitest';
import type { Viewer } from '../../../src/domain/policies.js';
import { changeTicketsInBulk } from '../../../src/services/tickets/ticketBulkChanger.js';
import { getTicket, listTicketHistory } from '../../../src/services/tickets/ticketReader.js';
import type { BulkTicketChange } from '../../../src/shared/ticketsApi.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk, refusal, type Desk } from '../../support/ticketDesk.js';

const UNKNOWN = '01890a5d-ac96-774b-bcce-b302099a8057';

async function bulk(desk: Desk, viewer: Viewer, ticketIds: string[], change: BulkTicketChange) {
  const results = await changeTicketsInBulk(desk.world.ctx, { viewer, ticketIds, change });
  return results.map((r) => [r.ticketId, r.status, r.error?.code ?? null]);
}

const row = async (desk: Desk, id: string) => getTicket(desk.world.ctx, desk.ada, id);

describeEachDatabase('bulk ticket changes', (db) => {
  it('changes each ticket the caller may change and reports the others, each once', async () => {
    const desk = await makeDesk(db());
    const a = await desk.file(desk.yaw);
    const b = await desk.file(desk.yaw);
    const it = await desk.file(desk.abena, { topicId: desk.wifi });
    // Esi works Finance: the IT ticket is as unknown to her as an id nobody made.
    expect(
      await bulk(desk, desk.esi, [a, it, UNKNOWN, b, a], { kind: 'status', status: 'pending' }),
    ).toEqual([
      [a, 200, null],
      [it, 404, 'NOT_FOUND'],
      [UNKNOWN, 404, 'NOT_FOUND'],
      [b, 200, null],
    ]);
    expect((await row(desk, a)).row.status).toBe('pending');
    expect((await row(desk, it)).row.status).toBe('new');
    const history = await listTicketHistory(desk.world.ctx, desk.ada, a, { limit: 50 });
    expect(history.records.map((e) => [e.row.kind, e.row.actor_id])).toContainEqual([
      'status',
      desk.esi.id,
    ]);
    // The workflow and the assignment rules of one ticket hold for each.
    expect(await bulk(desk, desk.esi, [a], { kind: 'status', status: 'new' })).toEqual([
      [a, 409, 'INVALID_TRANSITION'],
    ]);
    expect(await bulk(desk, desk.esi, [a], { kind: 'assignee', assigneeId: desk.kofi.id })).toEqual(
      [[a, 403, 'FORBIDDEN']],
    );
    expect(
      await bulk(desk, desk.kofi, [a, b], { kind: 'assignee', assigneeId: desk.esi.id }),
    ).toEqual([
      [a, 200, null],
      [b, 200, null],
    ]);
    expect((await row(desk, b)).row.assignee_id).toBe(desk.esi.id);
    expect(await bulk(desk, desk.ada, [it], { kind: 'priority', priority: 'urgent' })).toEqual([
      [it, 200, null],
    ]);
    expect(await bulk(desk, desk.ada, [it], { kind: 'team', teamId: desk.finance })).toEqual([
      [it, 200, null],
    ]);
    expect((await row(desk, it)).row).toMatchObject({ priority: 'urgent', team_id: desk.finance });
  });

  it('adds and removes tags over each ticket’s own', async () => {
    const desk = await makeDesk(db());
    const a = await desk.file(desk.yaw);
    const b = await desk.file(desk.yaw);
    await desk.change(desk.esi, a, { tags: ['fees'] });
    await bulk(desk, desk.esi, [a, b], { kind: 'addTags', tags: ['refund', 'late'] });
    await bulk(desk, desk.esi, [a], { kind: 'removeTags', tags: ['late', 'unknown'] });
    expect((await row(desk, a)).tags).toEqual(['fees', 'refund']);
    expect((await row(desk, b)).tags).toEqual(['late', 'refund']);
  });

  it('merges several duplicates into one target, refusing the target itself', async () => {
    const desk = await makeDesk(db());
    const target = await desk.file(desk.yaw);
    const one = await desk.file(desk.yaw);
    const two = await desk.file(desk.yaw);
    const other = await desk.file(desk.abena);
    expect(
      await bulk(desk, desk.esi, [one, two, target, other], { kind: 'merge', targetId: target }),
    ).toEqual([
      [one, 200, null],
      [two, 200, null],
      [target, 409, 'INVALID_MERGE'],
      [other, 409, 'INVALID_MERGE'],
    ]);
    expect((await row(desk, one)).row).toMatchObject({ status: 'closed', merged_into: target });
    expect((await row(desk, two)).row.merged_into).toBe(target);
  });

  it('is the desk’s: a requester is refused, changing nothing', async () => {
    const desk = await makeDesk(db());
    const a = await desk.file(desk.yaw);
    expect(
      await refusal(
        changeTicketsInBulk(desk.world.ctx, {
          viewer: desk.yaw,
          ticketIds: [a],
          change: { kind: 'status', status: 'solved' },
        }),
      ),
    ).toBe('FORBIDDEN');
    expect((await row(desk, a)).row.status).toBe('new');
  });
});

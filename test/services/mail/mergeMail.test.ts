// The mail of a merge: the merged ticket's requester is told once where it went (with the link),
// threaded on the merged ticket; a solved ticket closing by itself mails nothing.
import { expect, it } from 'vitest';
import { closeSolvedTickets } from '../../../src/services/tickets/ticketAutoCloser.js';
import { mergeTicket } from '../../../src/services/tickets/ticketMerger.js';
import { describeEachDatabase } from '../../support/databases.js';
import { makeDesk } from '../../support/ticketDesk.js';

describeEachDatabase('mail of merges and closing', (db) => {
  it('tells the merged ticket’s requester once where it went', async () => {
    const desk = await makeDesk(db());
    const source = await desk.file(desk.yaw, { subject: 'Refund again' });
    const target = await desk.file(desk.yaw, { subject: 'Refund' });
    await mergeTicket(desk.world.ctx, { viewer: desk.kofi, sourceId: source, targetId: target });
    const mails = await db()
      .db.selectFrom('mail_outbox')
      .selectAll()
      .where('kind', '=', 'ticket_merged')
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      recipient: desk.yaw.email,
      subject: '[#1] Refund again',
      ticket_id: source,
    });
    expect(mails[0]!.text_body).toContain('merged into #2');
    expect(mails[0]!.text_body).toContain('http://desk.test/requests/2');
  });

  it('mails nothing when a solved ticket closes by itself', async () => {
    const desk = await makeDesk(db());
    const id = await desk.file(desk.yaw);
    await desk.change(desk.kofi, id, { status: 'solved' });
    const before = await db().db.selectFrom('mail_outbox').select('id').execute();
    desk.world.clock.advance(30 * 24 * 3_600_000);
    expect(await closeSolvedTickets(desk.world.ctx)).toEqual([id]);
    const after = await db().db.selectFrom('mail_outbox').select('id').execute();
    expect(after).toHaveLength(before.length);
  });
});

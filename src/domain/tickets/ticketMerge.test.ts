import { describe, expect, it } from 'vitest';
import { finalMergeTarget, planMerge, type MergeableTicket } from './ticketMerge.js';

const t = (id: string, number: number, extra: Partial<MergeableTicket> = {}): MergeableTicket => ({
  id,
  number,
  status: 'open',
  mergedInto: null,
  ...extra,
});

function desk(...tickets: MergeableTicket[]) {
  const byId = new Map(tickets.map((x) => [x.id, x]));
  return (id: string) => byId.get(id);
}

const a = t('a', 1001);
const b = t('b', 1002, { status: 'pending' });
// c was merged into b, d into c: a chain ending at b.
const c = t('c', 1003, { status: 'closed', mergedInto: 'b' });
const d = t('d', 1004, { status: 'closed', mergedInto: 'c' });
const closed = t('e', 1005, { status: 'closed' });
const lookup = desk(a, b, c, d, closed);

describe('merging tickets', () => {
  it('closes the source and points it at the target', () => {
    expect(planMerge(a, b, lookup)).toEqual({
      targetId: 'b',
      source: { id: 'a', status: 'closed', mergedInto: 'b' },
    });
  });

  it('merges any status but closed', () => {
    for (const status of ['new', 'open', 'pending', 'on_hold', 'solved'] as const) {
      expect(planMerge({ ...a, status }, b, lookup).source.status).toBe('closed');
    }
  });

  it('lands on the end of the chain when the target was itself merged', () => {
    expect(planMerge(a, d, lookup).targetId).toBe('b');
    expect(planMerge(a, d, lookup).source.mergedInto).toBe('b');
  });

  it('refuses to merge a ticket into itself, directly or through a chain', () => {
    expect(() => planMerge(a, a, lookup)).toThrow(
      expect.objectContaining({
        code: 'INVALID_MERGE',
        message: '#1001 cannot be merged into itself',
      }),
    );
    expect(() => planMerge(b, d, lookup)).toThrow(
      expect.objectContaining({
        code: 'INVALID_MERGE',
        message: '#1002 cannot be merged into itself',
      }),
    );
  });

  it('refuses to merge into a closed ticket', () => {
    expect(() => planMerge(a, closed, lookup)).toThrow(
      expect.objectContaining({
        code: 'INVALID_MERGE',
        message: '#1005 is closed; merge into an open ticket',
      }),
    );
  });

  it('refuses to merge a ticket that is already merged', () => {
    expect(() => planMerge(c, a, lookup)).toThrow(
      expect.objectContaining({
        code: 'INVALID_MERGE',
        message: '#1003 is already merged into another ticket',
      }),
    );
  });

  it("refuses to merge one requester's ticket into another's, checking the chain's end", () => {
    const yaws = t('y1', 2001, { requesterId: 'yaw' });
    const abenas = t('a1', 2002, { requesterId: 'abena' });
    // Abena's duplicate was merged into Yaw's ticket long ago (before the rule): the end counts.
    const merged = t('a2', 2003, { status: 'closed', mergedInto: 'y1', requesterId: 'abena' });
    const people = desk(yaws, abenas, merged);
    expect(() => planMerge(abenas, yaws, people)).toThrow(
      expect.objectContaining({
        code: 'INVALID_MERGE',
        message: '#2002 and #2001 are requests of different people',
      }),
    );
    expect(() => planMerge(abenas, merged, people)).toThrow(
      expect.objectContaining({ code: 'INVALID_MERGE' }),
    );
    const again = t('y2', 2004, { requesterId: 'yaw' });
    expect(planMerge(again, yaws, desk(yaws, again)).targetId).toBe('y1');
  });

  it('refuses to merge a closed ticket', () => {
    expect(() => planMerge(closed, a, lookup)).toThrow(
      expect.objectContaining({
        code: 'INVALID_MERGE',
        message: '#1005 is closed and cannot be merged',
      }),
    );
  });
});

describe('following merges', () => {
  it('returns the ticket itself when it was never merged', () => {
    expect(finalMergeTarget(a, lookup)).toBe(a);
  });

  it('follows a chain to its end', () => {
    expect(finalMergeTarget(d, lookup)).toBe(b);
  });

  it('reports a loop instead of spinning', () => {
    const x = t('x', 1, { status: 'closed', mergedInto: 'y' });
    const y = t('y', 2, { status: 'closed', mergedInto: 'x' });
    expect(() => finalMergeTarget(x, desk(x, y))).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });

  it('reports a link to a ticket that is gone', () => {
    const orphan = t('o', 3, { status: 'closed', mergedInto: 'gone' });
    expect(() => finalMergeTarget(orphan, lookup)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});

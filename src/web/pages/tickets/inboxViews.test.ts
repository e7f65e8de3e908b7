import { describe, expect, it } from 'vitest';
import { inboxQuery, NO_FILTERS } from './inboxViews.js';

describe('inbox views', () => {
  it('asks for the open statuses of the caller, of nobody, or of everyone', () => {
    const open = ['new', 'open', 'pending', 'on_hold'];
    expect(inboxQuery('mine', NO_FILTERS)).toEqual({ status: open, assigneeId: 'me' });
    expect(inboxQuery('unassigned', NO_FILTERS)).toEqual({ status: open, assigneeId: 'none' });
    expect(inboxQuery('open', NO_FILTERS)).toEqual({ status: open });
  });

  it('shows solved tickets, and closed ones only when asked', () => {
    expect(inboxQuery('solved', NO_FILTERS)).toEqual({ status: ['solved'] });
    expect(inboxQuery('solved', { ...NO_FILTERS, status: 'closed' })).toEqual({
      status: ['closed'],
    });
  });

  it("narrows by status, priority and team, ignoring a status outside the view's", () => {
    expect(inboxQuery('open', { status: 'pending', priority: 'high', teamId: 'none' })).toEqual({
      status: ['pending'],
      priority: 'high',
      teamId: 'none',
    });
    expect(inboxQuery('mine', { ...NO_FILTERS, status: 'solved' }).status).toEqual([
      'new',
      'open',
      'pending',
      'on_hold',
    ]);
  });
});

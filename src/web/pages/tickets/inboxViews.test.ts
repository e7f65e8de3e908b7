import { describe, expect, it } from 'vitest';
import { inboxQuery, NO_FILTERS, savedViewQuery } from './inboxViews.js';

describe('inbox views', () => {
  it('asks for the open statuses of the caller, of nobody, or of everyone', () => {
    const open = ['new', 'open', 'pending', 'on_hold'];
    expect(inboxQuery('mine', NO_FILTERS)).toEqual({
      status: open,
      assigneeId: 'me',
      sort: 'updated',
    });
    expect(inboxQuery('unassigned', NO_FILTERS)).toEqual({
      status: open,
      assigneeId: 'none',
      sort: 'updated',
    });
    expect(inboxQuery('open', NO_FILTERS)).toEqual({ status: open, sort: 'updated' });
  });

  it('shows solved tickets, and closed ones only when asked', () => {
    expect(inboxQuery('solved', NO_FILTERS)).toEqual({ status: ['solved'], sort: 'updated' });
    expect(inboxQuery('solved', { ...NO_FILTERS, status: 'closed' })).toEqual({
      status: ['closed'],
      sort: 'updated',
    });
  });

  it("narrows by status, priority and team in the chosen order, ignoring a status outside the view's", () => {
    const filters = { status: 'pending', priority: 'high', teamId: 'none', sort: 'due' } as const;
    expect(inboxQuery('open', filters)).toEqual({
      status: ['pending'],
      priority: 'high',
      teamId: 'none',
      sort: 'due',
    });
    expect(inboxQuery('mine', { ...NO_FILTERS, status: 'solved' }).status).toEqual([
      'new',
      'open',
      'pending',
      'on_hold',
    ]);
  });

  it('saves a view as its list query and sort, without a page', () => {
    expect(savedViewQuery('mine', { ...NO_FILTERS, priority: 'urgent', sort: 'due' })).toEqual({
      status: ['new', 'open', 'pending', 'on_hold'],
      assigneeId: 'me',
      priority: 'urgent',
      sort: 'due',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../shared/protocol.js';
import {
  AGENT_LOADS,
  ALL_SESSIONS,
  MY_SESSIONS,
  QUEUE,
  TICKETS,
  invalidates,
  ticket,
} from './invalidations.js';

const changed = (scope: 'mine' | 'all', change: string): ServerFrame => ({
  type: 'sessions.changed',
  scope,
  sessionId: 's1',
  change,
});
const queueChanged: ServerFrame = { type: 'queue.changed', sessionId: 's1', status: 'waiting' };

describe('invalidations', () => {
  it("refetches the caller's own lists only for changes to their own chats", () => {
    expect(invalidates(MY_SESSIONS, changed('mine', 'assigned'))).toBe(true);
    expect(invalidates(MY_SESSIONS, changed('all', 'assigned'))).toBe(false);
    expect(invalidates(MY_SESSIONS, queueChanged)).toBe(false);
  });

  it("refetches the super admin's view of every chat for any change", () => {
    expect(invalidates(ALL_SESSIONS, changed('all', 'started'))).toBe(true);
    expect(invalidates(ALL_SESSIONS, changed('mine', 'started'))).toBe(false);
  });

  it('narrows to some kinds of change when asked', () => {
    const endings = { ...MY_SESSIONS, changes: ['ended'] } as const;
    expect(invalidates(endings, changed('mine', 'ended'))).toBe(true);
    expect(invalidates(endings, changed('mine', 'assigned'))).toBe(false);
  });

  it('refetches the queue when a chat enters or leaves it', () => {
    expect(invalidates(QUEUE, queueChanged)).toBe(true);
    expect(invalidates(QUEUE, changed('mine', 'assigned'))).toBe(false);
  });

  it("refetches a list of colleagues' chats when an agent's load or status changes", () => {
    const status = { type: 'agent.status', state: {} } as unknown as ServerFrame;
    expect(invalidates(AGENT_LOADS, status)).toBe(true);
    expect(invalidates(AGENT_LOADS, queueChanged)).toBe(false);
    expect(invalidates(QUEUE, status)).toBe(false);
    expect(invalidates(MY_SESSIONS, status)).toBe(false);
  });

  it('refetches ticket lists on any ticket frame, and one ticket on its own frames only', () => {
    const created: ServerFrame = {
      type: 'ticket.created',
      ticketId: 't1',
      number: 1,
      updatedAt: 'x',
    };
    const updated: ServerFrame = {
      type: 'ticket.updated',
      ticketId: 't2',
      number: 2,
      changes: ['status'],
      updatedAt: 'x',
    };
    const message: ServerFrame = {
      type: 'ticket.message',
      ticketId: 't1',
      number: 1,
      messageId: 'm1',
      kind: 'reply',
      createdAt: 'x',
    };
    expect(invalidates(TICKETS, created)).toBe(true);
    expect(invalidates(TICKETS, updated)).toBe(true);
    expect(invalidates(TICKETS, message)).toBe(true);
    expect(invalidates(TICKETS, queueChanged)).toBe(false);
    expect(invalidates(ticket('t1'), message)).toBe(true);
    expect(invalidates(ticket('t1'), updated)).toBe(false);
    // A message the page already shows (its writer's own reply) is no news.
    expect(invalidates(ticket('t1', new Set(['m1'])), message)).toBe(false);
    expect(invalidates(ticket('t1', new Set(['m0'])), message)).toBe(true);
    expect(invalidates(MY_SESSIONS, message)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  nextTicketStatus,
  TICKET_STATUSES,
  ticketTransition,
  type TicketEvent,
  type TicketStatus,
} from './ticketWorkflow.js';

// Written out by hand, every status × every event, so a change to the table must change this too.
// '!closed' = TICKET_CLOSED, '!invalid' = INVALID_TRANSITION.
const expected: Record<string, Record<TicketStatus, string>> = {
  agentReply: {
    new: 'open',
    open: 'open',
    pending: 'pending',
    on_hold: 'on_hold',
    solved: 'solved',
    closed: 'followUp',
  },
  requesterReply: {
    new: 'new',
    open: 'open',
    pending: 'open',
    on_hold: 'on_hold',
    solved: 'open',
    closed: 'followUp',
  },
  note: {
    new: 'new',
    open: 'open',
    pending: 'pending',
    on_hold: 'on_hold',
    solved: 'solved',
    closed: '!closed',
  },
  assign: {
    new: 'open',
    open: 'open',
    pending: 'pending',
    on_hold: 'on_hold',
    solved: 'solved',
    closed: '!closed',
  },
  requesterSolve: {
    new: 'solved',
    open: 'solved',
    pending: 'solved',
    on_hold: 'solved',
    solved: 'solved',
    closed: '!closed',
  },
  autoClose: {
    new: '!invalid',
    open: '!invalid',
    pending: '!invalid',
    on_hold: '!invalid',
    solved: 'closed',
    closed: '!closed',
  },
  merge: {
    new: 'closed',
    open: 'closed',
    pending: 'closed',
    on_hold: 'closed',
    solved: 'closed',
    closed: '!closed',
  },
};

for (const target of TICKET_STATUSES) {
  expected[`setStatus(${target})`] = Object.fromEntries(
    TICKET_STATUSES.map((from) => [
      from,
      from === 'closed' ? '!closed' : target === 'new' || target === 'closed' ? '!invalid' : target,
    ]),
  ) as Record<TicketStatus, string>;
}

function eventOf(name: string): TicketEvent {
  const m = /^setStatus\((\w+)\)$/.exec(name);
  if (m) return { type: 'setStatus', status: m[1] as TicketStatus };
  return { type: name } as TicketEvent;
}

function outcome(status: TicketStatus, event: TicketEvent): string {
  const t = ticketTransition(status, event);
  if (t.kind === 'status') return t.status;
  if (t.kind === 'followUp') return 'followUp';
  return t.error.code === 'TICKET_CLOSED' ? '!closed' : `!${t.error.code}`;
}

describe('ticket workflow, status by event', () => {
  for (const [name, row] of Object.entries(expected)) {
    for (const status of TICKET_STATUSES) {
      const want = row[status].replace('!invalid', '!INVALID_TRANSITION');
      it(`${name} on a ${status} ticket → ${want}`, () => {
        expect(outcome(status, eventOf(name))).toBe(want);
      });
    }
  }
});

describe('ticket workflow', () => {
  it('opens a new ticket on the first agent reply and on assignment', () => {
    expect(nextTicketStatus('new', { type: 'agentReply' })).toBe('open');
    expect(nextTicketStatus('new', { type: 'assign' })).toBe('open');
  });

  it('reopens a pending or solved ticket when the requester replies', () => {
    expect(nextTicketStatus('pending', { type: 'requesterReply' })).toBe('open');
    expect(nextTicketStatus('solved', { type: 'requesterReply' })).toBe('open');
  });

  it('answers follow-up rather than reopening a closed ticket', () => {
    expect(nextTicketStatus('closed', { type: 'requesterReply' })).toBe('followUp');
  });

  it('throws the refusal with a message that says why', () => {
    expect(() => nextTicketStatus('open', { type: 'autoClose' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_TRANSITION',
        message: 'This open ticket cannot close automatically until it is solved',
      }),
    );
    expect(() => nextTicketStatus('pending', { type: 'setStatus', status: 'closed' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_TRANSITION',
        message: 'This pending ticket cannot be set to closed by hand',
      }),
    );
    expect(() => nextTicketStatus('closed', { type: 'note' })).toThrow(
      expect.objectContaining({ code: 'TICKET_CLOSED', status: 409 }),
    );
  });

  it('walks the whole life of a ticket', () => {
    const events: TicketEvent[] = [
      { type: 'assign' },
      { type: 'setStatus', status: 'pending' },
      { type: 'requesterReply' },
      { type: 'setStatus', status: 'on_hold' },
      { type: 'setStatus', status: 'solved' },
      { type: 'autoClose' },
    ];
    const seen: string[] = [];
    let status: TicketStatus = 'new';
    for (const event of events) {
      const next = nextTicketStatus(status, event);
      if (next === 'followUp') throw new Error('unexpected follow-up');
      status = next;
      seen.push(status);
    }
    expect(seen).toEqual(['open', 'pending', 'open', 'on_hold', 'solved', 'closed']);
  });
});

import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../../shared/ticketsApi.js';
import { eventText, parseTicketRef, slaDue, ticketHref } from './ticketLabels.js';

const ana = { id: 'a1', name: 'Ana Mensah', email: null, role: 'admin' as const };
const kofi = { id: 'k1', name: 'Kofi Boateng', email: null, role: 'admin' as const };

const event = (changes: Partial<TicketEvent>): TicketEvent => ({
  id: 'e1',
  ticketId: 't1',
  kind: 'created',
  field: null,
  from: null,
  to: null,
  actor: ana,
  createdAt: '2026-12-02T10:00:00.000Z',
  ...changes,
});

describe('history entries', () => {
  it('names statuses and priorities by their labels', () => {
    expect(eventText(event({ kind: 'status', from: 'on_hold', to: 'solved' }))).toBe(
      'changed the status from On hold to Solved',
    );
    expect(eventText(event({ kind: 'priority', from: 'low', to: 'urgent' }))).toBe(
      'changed the priority from Low to Urgent',
    );
  });

  it('tells taking a ticket from assigning it, and unassigning', () => {
    expect(eventText(event({ kind: 'assignee', to: ana }))).toBe('took it');
    expect(eventText(event({ kind: 'assignee', to: kofi }))).toBe('assigned it to Kofi Boateng');
    expect(eventText(event({ kind: 'assignee', from: kofi, to: null }))).toBe(
      'unassigned Kofi Boateng',
    );
  });

  it('names teams, tickets, tags and fields', () => {
    const finance = { id: 'f', name: 'Finance' };
    expect(eventText(event({ kind: 'team', to: finance }))).toBe('moved it to Finance');
    expect(eventText(event({ kind: 'team', from: finance, to: null }))).toBe(
      'moved it out of Finance',
    );
    expect(eventText(event({ kind: 'merged_into', to: { id: 't2', number: 1042 } }))).toBe(
      'merged it into #1042',
    );
    expect(eventText(event({ kind: 'tags', to: [] }))).toBe('set the tags to none');
    expect(eventText(event({ kind: 'field', field: 'student_id', to: 'S-1' }))).toBe(
      'set student_id to S-1',
    );
    const labels = (key: string) => (key === 'student_id' ? 'Student ID' : undefined);
    expect(eventText(event({ kind: 'field', field: 'student_id', to: 'S-1' }), labels)).toBe(
      'set Student ID to S-1',
    );
    expect(eventText(event({ kind: 'field', field: 'gone_field', to: 'x' }), labels)).toBe(
      'set gone_field to x',
    );
  });

  it('opens a ticket at its number, with or without #, else takes the address for an id', () => {
    expect(parseTicketRef('1042')).toBe(1042);
    expect(parseTicketRef('#7')).toBe(7);
    expect(parseTicketRef('0')).toBeNull();
    expect(parseTicketRef('01')).toBeNull();
    expect(parseTicketRef('12345678901234567')).toBeNull();
    expect(parseTicketRef('01890a5d-ac96-774b-bcce-b302099a8057')).toBeNull();
    expect(ticketHref({ number: 1042 }, false)).toBe('/tickets/1042');
    expect(ticketHref({ number: 1042 }, true)).toBe('/requests/1042');
  });
});

describe('the SLA due column', () => {
  const now = Date.parse('2026-12-02T10:00:00.000Z');
  const target = (state: 'active' | 'paused' | 'achieved' | 'breached', dueAt: string | null) => ({
    state,
    dueAt,
  });
  const sla = (firstResponse: ReturnType<typeof target> | null, resolution = null) => ({
    sla: { policyId: 'p1', firstResponse, nextResponse: null, resolution },
  });

  it('shows the soonest running or missed target, coloured by how near it is', () => {
    expect(slaDue({ sla: null }, now)).toBeNull();
    expect(slaDue(sla(target('achieved', '2026-12-02T09:00:00.000Z')), now)).toBeNull();
    expect(slaDue(sla(target('paused', null)), now)).toBeNull();
    expect(slaDue(sla(target('active', '2026-12-02T10:30:00.000Z')), now)?.risk).toBe('soon');
    expect(slaDue(sla(target('active', '2026-12-02T13:00:00.000Z')), now)?.risk).toBe('later');
    expect(slaDue(sla(target('breached', '2026-12-02T09:00:00.000Z')), now)?.risk).toBe('breached');
    const both = {
      sla: {
        policyId: 'p1',
        firstResponse: target('achieved', '2026-12-02T08:00:00.000Z'),
        nextResponse: target('active', '2026-12-02T11:00:00.000Z'),
        resolution: target('active', '2026-12-02T12:00:00.000Z'),
      },
    };
    expect(slaDue(both, now)?.at).toBe('2026-12-02T11:00:00.000Z');
  });
});

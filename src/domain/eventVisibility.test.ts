import { describe, expect, it } from 'vitest';
import type { Message, Person } from '../shared/api.js';
import type { ServerFrame } from '../shared/protocol.js';
import type { MessageType, TicketChange } from '../shared/vocabulary.js';
import {
  frameVisibleTo,
  hiddenMessageTypes,
  hiddenTicketMessageKinds,
  messageVisibleTo,
  publicTicketFrame,
  ticketFrameFor,
  ticketMessageVisibleTo,
} from './eventVisibility.js';
import type { SessionFacts, TicketFacts, Viewer } from './policies.js';

const customer: Viewer = { id: 'c', role: 'user' };
const agent: Viewer = { id: 'a', role: 'admin' };
const pastAgent: Viewer = { id: 'p', role: 'admin' };
const stranger: Viewer = { id: 'x', role: 'admin' };
const boss: Viewer = { id: 's', role: 'super_admin' };
/** An agent who wrote to the desk as a customer. */
const agentAsCustomer: Viewer = { id: 'ac', role: 'admin' };

const active: SessionFacts = {
  customerId: 'c',
  agentId: 'a',
  status: 'active',
  pastAgentIds: ['p'],
};
const own: SessionFacts = { customerId: 'ac', agentId: 'a', status: 'active' };

const person = (id: string): Person => ({ id, name: id, email: null, role: 'admin' });
const message = (type: MessageType): Message => ({
  id: 'm',
  sessionId: 's1',
  seq: 4,
  type,
  text: 'text',
  sender: type === 'system' ? null : person('a'),
  clientId: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  isRead: false,
});
const created = (type: MessageType): ServerFrame => ({
  type: 'session.event',
  sessionId: 's1',
  seq: 4,
  event: { kind: 'message.created', message: message(type) },
});
const typing = (note: boolean): ServerFrame => ({
  type: 'typing',
  sessionId: 's1',
  user: person('a'),
  typing: true,
  ...(note ? { note } : {}),
});

describe('event visibility', () => {
  it('keeps notes from the customer and shows them to the desk', () => {
    expect(messageVisibleTo(customer, active, 'note')).toBe(false);
    for (const desk of [agent, pastAgent, boss]) {
      expect(messageVisibleTo(desk, active, 'note')).toBe(true);
    }
  });

  it('shows every other message type to everyone in the chat', () => {
    for (const type of ['text', 'system', 'file', 'image'] as const) {
      expect(messageVisibleTo(customer, active, type)).toBe(true);
    }
  });

  it('keeps notes from a customer who is an agent, and from agents not in the chat', () => {
    expect(messageVisibleTo(agentAsCustomer, own, 'note')).toBe(false);
    expect(messageVisibleTo(stranger, active, 'note')).toBe(false);
  });

  it('names the hidden types for queries', () => {
    expect(hiddenMessageTypes(customer, active)).toEqual(['note']);
    expect(hiddenMessageTypes(agentAsCustomer, own)).toEqual(['note']);
    expect(hiddenMessageTypes(agent, active)).toEqual([]);
  });

  it('applies the rule to frames: note events and note typing', () => {
    expect(frameVisibleTo(customer, active, created('note'))).toBe(false);
    expect(frameVisibleTo(customer, active, created('text'))).toBe(true);
    expect(frameVisibleTo(agent, active, created('note'))).toBe(true);
    expect(frameVisibleTo(customer, active, typing(true))).toBe(false);
    expect(frameVisibleTo(customer, active, typing(false))).toBe(true);
    expect(frameVisibleTo(boss, active, typing(true))).toBe(true);
  });

  it('passes other frames as they are', () => {
    const read: ServerFrame = {
      type: 'session.event',
      sessionId: 's1',
      seq: 5,
      event: { kind: 'messages.read', reader: person('a'), upToSeq: 4, readAt: 'x' },
    };
    expect(frameVisibleTo(customer, active, read)).toBe(true);
    expect(frameVisibleTo(customer, active, { type: 'pong' })).toBe(true);
  });
});

describe('ticket events', () => {
  const finance: TicketFacts = { requesterId: 'c', assigneeId: null, teamId: 'finance' };
  const member: Viewer = { id: 'm', role: 'admin', memberTeamIds: ['finance'] };
  const mine: TicketFacts = { ...finance, requesterId: 'ac' };
  const frame = (kind: 'reply' | 'note'): ServerFrame => ({
    type: 'ticket.message',
    ticketId: 't',
    number: 1,
    messageId: 'm',
    kind,
    createdAt: '2026-01-05T09:00:00.000Z',
  });
  const updated = (changes: TicketChange[]): ServerFrame => ({
    type: 'ticket.updated',
    ticketId: 't',
    number: 1,
    changes,
    updatedAt: '2026-01-05T09:00:00.000Z',
  });

  it('hides notes from the requester, an agent writing to the desk included', () => {
    expect(hiddenTicketMessageKinds(customer, finance)).toEqual(['note']);
    expect(hiddenTicketMessageKinds(agentAsCustomer, mine)).toEqual(['note']);
    expect(hiddenTicketMessageKinds(member, finance)).toEqual([]);
    expect(ticketMessageVisibleTo(customer, finance, 'reply')).toBe(true);
    expect(ticketMessageVisibleTo(customer, finance, 'note')).toBe(false);
    expect(ticketMessageVisibleTo(boss, finance, 'note')).toBe(true);
  });

  it('gives the requester no frame of a note, and updates without the desk’s details', () => {
    expect(ticketFrameFor(customer, finance, frame('note'))).toBeNull();
    expect(ticketFrameFor(customer, finance, frame('reply'))).toEqual(frame('reply'));
    expect(ticketFrameFor(member, finance, frame('note'))).toEqual(frame('note'));
    expect(ticketFrameFor(customer, finance, updated(['tags', 'team']))).toBeNull();
    expect(ticketFrameFor(customer, finance, updated(['team', 'status']))).toEqual(
      updated(['status']),
    );
    expect(publicTicketFrame(updated(['tags']))).toBeNull();
    expect(ticketFrameFor(member, finance, updated(['tags']))).toEqual(updated(['tags']));
    // Who of the desk has the ticket open is the desk's alone.
    const presence = {
      type: 'ticket.presence' as const,
      ticketId: 't1',
      user: { id: 'a1', name: 'Ama', role: 'admin' as const, email: null },
      state: 'replying' as const,
    };
    expect(ticketFrameFor(customer, finance, presence)).toBeNull();
    expect(ticketFrameFor(member, finance, presence)).toEqual(presence);
  });
});

import { describe, expect, it } from 'vitest';
import type { Viewer } from '../domain/policies.js';
import type { Person, Session } from '../shared/api.js';
import type { ServerFrame } from '../shared/protocol.js';
import { SubscriptionAccess } from './subscriptionAccess.js';

const person = (id: string, role: Person['role'] = 'admin'): Person => ({
  id,
  name: id,
  email: null,
  role,
});
const customer = person('yaw', 'user');
const kofi: Viewer = { id: 'kofi', role: 'admin' };
const ama: Viewer = { id: 'ama', role: 'admin' };

/** A session.updated event at `seq` leaving the chat in `status` with `agentId` (and `teamId`). */
function updated(
  seq: number,
  status: Session['status'],
  agentId: string | null,
  teamId: string | null = null,
): ServerFrame {
  const session = {
    id: 's',
    status,
    customer,
    agent: agentId ? person(agentId) : null,
    team: teamId ? { id: teamId, name: teamId } : null,
  } as Session;
  return {
    type: 'session.event',
    sessionId: 's',
    seq,
    event: { kind: 'session.updated', change: 'assigned', session },
  };
}

const typing = (userId: string): ServerFrame => ({
  type: 'typing',
  sessionId: 's',
  user: person(userId),
  typing: true,
});

const waiting = { customerId: 'yaw', agentId: null, status: 'waiting' as const, pastAgentIds: [] };

describe('SubscriptionAccess', () => {
  it('revokes an agent watching a waiting chat once a colleague takes it', () => {
    const access = new SubscriptionAccess(kofi, waiting, 1);
    expect(access.admit(updated(3, 'active', 'ama'))).toBe('revoked');
  });

  it('keeps the agent who takes it, and the customer', () => {
    expect(new SubscriptionAccess(ama, waiting, 1).admit(updated(3, 'active', 'ama'))).toBe(
      'changed',
    );
    const yaw: Viewer = { id: 'yaw', role: 'user' };
    expect(new SubscriptionAccess(yaw, waiting, 1).admit(updated(3, 'active', 'ama'))).toBe(
      'changed',
    );
  });

  it('keeps an agent who transfers the chat away as a past agent', () => {
    const access = new SubscriptionAccess(
      kofi,
      { ...waiting, status: 'active', agentId: 'kofi' },
      3,
    );
    expect(access.admit(updated(5, 'active', 'ama'))).toBe('changed');
    expect(access.facts).toMatchObject({ agentId: 'ama', pastAgentIds: ['kofi'] });
    expect(access.admit(typing('kofi'))).toBe('drop');
  });

  it('ignores events its facts already reflect (a replay of history)', () => {
    const access = new SubscriptionAccess(kofi, waiting, 9);
    expect(access.admit(updated(3, 'active', 'ama'))).toBe('forward');
    expect(access.facts).toBe(waiting);
  });

  it('drops typing from someone the facts do not know yet', () => {
    const access = new SubscriptionAccess(kofi, waiting, 1);
    expect(access.admit(typing('yaw'))).toBe('forward');
    expect(access.admit(typing('ama'))).toBe('drop');
  });

  it('keeps an agent mentioned in a note while watching the waiting chat that a colleague takes', () => {
    const access = new SubscriptionAccess(kofi, waiting, 1);
    access.mentioned();
    expect(access.admit(updated(3, 'active', 'ama'))).toBe('changed');
    expect(access.facts.mentionedAgentIds).toEqual(['kofi']);
  });

  it("keeps a team lead on their team's chat as it changes hands, and not once it leaves the team", () => {
    const lead: Viewer = { id: 'efua', role: 'admin', leadTeamIds: ['finance'] };
    const access = new SubscriptionAccess(lead, { ...waiting, teamId: 'finance' }, 1);
    expect(access.admit(updated(3, 'active', 'ama', 'finance'))).toBe('changed');
    expect(access.admit(updated(5, 'active', 'kofi', 'finance'))).toBe('changed');
    expect(access.admit(updated(7, 'active', 'kofi', 'it'))).toBe('revoked');
  });
});

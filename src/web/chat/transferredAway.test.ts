import { describe, expect, it } from 'vitest';
import type { Person } from '../../shared/api.js';
import { activeSession, ama, chatMessage, yaw } from '../testing/chatFixtures.js';
import { transferredAwayFrom } from './transferredAway.js';

const esi: Person = { id: 'esi', name: 'Esi', email: null, role: 'admin' };
const ada: Person = { id: 'ada', name: 'Ada', email: null, role: 'super_admin' };
const withEsi = activeSession({ agent: esi });

describe('transferredAwayFrom', () => {
  it('holds for an agent who can still see a chat a colleague has now', () => {
    expect(transferredAwayFrom(withEsi, [], ama)).toBe(true);
  });

  it('does not hold for the chat’s agent, its customer, or a chat no longer active', () => {
    expect(transferredAwayFrom(activeSession(), [], ama)).toBe(false);
    expect(transferredAwayFrom(withEsi, [], yaw)).toBe(false);
    expect(transferredAwayFrom({ ...withEsi, status: 'ended' }, [], ama)).toBe(false);
  });

  it('holds for a super admin only if they wrote in the chat, as its agent', () => {
    expect(transferredAwayFrom(withEsi, [chatMessage(1, yaw)], ada)).toBe(false);
    expect(transferredAwayFrom(withEsi, [chatMessage(1, yaw), chatMessage(2, ada)], ada)).toBe(
      true,
    );
  });
});

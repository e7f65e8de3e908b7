// The session state machine: waiting → active → ended, and which actions each state allows.
// Returns the error to raise, so services and tests share one answer for every state.
import type { SessionStatus } from '../shared/vocabulary.js';
import { AppError } from './errors.js';

export type SessionAction =
  'assign' | 'transfer' | 'end' | 'rate' | 'customerMessage' | 'agentMessage' | 'note' | 'tag';

const allowed: Record<SessionAction, readonly SessionStatus[]> = {
  assign: ['waiting'],
  transfer: ['active'],
  end: ['waiting', 'active'],
  rate: ['ended'],
  // A customer may add details while waiting for an agent.
  customerMessage: ['waiting', 'active'],
  agentMessage: ['active'],
  // A note is for the desk: about a waiting chat, during it, or a wrap-up after it ended.
  note: ['waiting', 'active', 'ended'],
  tag: ['waiting', 'active', 'ended'],
};

export function canTransition(status: SessionStatus, action: SessionAction): boolean {
  return allowed[action].includes(status);
}

export function assertTransition(status: SessionStatus, action: SessionAction): void {
  if (canTransition(status, action)) return;
  if (status === 'ended') throw new AppError('SESSION_ENDED', 'This chat has already ended');
  if (action === 'assign') {
    throw new AppError('SESSION_ALREADY_ASSIGNED', 'This chat has already been taken by an agent');
  }
  if (action === 'rate') {
    throw new AppError('SESSION_NOT_ENDED', 'A chat can be rated once it has ended');
  }
  throw new AppError('SESSION_NOT_ACTIVE', 'This chat has no agent yet');
}

/** The status a session moves to after an action (unchanged for actions that keep it). */
export function nextStatus(status: SessionStatus, action: SessionAction): SessionStatus {
  assertTransition(status, action);
  if (action === 'assign') return 'active';
  if (action === 'end') return 'ended';
  return status;
}

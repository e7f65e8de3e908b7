// Test fixtures for the web app's chat tests: the two people of one chat (Yaw, the customer, and
// Ama, his agent), their active session and its messages, so each test states only what differs.
import type { Message, Person, Session } from '../../shared/api.js';

export const yaw: Person = { id: 'yaw', name: 'Yaw', email: null, role: 'user' };
export const ama: Person = { id: 'ama', name: 'Ama', email: null, role: 'admin' };

/** Yaw's chat "Cannot sign in" (id s1), assigned to Ama and still going. */
export function activeSession(changes: Partial<Session> = {}): Session {
  return {
    id: 's1',
    status: 'active',
    priority: 'medium',
    subject: 'Cannot sign in',
    customer: yaw,
    agent: ama,
    rating: null,
    feedback: null,
    tags: [],
    startedAt: '2026-01-01T09:00:00Z',
    assignedAt: '2026-01-01T09:01:00Z',
    firstAgentReplyAt: null,
    endedAt: null,
    endedBy: null,
    lastMessageAt: null,
    awaitingAgentSince: null,
    lastSeq: 0,
    topic: null,
    team: null,
    handoverNoteId: null,
    ticketId: null,
    ...changes,
  };
}

/** Message `seq` of session s1, from `sender` (a system message when null), not yet read. */
export function chatMessage(
  seq: number,
  sender: Person | null,
  changes: Partial<Message> = {},
): Message {
  return {
    id: `m${seq}`,
    sessionId: 's1',
    seq,
    type: sender ? 'text' : 'system',
    text: `message ${seq}`,
    sender,
    clientId: null,
    createdAt: `2026-01-01T09:00:${String(seq).padStart(2, '0')}Z`,
    isRead: false,
    ...changes,
  };
}

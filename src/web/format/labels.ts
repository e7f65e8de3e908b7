// The words the screens use for the support desk's statuses, roles and priorities, in one place so
// a badge, a select and a filter always say the same thing.
import type {
  AgentStatus,
  EndedBy,
  Priority,
  Role,
  SessionStatus,
} from '../../shared/vocabulary.js';

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

/** Shown under the priority choice when starting a chat, so urgent stays meaningful. */
export const PRIORITY_HINTS: Record<Priority, string> = {
  low: 'A question that can wait: answered after everything more pressing.',
  medium: 'The usual choice for most questions.',
  high: 'Something is blocking your work and needs attention soon.',
  urgent:
    'Only for problems that stop you right now, such as an exam or a deadline today. Urgent chats jump to the front of the queue, ahead of everyone else.',
};

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  waiting: 'Waiting',
  active: 'Active',
  ended: 'Ended',
};

export const AGENT_STATUS_LABELS: Record<AgentStatus, string> = {
  online: 'Online',
  busy: 'Busy',
  away: 'Away',
  offline: 'Offline',
};

/** What each status means for routing, as the seed's agents were told. */
export const AGENT_STATUS_HINTS: Record<AgentStatus, string> = {
  online: 'Ready to accept new chats',
  busy: 'Keeps current chats, no new assignments',
  away: 'Temporarily unavailable',
  offline: 'Not accepting any chats',
};

export const ROLE_LABELS: Record<Role, string> = {
  user: 'User',
  admin: 'Agent',
  super_admin: 'Super admin',
};

export const ENDED_BY_LABELS: Record<EndedBy, string> = {
  user: 'the customer',
  agent: 'the agent',
  admin: 'an admin',
  system: 'the system',
};

/**
 * What an agent is told about a waiting chat they can no longer see: a take that lost the race, or
 * a chat they were watching that left the queue. The server does not say which of the two
 * happened, as a colleague's chat is not theirs to see.
 */
export const NO_LONGER_WAITING =
  'This chat is no longer in the queue: another agent took it, or the customer left.';

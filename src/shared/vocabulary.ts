// The support desk's words, shared by server, database and browser: every status, role and
// priority Switchboard knows, as constant lists so both sides can validate and render them.

export const ROLES = ['user', 'admin', 'super_admin'] as const;
export type Role = (typeof ROLES)[number];

/** Agents are admins and super admins: both can take and answer chats. */
export const AGENT_ROLES: readonly Role[] = ['admin', 'super_admin'];

export const SESSION_STATUSES = ['waiting', 'active', 'ended'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Ordered from least to most pressing; the queue serves the end of this list first. */
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const AGENT_STATUSES = ['online', 'busy', 'away', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** `note`: an internal note, for agents only (domain/eventVisibility.ts keeps it from customers). */
export const MESSAGE_TYPES = ['text', 'system', 'file', 'image', 'note'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** What a person sends: a message to the other side, or (agents) an internal note. */
export const SENT_MESSAGE_TYPES = ['text', 'note'] as const;
export type SentMessageType = (typeof SENT_MESSAGE_TYPES)[number];

/** Which side closed a session: the customer, the agent, an admin, or the system (e.g. account removed). */
export const ENDED_BY = ['user', 'agent', 'admin', 'system'] as const;
export type EndedBy = (typeof ENDED_BY)[number];

/** What changed when a session.updated event is emitted. */
export const SESSION_CHANGES = [
  'assigned',
  'transferred',
  'requeued',
  'ended',
  'rated',
  'tagged',
] as const;
export type SessionChange = (typeof SESSION_CHANGES)[number];

export const LIMITS = {
  subject: 200,
  message: 5000,
  feedback: 2000,
  name: 100,
  email: 254,
  password: { min: 8, max: 200 },
  quickResponseTitle: 100,
  quickResponseContent: 2000,
  quickResponseCategory: 50,
  quickResponseShortcut: 32,
  tag: 32,
  tagsPerSession: 10,
  clientId: 64,
  /** The most FILES_PER_MESSAGE may be set to. */
  filesPerMessage: 100,
  pageSize: 100,
  messagePageSize: 200,
  maxConcurrentChats: { min: 1, max: 10 },
  teamName: 100,
  teamDescription: 500,
  topicName: 100,
  topicSlug: 40,
  /** How long a team's chat waits before its fallback team's agents may have it too: 10 s to 24 h. */
  overflowSeconds: { min: 10, max: 86_400 },
} as const;

/** A person's notification preferences until they change them: the chime and desktop notifications on. */
export const NOTIFICATION_DEFAULTS = { sound: true, desktopNotifications: true } as const;

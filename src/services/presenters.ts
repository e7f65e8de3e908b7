// Every object that leaves the server is shaped here, field by field, so a new column never leaks.
import type {
  Account,
  AgentState,
  Message,
  Person,
  QuickResponse,
  Session,
  SessionView,
} from '../shared/api.js';
import type { QuickResponseRow, UserRow } from '../storage/schema.js';
import type { AgentStateRecord } from '../storage/repositories/agents.js';
import type { MessageRecord } from '../storage/repositories/messages.js';
import type { PersonRecord } from '../storage/repositories/people.js';
import type { SessionListItem, SessionRecord } from '../storage/repositories/sessions.js';

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export const presentPerson = (person: PersonRecord): Person => ({
  id: person.id,
  name: person.name,
  email: person.email,
  role: person.role,
});

export const presentAccount = (user: UserRow): Account => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  isActive: user.is_active === 1,
  externalId: user.external_id,
  createdAt: iso(user.created_at),
  lastLoginAt: isoOrNull(user.last_login_at),
});

export function presentSession({ row, customer, agent, tags }: SessionRecord): Session {
  return {
    id: row.id,
    status: row.status,
    priority: row.priority,
    subject: row.subject,
    customer: presentPerson(customer),
    agent: agent && presentPerson(agent),
    rating: row.rating,
    feedback: row.feedback,
    tags,
    startedAt: iso(row.started_at),
    assignedAt: isoOrNull(row.assigned_at),
    firstAgentReplyAt: isoOrNull(row.first_agent_reply_at),
    endedAt: isoOrNull(row.ended_at),
    endedBy: row.ended_by,
    lastMessageAt: isoOrNull(row.last_message_at),
    lastSeq: row.last_seq,
  };
}

export const presentSessionView = (item: SessionListItem): SessionView => ({
  ...presentSession(item),
  unreadCount: item.unreadCount,
  queuePosition: item.queuePosition,
});

export const presentMessage = ({ row, sender }: MessageRecord): Message => ({
  id: row.id,
  sessionId: row.session_id,
  seq: row.seq,
  type: row.message_type,
  text: row.message_text,
  sender: sender && presentPerson(sender),
  clientId: row.client_id,
  createdAt: iso(row.created_at),
  isRead: row.is_read === 1,
});

export const presentAgentState = ({ agent, status, connected }: AgentStateRecord): AgentState => ({
  agent: presentPerson(agent),
  status: status.status,
  maxConcurrentChats: status.max_concurrent_chats,
  openChats: status.current_chat_count,
  autoAssign: status.auto_assign === 1,
  connected,
  lastAssignedAt: isoOrNull(status.last_assigned_at),
  updatedAt: iso(status.updated_at),
});

export const presentQuickResponse = (row: QuickResponseRow): QuickResponse => ({
  id: row.id,
  title: row.title,
  content: row.content,
  shared: row.owner_id === null,
  ownerId: row.owner_id,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

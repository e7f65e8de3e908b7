// Every object that leaves the server is shaped here, field by field, so a new column never leaks,
// and for whom it is meant: what a payload shows of a person depends on who is looking.
import { isAgent, personPolicy, topicPolicy, type Viewer } from '../domain/policies.js';
import type { Team, TeamAgent, Topic } from '../shared/teamsApi.js';
import type { TransferOffer } from '../shared/transfersApi.js';
import type { TransferOfferRecord } from '../storage/repositories/transferOffers.js';
import type { TeamRecord } from '../storage/repositories/teams.js';
import type { TopicRecord } from '../storage/repositories/topics.js';
import type { TeamAgentRecord } from './teams/teamAgents.js';
import type {
  DeskSettings,
  FileAttachment,
  UploadLimits,
  Account,
  AgentState,
  Message,
  NotificationPreferences,
  Person,
  QuickResponse,
  QuickResponseScope,
  Session,
  SessionView,
} from '../shared/api.js';
import type { FileRow, MailRow, UserRow } from '../storage/schema.js';
import type { OutboxMail } from '../shared/mailApi.js';
import { servedInline } from '../domain/files/fileServing.js';
import type { QuickResponseRecord } from '../storage/repositories/quickResponses.js';
import type { AgentStateRecord } from '../storage/repositories/agents.js';
import type { MessageRecord } from '../storage/repositories/messages.js';
import type { NotificationPreferencesRecord } from './accounts/notificationPreferences.js';
import type { PersonRecord } from '../storage/repositories/people.js';
import type { SessionListItem } from '../storage/repositories/sessions/sessionLists.js';
import type { SessionRecord } from '../storage/repositories/sessions/sessionRecords.js';
import type { DeskSettingsRecord } from './agents/deskSettings.js';
import type { UploadLimitsRecord } from './files/uploadLimits.js';
import type { ServiceSettings } from './context.js';

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/**
 * A frame on the bus, and in the session event log replayed from, goes to several viewers at
 * once (a session's frames reach its customer and the agents alike), so it carries every
 * detail, and each socket presents it again for its own viewer (framePresenter.ts) before
 * sending.
 */
export const FAN_OUT = 'fan-out';

/** Whom a payload is for: one viewer (the REST caller, a socket's person), or FAN_OUT. */
export type Audience = { viewer: Viewer; agentEmailsToCustomers: boolean } | typeof FAN_OUT;

export const audienceOf = (
  settings: Pick<ServiceSettings, 'showAgentEmailToCustomers'>,
  viewer: Viewer,
): Audience => ({ viewer, agentEmailsToCustomers: settings.showAgentEmailToCustomers });

export const seesEveryEmail = (audience: Audience) =>
  audience === FAN_OUT || personPolicy.seeEveryEmail(audience.viewer);

const seesEmailOf = (audience: Audience, person: Viewer) =>
  audience === FAN_OUT ||
  personPolicy.seeEmail(audience.viewer, person, audience.agentEmailsToCustomers);

/** A person as `audience` sees them: a customer sees an agent's name, not their email. */
export const presentPerson = (person: PersonRecord, audience: Audience): Person => ({
  id: person.id,
  name: person.name,
  email: seesEmailOf(audience, person) ? person.email : null,
  role: person.role,
});

/** A person as they see themselves (sign-in answers, the socket's hello). */
export const presentSelf = (person: PersonRecord): Person =>
  presentPerson(person, { viewer: person, agentEmailsToCustomers: false });

/** A queued mail for the super admins' page: who, what and how it went; never its body. */
export const presentOutboxMail = (mail: MailRow): OutboxMail => ({
  id: mail.id,
  kind: mail.kind,
  to: mail.recipient,
  subject: mail.subject,
  status: mail.status,
  attempts: mail.attempts,
  nextAttemptAt: mail.status === 'queued' ? iso(mail.next_attempt_at) : null,
  lastError: mail.last_error,
  ticketId: mail.ticket_id,
  createdAt: iso(mail.created_at),
  sentAt: isoOrNull(mail.sent_at),
});

export const presentAccount = (user: UserRow): Account => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  isActive: user.is_active === 1,
  isGuest: user.is_guest === 1,
  externalId: user.external_id,
  createdAt: iso(user.created_at),
  lastLoginAt: isoOrNull(user.last_login_at),
});

/** Agents see a chat's team (and so everyone on the bus); a customer sees the topic only. */
const seesTeams = (audience: Audience) =>
  audience === FAN_OUT || topicPolicy.seeTeam(audience.viewer);

/**
 * Whether `audience` may know of the chat's internal notes (the handover note's id): the desk,
 * never the chat's customer, even an agent writing to the desk (domain/eventVisibility.ts keeps
 * the notes themselves from them).
 */
const seesNotesOf = (audience: Audience, customerId: string) =>
  audience === FAN_OUT || (isAgent(audience.viewer) && audience.viewer.id !== customerId);

export function presentSession(
  { row, customer, agent, tags, topic, team }: SessionRecord,
  audience: Audience,
): Session {
  return {
    id: row.id,
    status: row.status,
    priority: row.priority,
    subject: row.subject,
    customer: presentPerson(customer, audience),
    agent: agent && presentPerson(agent, audience),
    rating: row.rating,
    feedback: row.feedback,
    tags,
    startedAt: iso(row.started_at),
    assignedAt: isoOrNull(row.assigned_at),
    firstAgentReplyAt: isoOrNull(row.first_agent_reply_at),
    endedAt: isoOrNull(row.ended_at),
    endedBy: row.ended_by,
    lastMessageAt: isoOrNull(row.last_message_at),
    awaitingAgentSince: isoOrNull(row.awaiting_agent_since),
    lastSeq: row.last_seq,
    topic: topic && { id: topic.id, name: topic.name },
    team: team && seesTeams(audience) ? { id: team.id, name: team.name } : null,
    handoverNoteId: seesNotesOf(audience, row.user_id) ? row.handover_note_id : null,
    ticketId: row.ticket_id,
  };
}

export const presentTeam = (
  { row, members, fallback, openingHours }: TeamRecord,
  audience: Audience,
): Team => ({
  id: row.id,
  name: row.name,
  description: row.description,
  archived: row.archived_at !== null,
  overflow:
    fallback && row.overflow_after_ms !== null
      ? { team: fallback, afterSeconds: Math.round(row.overflow_after_ms / 1000) }
      : null,
  openingHours,
  members: members.map(({ agent, isLead }) => ({ agent: presentPerson(agent, audience), isLead })),
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

export const presentTeamAgent = (record: TeamAgentRecord, audience: Audience): TeamAgent => ({
  ...presentAgentState(record, audience),
  isLead: record.isLead,
});

export const presentTopic = ({ row, team }: TopicRecord, audience: Audience): Topic => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  team: seesTeams(audience) ? { id: team.id, name: team.name } : null,
  isDefault: row.is_default === 1,
  position: row.position,
  archived: row.archived_at !== null,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

export const presentDeskSettings = (settings: DeskSettingsRecord): DeskSettings => ({
  replyOverdueSeconds: settings.replyOverdueMs / 1000,
  transferMode: settings.transferMode,
  transferOfferSeconds: settings.transferOfferMs / 1000,
});

/** Offers concern agents only (policies.ts#transferOfferPolicy), who see every email. */
export const presentTransferOffer = (
  { row, subject, customer, from, to, by, note }: TransferOfferRecord,
  audience: Audience,
): TransferOffer => ({
  id: row.id,
  sessionId: row.session_id,
  subject,
  customer: presentPerson(customer, audience),
  from: presentPerson(from, audience),
  to: presentPerson(to, audience),
  by: presentPerson(by, audience),
  note,
  status: row.status,
  returnedTo: row.returned_to,
  createdAt: iso(row.created_at),
  expiresAt: iso(row.expires_at),
  resolvedAt: isoOrNull(row.resolved_at),
});

export const presentSessionView = (item: SessionListItem, audience: Audience): SessionView => ({
  ...presentSession(item, audience),
  unreadCount: item.unreadCount,
  queuePosition: item.queuePosition,
});

export function presentMessage({ row, sender, files }: MessageRecord, audience: Audience): Message {
  const message: Message = {
    id: row.id,
    sessionId: row.session_id,
    seq: row.seq,
    type: row.message_type,
    text: row.message_text,
    sender: sender && presentPerson(sender, audience),
    clientId: row.client_id,
    createdAt: iso(row.created_at),
    isRead: row.is_read === 1,
  };
  // Only messages that carry files say so: a text message's payload is as it always was.
  if (files) message.files = files.map(presentFile);
  return message;
}

export const presentUploadLimits = (limits: UploadLimitsRecord): UploadLimits => ({
  uploadsAllowed: limits.uploadsAllowed,
  maxBytes: limits.maxBytes,
  filesPerMessage: limits.filesPerMessage,
  types: [...limits.types],
  extensions: [...limits.extensions],
});

/** A file as its message carries it; its URLs are the checked routes that serve it. */
export const presentFile = (row: FileRow): FileAttachment => ({
  id: row.id,
  name: row.file_name,
  type: row.mime_type,
  size: row.size_bytes,
  kind: servedInline(row.mime_type) ? 'image' : 'file',
  width: row.width,
  height: row.height,
  url: `/api/v1/files/${row.id}`,
  thumbnailUrl: row.has_thumbnail === 1 ? `/api/v1/files/${row.id}/thumbnail` : null,
});

export const presentAgentState = (
  { agent, status, connected }: AgentStateRecord,
  audience: Audience,
): AgentState => ({
  agent: presentPerson(agent, audience),
  status: status.status,
  maxConcurrentChats: status.max_concurrent_chats,
  openChats: status.current_chat_count,
  autoAssign: status.auto_assign === 1,
  connected,
  lastAssignedAt: isoOrNull(status.last_assigned_at),
  updatedAt: iso(status.updated_at),
});

const scopeOf = (row: QuickResponseRecord['row']): QuickResponseScope =>
  row.owner_id !== null ? 'personal' : row.team_id !== null ? 'team' : 'shared';

export const presentQuickResponse = ({
  row,
  useCount,
  team,
}: QuickResponseRecord): QuickResponse => ({
  id: row.id,
  title: row.title,
  content: row.content,
  category: row.category,
  shortcut: row.shortcut,
  scope: scopeOf(row),
  shared: scopeOf(row) === 'shared',
  ownerId: row.owner_id,
  team: team && { id: team.id, name: team.name },
  useCount,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

export const presentNotificationPreferences = (
  preferences: NotificationPreferencesRecord,
): NotificationPreferences => ({
  sound: preferences.sound,
  desktopNotifications: preferences.desktopNotifications,
  mail: { ...preferences.mail },
});

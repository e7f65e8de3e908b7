// The database's shape, one interface per table, as both dialects store it. Times are epoch
// milliseconds (bigint in PostgreSQL), flags are 0/1 integers, so rows read the same everywhere.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { AwayReason } from '../domain/strandedChats.js';
import type { CustomFieldType } from '../domain/tickets/customFields.js';
import type { SlaState } from '../domain/tickets/slaStatus.js';
import type { TicketStatus } from '../domain/tickets/ticketWorkflow.js';
import type { TicketChannel, TicketEventKind, TicketMessageKind } from '../shared/vocabulary.js';
import type { AccountTokenPurpose, MailKind, MailStatus } from '../shared/vocabulary.js';
import type {
  AgentStatus,
  EndedBy,
  MessageType,
  Priority,
  Role,
  SessionStatus,
  TransferOfferStatus,
} from '../shared/vocabulary.js';

type Flag = 0 | 1;

export interface UsersTable {
  id: string;
  email: string | null;
  name: string;
  role: Role;
  password_hash: string | null;
  /** The host application's own id for this person, set by SSO sign-in. */
  external_id: string | null;
  is_active: Flag;
  /** A visitor's account, made by POST /visitors rather than by a person signing up. */
  is_guest: Flag;
  /** Where a visitor asked to be reached (PATCH /visitors/me): unverified, never signs in. */
  contact_email: string | null;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

/** A browser's cookie, an API client's token, or a visitor's token (long-lived, see config). */
export type AuthSessionKind = 'cookie' | 'token' | 'visitor';

export interface AuthSessionsTable {
  /** SHA-256 of the bearer secret; the secret itself is never stored. */
  id: string;
  user_id: string;
  kind: AuthSessionKind;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ChatSessionsTable {
  id: string;
  user_id: string;
  assigned_agent_id: string | null;
  status: SessionStatus;
  priority: Priority;
  /** Index of priority in PRIORITIES, so the queue sorts by a number. */
  priority_rank: number;
  subject: string;
  rating: number | null;
  feedback: string | null;
  started_at: number;
  /** When the chat left the queue (again, if it was put back). */
  assigned_at: number | null;
  /** The current agent's first reply since the chat became theirs (reset by transfer and requeue). */
  first_agent_reply_at: number | null;
  ended_at: number | null;
  ended_by: EndedBy | null;
  rated_at: number | null;
  last_message_at: number | null;
  /**
   * When the customer's oldest message not yet answered by the agent was sent; null once the
   * agent replies (or before the customer wrote anything).
   */
  awaiting_agent_since: number | null;
  /** Sequence number of the latest durable event of this session. */
  last_seq: number;
  /** When the session's message budget is full again (see domain/abuseLimits.ts); 0 = full. */
  message_budget_full_at: number;
  /** Room for tickets: the ticket this chat became or belongs to. */
  ticket_id: string | null;
  /** What the customer picked on the start form (or the default topic), if topics exist. */
  topic_id: string | null;
  /** The team whose chat this is: the topic's team when it started, or the team it was transferred to. */
  team_id: string | null;
  /** The internal note (chat_messages.id) left for the receiver by the latest transfer, if any. */
  handover_note_id: string | null;
  /** When an agent first got the chat; later assignments leave it (reports, migration 0018). */
  first_assigned_at: number | null;
  /** The first message of any agent to the customer; transfers leave it (reports). */
  first_response_at: number | null;
  /** Moves to another agent or team while assigned (reports). */
  transfers: number;
  updated_at: number;
}

/**
 * A transfer offered to an agent, who accepts or declines it before `expires_at` (TRANSFER_MODE
 * offer). The chat stays with `from_agent_id` until it is accepted; at most one offer per chat
 * is pending. Its life is domain/transfers/transferOffer.ts.
 */
export interface TransferOffersTable {
  id: string;
  session_id: string;
  /** The agent who had the chat when it was offered. */
  from_agent_id: string;
  to_agent_id: string;
  /** Who made the offer: the chat's agent, its team's lead or a super admin. */
  offered_by: string;
  /** The handover note written with the offer (a `note` message of the chat), if any. */
  note_message_id: string | null;
  status: TransferOfferStatus;
  created_at: number;
  expires_at: number;
  resolved_at: number | null;
  /** Who answered or withdrew it; null when it expired or the system closed it. */
  resolved_by: string | null;
  /** Where the chat went when the offer ended without a transfer. */
  returned_to: 'sender' | 'queue' | null;
}

/** A saved inbox view: an agent's named ticket list query, or one shared with the desk. */
export interface TicketViewsTable {
  id: string;
  owner_id: string;
  name: string;
  /** JSON of TicketViewQuery (shared/ticketsApi.ts), checked when saved and when read. */
  query: string;
  /** 1: every agent lists it (super admins share); 0: its owner's. */
  shared: number;
  created_at: number;
  updated_at: number;
}

/** A team (department) of the desk. */
export interface TeamsTable {
  id: string;
  name: string;
  description: string;
  /** For routing per team: the team whose agents may also take a chat waiting longer than the delay. */
  fallback_team_id: string | null;
  overflow_after_ms: number | null;
  /** The business calendar of its live chat's opening hours (0028); null: always open. */
  calendar_id: string | null;
  /** Archived teams keep their chats but take no new members or topics. */
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

/** An agent's membership of a team; an agent may be in several, and lead some of them. */
export interface TeamMembersTable {
  team_id: string;
  agent_id: string;
  is_lead: Flag;
  created_at: number;
}

/** What a customer picks on the start form; it leads to one team. */
export interface TopicsTable {
  id: string;
  /** The topic's name in links (`/?topic=fees`) and SSO claims. */
  slug: string;
  name: string;
  team_id: string;
  /** The topic of a chat started without one; exactly one active topic has it (while any exist). */
  is_default: Flag;
  position: number;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ChatMessagesTable {
  id: string;
  session_id: string;
  seq: number;
  /** Null for system messages. */
  sender_id: string | null;
  message_type: MessageType;
  message_text: string;
  client_id: string | null;
  is_read: Flag;
  read_at: number | null;
  created_at: number;
}

/** Durable session events other than messages (session.updated, messages.read), for replay. */
export interface ChatSessionEventsTable {
  session_id: string;
  seq: number;
  kind: string;
  payload: string;
  created_at: number;
}

export interface ChatParticipantsTable {
  session_id: string;
  user_id: string;
  /** `mentioned`: an agent named in one of the chat's notes, who may read it (domain/policies.ts). */
  role: 'customer' | 'agent' | 'mentioned';
  /** When they last joined: an agent's first response is measured from here. */
  joined_at: number;
  left_at: number | null;
  last_read_seq: number;
}

export interface ChatAgentStatusTable {
  agent_id: string;
  status: AgentStatus;
  max_concurrent_chats: number;
  /** Open (active) chats assigned to this agent, kept in step with chat_sessions in every transaction. */
  current_chat_count: number;
  auto_assign: Flag;
  last_assigned_at: number | null;
  /** When the agent's last WebSocket closed; null while connected or never connected. */
  last_disconnected_at: number | null;
  /** When `status` last changed (updated_at also moves with load). */
  status_changed_at: number;
  /**
   * Why the system set the agent away, or null when the agent chose their status: their chats
   * go back to the queue once they have stayed gone long enough (domain/strandedChats.ts).
   */
  away_reason: AwayReason | null;
  updated_at: number;
}

export interface ChatQuickResponsesTable {
  id: string;
  /** The agent whose personal response it is; null for shared and team responses. */
  owner_id: string | null;
  /** The team whose response it is (owner_id is then null); null for shared and personal ones. */
  team_id: string | null;
  title: string;
  content: string;
  /** Free text the picker groups by; null for none. */
  category: string | null;
  /** Typed as `/shortcut` in the composer; unique within its scope (shared, a team's, an agent's). */
  shortcut: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

/** How often each agent inserted each quick response: their picker shows the most used first. */
export interface ChatQuickResponseUsesTable {
  response_id: string;
  user_id: string;
  use_count: number;
  last_used_at: number;
}

/**
 * An upload and what is known of it. Its content lives in the FileStore (storage/files/) under
 * keys made from its id. Owned by a chat's message or a ticket's once sent (by both, for a chat's
 * file carried into its ticket).
 */
export interface FilesTable {
  id: string;
  uploader_id: string;
  /** The chat it was uploaded to; null once that chat is gone. */
  session_id: string | null;
  /** The chat message carrying it; null until sent, and again once that message is purged. */
  message_id: string | null;
  /**
   * The ticket it was uploaded to, or that took it: a chat's file carried into the ticket made
   * from the chat has both owners (repositories/fileLinks.ts); a draft has none yet.
   */
  ticket_id: string | null;
  /** The ticket reply or note carrying it; null until sent. */
  ticket_message_id: string | null;
  /** Sanitized (domain/files/fileNames.ts), with the type's extension. */
  file_name: string;
  /** Decided from the content (domain/files/fileTypes.ts). */
  mime_type: string;
  size_bytes: number;
  /** Raster images: their size in pixels as served. */
  width: number | null;
  height: number | null;
  has_thumbnail: Flag;
  created_at: number;
  /** When the content was stored whole; null while it arrives, or if that was cut short. */
  stored_at: number | null;
  /** When a message took it. */
  attached_at: number | null;
  /**
   * A draft's (uploaded before its message exists, with no owner): until when a new ticket of its
   * uploader's may take it. Null for every other file.
   */
  draft_expires_at: number | null;
}

/** The content of files kept in the database, in chunks of FILE_CHUNK_BYTES. */
export interface FileChunksTable {
  key: string;
  seq: number;
  data: Uint8Array;
}

export interface ChatSessionTagsTable {
  session_id: string;
  tag: string;
  created_by: string;
  created_at: number;
}

/** Live WebSocket connections per node and user; a node's rows die with its heartbeat. */
export interface PresenceTable {
  node_id: string;
  user_id: string;
  connections: number;
  updated_at: number;
}

export interface NodesTable {
  id: string;
  started_at: number;
  heartbeat_at: number;
}

/** Named leases so deployment-wide jobs run on one node at a time. */
export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
}

/** Each node's count of open sockets per sign-in (auth session), while it has any. */
export interface SignInSocketsTable {
  node_id: string;
  auth_session_id: string;
  sockets: number;
  updated_at: number;
}

/** A mail received (or a Message-ID of ours, sent), once per mailbox (0014_mail_inbound). */
export interface MailMessagesTable {
  mailbox: string;
  message_id: string;
  direction: 'in' | 'out';
  status: 'processed' | 'ignored' | 'sent';
  reason: string | null;
  ticket_id: string | null;
  ticket_message_id: string | null;
  from_address: string | null;
  subject: string;
  raw: Uint8Array | null;
  size_bytes: number;
  received_at: number;
}

export interface RateLimitsTable {
  key: string;
  count: number;
  reset_at: number;
}

/** SSO token ids already used, so a token cannot be replayed within its lifetime. */
export interface SsoTokenUsesTable {
  jti: string;
  expires_at: number;
}

/** A person's notification preferences; a person without a row has the defaults. */
export interface NotificationPreferencesTable {
  user_id: string;
  sound: Flag;
  desktop_notifications: Flag;
  /** Mail about tickets (0017), each on by default: a new ticket in their teams, */
  mail_new_tickets: Flag;
  /** a ticket given to them, */
  mail_assigned: Flag;
  /** an `@` in a ticket's note, */
  mail_mentions: Flag;
  /** an SLA warning or breach. */
  mail_sla: Flag;
  updated_at: number;
}

/** Named counters; `tickets` is the last ticket number handed out. */
export interface CountersTable {
  name: string;
  value: number;
}

/** A request tracked until it is solved (docs/tickets.md). */
export interface TicketsTable {
  id: string;
  /** Said aloud as `#1042`: sequential per deployment (the `tickets` counter). */
  number: number;
  subject: string;
  requester_id: string;
  status: TicketStatus;
  priority: Priority;
  /** Index of priority in PRIORITIES, so the inbox sorts by a number. */
  priority_rank: number;
  team_id: string | null;
  assignee_id: string | null;
  channel: TicketChannel;
  created_at: number;
  /** Any change the requester may see too (a note leaves it alone). */
  updated_at: number;
  /** The first public agent reply. */
  first_responded_at: number | null;
  solved_at: number | null;
  closed_at: number | null;
  /** The SLA policy the due times below were counted by; null: no SLA. */
  sla_policy_id: string | null;
  first_response_due_at: number | null;
  first_response_state: SlaState | null;
  /** The next response target of the latest wait for the desk (migration 0029). */
  next_response_due_at: number | null;
  next_response_state: SlaState | null;
  resolution_due_at: number | null;
  resolution_state: SlaState | null;
  /** The soonest due time of a running (active) target; null when none runs. */
  next_due_at: number | null;
  /**
   * When the SLA sweep looks at the ticket next: the soonest "at risk" or due time of a running
   * target not yet recorded; null: nothing to watch (migration 0015).
   */
  sla_check_at: number | null;
  /** First response and resolution times in business hours, on the SLA calendar (migration 0030). */
  first_response_business_ms: number | null;
  resolution_business_ms: number | null;
  merged_into: string | null;
  follow_up_of: string | null;
}

/** Someone copied on a ticket, by address (0023_ticket_ccs). */
export interface TicketCcsTable {
  ticket_id: string;
  email: string;
  added_at: number;
}

/** A public reply or an internal note (domain/eventVisibility.ts keeps notes from the requester). */
export interface TicketMessagesTable {
  id: string;
  /** The ticket whose thread shows it: a merge moves it to the ticket merged into. */
  ticket_id: string;
  /** The ticket it was written on, which keeps showing it after a merge. */
  origin_ticket_id: string;
  /** Null when its author is the system. */
  author_id: string | null;
  kind: TicketMessageKind;
  body: string;
  client_id: string | null;
  created_at: number;
}

/** The ticket's history: who changed what, when, from what to what (JSON values). */
export interface TicketEventsTable {
  id: string;
  ticket_id: string;
  /** 1, 2, … per ticket, in the order the changes were made. */
  seq: number;
  /** Null for the system. */
  actor_id: string | null;
  kind: TicketEventKind;
  /** The custom field's key, for `field` events. */
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  created_at: number;
}

export interface TicketTagsTable {
  ticket_id: string;
  tag: string;
  created_at: number;
}

/** A custom field super admins defined (domain/tickets/customFields.ts). */
export interface TicketFieldsTable {
  id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  required: Flag;
  /** JSON: maxLength (text), min / max / integer (number), options (select). */
  settings: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface TicketFieldValuesTable {
  ticket_id: string;
  field_id: string;
  /** JSON: a string, number or boolean. */
  value: string;
}

/** A chat a ticket was made from; the chat names it in chat_sessions.ticket_id. */
export interface TicketChatLinksTable {
  ticket_id: string;
  session_id: string;
  created_by: string | null;
  created_at: number;
}

/** First response and resolution targets per priority, for a team or (team_id null) the desk. */
export interface SlaPoliciesTable {
  id: string;
  name: string;
  team_id: string | null;
  clock: 'business' | 'calendar';
  calendar_id: string | null;
  /** JSON: { priority: { firstResponseMinutes, resolutionMinutes } }. */
  targets: string;
  at_risk_fraction: number;
  created_at: number;
  updated_at: number;
}

/** Open hours in a time zone, with holidays (domain/tickets/businessCalendar.ts). */
export interface BusinessCalendarsTable {
  id: string;
  name: string;
  time_zone: string;
  /** JSON: { mon: [{ start, end }], … }. */
  weekly_hours: string;
  /** JSON: [ 'YYYY-MM-DD' | { from, to } ]. */
  holidays: string;
  created_at: number;
  updated_at: number;
}

/** A mail to send (services/mail/outbox/), written with the change that caused it. */
export interface MailOutboxTable {
  id: string;
  kind: MailKind;
  /** The account it is for, if any: no mail leaves for a deactivated account. */
  user_id: string | null;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON of domain/mail/messageHeaders.ts#MailHeaders. */
  headers: string;
  ticket_id: string | null;
  status: MailStatus;
  /** Attempts begun (counted as a worker claims the mail, so a crash counts too). */
  attempts: number;
  next_attempt_at: number;
  /** The claim of the worker sending it now: `<node id>:<random>`. */
  claimed_by: string | null;
  /** A claim not settled by then is a crashed worker's: the mail is due again. */
  claim_expires_at: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

/** A single-use link mailed to a person; only the token's SHA-256 is kept. */
export interface AccountTokensTable {
  id: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  /** The new address, for email_verification. */
  email: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Chat metrics of the chats started in one UTC hour, per team and agent (docs/reports.md). */
/** A survey question after a chat, answered 1-5 (migration 0026); at most three are not archived. */
export interface SurveyQuestionsTable {
  id: string;
  text: string;
  position: number;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
}

/** The survey of a solved ticket, one a ticket (0033_ticket_surveys). */
export interface TicketSurveysTable {
  ticket_id: string;
  /** SHA-256 (hex) of the link's secret. */
  token_hash: string;
  /** Who had the ticket when it was solved: the answer is theirs. */
  assignee_id: string | null;
  team_id: string | null;
  solved_at: number;
  expires_at: number;
  rating: number | null;
  comment: string | null;
  answered_at: number | null;
}
export type TicketSurveyRow = Selectable<TicketSurveysTable>;

/** One chat's answer to one survey question, with the chat's agent and team when it ended. */
export interface ChatSurveyAnswersTable {
  session_id: string;
  question_id: string;
  value: number;
  agent_id: string | null;
  team_id: string | null;
  answered_at: number;
}

export interface ReportChatHoursTable {
  hour_start: number;
  team_id: string | null;
  agent_id: string | null;
  /** The chat's topic and priority (migration 0036); null on rows counted before it. */
  topic_id: string | null;
  priority: Priority | null;
  chats: number;
  abandoned: number;
  unanswered: number;
  transfers: number;
  transferred_chats: number;
  rating_1: number;
  rating_2: number;
  rating_3: number;
  rating_4: number;
  rating_5: number;
  wait_ms_total: number;
  first_response_ms_total: number;
  handle_ms_total: number;
}

/** One non-empty bin of a duration's histogram (domain/reports/histogram.ts) of such an hour. */
export interface ReportChatHourBinsTable {
  hour_start: number;
  team_id: string | null;
  agent_id: string | null;
  topic_id: string | null;
  priority: Priority | null;
  duration: 'wait' | 'first_response' | 'handle';
  bin: number;
  chats: number;
}

/**
 * The same as ReportChatHoursTable per UTC day (migration 0037): always the sum of the day's
 * hourly rows, rewritten with each of them, so a long range sums days and only its edges hours.
 */
export type ReportChatDaysTable = Omit<ReportChatHoursTable, 'hour_start'> & { day_start: number };

/** The same as ReportChatHourBinsTable per UTC day (migration 0037). */
export type ReportChatDayBinsTable = Omit<ReportChatHourBinsTable, 'hour_start'> & {
  day_start: number;
};

/** Open tickets whose SLA must be counted again after an edit of their policy or calendar. */
export interface SlaRecountsTable {
  id: string;
  /** The tickets the policy covers; null: those no policy covers (migration 0029). */
  policy_id: string | null;
  /** The last ticket id counted again, '' before the first batch. */
  after_id: string;
  marked_at: number;
}

/** An hour whose chats changed since the rollup worker last counted it (several rows per hour). */
export interface ReportDirtyHoursTable {
  id: string;
  hour_start: number;
  marked_at: number;
}

/** A desk setting kept in the app (services/widget/widgetSettings.ts reads the widget's). */
/** One row per change of an agent's status (migration 0032), for the time in each status. */
export interface AgentStatusChangesTable {
  agent_id: string;
  /** When the status below began. */
  changed_at: number;
  status: AgentStatus;
  /** The agent's max concurrent chats from then on (migration 0039). */
  max_concurrent_chats: number;
}

export interface DeskSettingsTable {
  key: string;
  /** JSON, its shape owned by the service that reads the key. */
  value: string;
  updated_at: number;
  updated_by: string | null;
}

export interface Database {
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  chat_sessions: ChatSessionsTable;
  chat_messages: ChatMessagesTable;
  chat_session_events: ChatSessionEventsTable;
  chat_participants: ChatParticipantsTable;
  chat_agent_status: ChatAgentStatusTable;
  agent_status_changes: AgentStatusChangesTable;
  chat_quick_responses: ChatQuickResponsesTable;
  chat_quick_response_uses: ChatQuickResponseUsesTable;
  files: FilesTable;
  file_chunks: FileChunksTable;
  chat_session_tags: ChatSessionTagsTable;
  presence: PresenceTable;
  sign_in_sockets: SignInSocketsTable;
  nodes: NodesTable;
  leases: LeasesTable;
  rate_limits: RateLimitsTable;
  sso_token_uses: SsoTokenUsesTable;
  notification_preferences: NotificationPreferencesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  topics: TopicsTable;
  transfer_offers: TransferOffersTable;
  counters: CountersTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  ticket_events: TicketEventsTable;
  ticket_ccs: TicketCcsTable;
  ticket_tags: TicketTagsTable;
  ticket_fields: TicketFieldsTable;
  ticket_field_values: TicketFieldValuesTable;
  ticket_chat_links: TicketChatLinksTable;
  sla_policies: SlaPoliciesTable;
  business_calendars: BusinessCalendarsTable;
  ticket_views: TicketViewsTable;
  mail_messages: MailMessagesTable;
  mail_outbox: MailOutboxTable;
  account_tokens: AccountTokensTable;
  report_chat_hours: ReportChatHoursTable;
  report_chat_hour_bins: ReportChatHourBinsTable;
  report_chat_days: ReportChatDaysTable;
  report_chat_day_bins: ReportChatDayBinsTable;
  report_dirty_hours: ReportDirtyHoursTable;
  desk_settings: DeskSettingsTable;
  survey_questions: SurveyQuestionsTable;
  chat_survey_answers: ChatSurveyAnswersTable;
  ticket_surveys: TicketSurveysTable;
  sla_recounts: SlaRecountsTable;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<ChatSessionsTable>;
export type NewSessionRow = Insertable<ChatSessionsTable>;
export type SessionUpdate = Updateable<ChatSessionsTable>;
export type MessageRow = Selectable<ChatMessagesTable>;
export type AgentStatusRow = Selectable<ChatAgentStatusTable>;
export type QuickResponseRow = Selectable<ChatQuickResponsesTable>;
export type NotificationPreferencesRow = Selectable<NotificationPreferencesTable>;
export type TeamRow = Selectable<TeamsTable>;
export type TeamMemberRow = Selectable<TeamMembersTable>;
export type TopicRow = Selectable<TopicsTable>;
export type TransferOfferRow = Selectable<TransferOffersTable>;
export type TicketRow = Selectable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type TicketMessageRow = Selectable<TicketMessagesTable>;
export type TicketEventRow = Selectable<TicketEventsTable>;
export type TicketFieldRow = Selectable<TicketFieldsTable>;
export type TicketViewRow = Selectable<TicketViewsTable>;
export type SlaPolicyRow = Selectable<SlaPoliciesTable>;
export type BusinessCalendarRow = Selectable<BusinessCalendarsTable>;
export type FileRow = Selectable<FilesTable>;
export type MailMessageRow = Selectable<MailMessagesTable>;
export type MailRow = Selectable<MailOutboxTable>;
export type AccountTokenRow = Selectable<AccountTokensTable>;

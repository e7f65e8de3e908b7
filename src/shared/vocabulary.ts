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

/**
 * How a transfer to a named agent happens (TRANSFER_MODE): at once, or as an offer the receiver
 * accepts or declines within TRANSFER_OFFER_SECONDS. A transfer to a team always goes to its queue.
 */
export const TRANSFER_MODES = ['direct', 'offer'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

/** Whether customers may make their own account (CUSTOMER_SIGN_UP): never, once their address is proven, or at once. */
export const CUSTOMER_SIGN_UP_MODES = ['off', 'verification', 'open'] as const;
export type CustomerSignUpMode = (typeof CUSTOMER_SIGN_UP_MODES)[number];

/** Where a transfer offer stands: waiting for the receiver, or how it ended. */
export const TRANSFER_OFFER_STATUSES = [
  'pending',
  'accepted',
  'declined',
  'expired',
  'withdrawn',
] as const;
export type TransferOfferStatus = (typeof TRANSFER_OFFER_STATUSES)[number];
/** new → open ↔ pending / on_hold → solved → closed; the rules are domain/tickets/ticketWorkflow.ts. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Where a ticket came from: the portal, a chat, email, or another program through the API. */
export const TICKET_CHANNELS = ['web', 'chat', 'email', 'api'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** `note`: an internal note, for agents only (domain/eventVisibility.ts keeps it from requesters). */
export const TICKET_MESSAGE_KINDS = ['reply', 'note'] as const;
export type TicketMessageKind = (typeof TICKET_MESSAGE_KINDS)[number];

/** What a ticket's history records. */
export const TICKET_EVENT_KINDS = [
  'created',
  'status',
  'priority',
  'subject',
  'team',
  'assignee',
  'tags',
  'field',
  /** On a ticket merged into another (`to`: that ticket). */
  'merged_into',
  /** On the ticket another was merged into (`to`: the merged one). */
  'merged_from',
  /** On a closed ticket a later reply made a follow-up for (`to`: the follow-up). */
  'follow_up',
  /** On a follow-up (`to`: the closed ticket it follows). */
  'follow_up_of',
  /** The ticket was made from a chat (`to`: the chat's id). */
  'chat_linked',
  /** An SLA target is at risk (`field`: the target, `to`: its due time); by the system. */
  'sla_warning',
  /** An SLA target was missed (`field`: the target, `to`: its due time); by the system. */
  'sla_breach',
] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/** What a `ticket.updated` frame says changed (docs/protocol.md). */
export const TICKET_CHANGES = [
  'status',
  'priority',
  'subject',
  'team',
  'assignee',
  'tags',
  'fields',
  'merged',
  'follow_up',
  'chat_linked',
  'sla',
] as const;
export type TicketChange = (typeof TICKET_CHANGES)[number];

export const LIMITS = {
  subject: 200,
  message: 5000,
  feedback: 2000,
  name: 100,
  email: 254,
  /** CCs on one ticket: more is a mailing list, not people copied (domain/mail/ticketCcs.ts). */
  ticketCcs: 20,
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
  ticketMessage: 10000,
  tagsPerTicket: 20,
  fieldLabel: 100,
  fieldOptions: 100,
  fieldOption: 100,
  slaPolicyName: 100,
  calendarName: 100,
  holidays: 400,
} as const;

/** A person's notification preferences until they change them: the chime and desktop notifications on. */
export const NOTIFICATION_DEFAULTS = { sound: true, desktopNotifications: true } as const;

/** The mails about tickets an agent may turn off, each on until they do (migration 0017). */
export const MAIL_NOTICES = ['newTickets', 'assigned', 'mentions', 'sla'] as const;
export type MailNotice = (typeof MAIL_NOTICES)[number];
export const MAIL_NOTICE_DEFAULTS: Readonly<Record<MailNotice, boolean>> = {
  newTickets: true,
  assigned: true,
  mentions: true,
  sla: true,
};

/**
 * A queued mail's life (services/mail/outbox/): `queued` until a worker claims it, `sending`
 * while one does, then `sent`; back to `queued` after a failure worth retrying, `dead` after
 * the last try or a permanent refusal, `cancelled` when its account was deactivated first.
 */
export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'dead', 'cancelled'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * What a mail is. Ticket notifications and chat transcripts come next; their kinds join here.
 */
export const MAIL_KINDS = [
  'password_reset',
  'email_verification',
  'email_changed',
  'test',
  // A chat's transcript (services/transcripts).
  'chat_transcript',
  // To a ticket's requester (services/mail/ticketMail/requesterMails.ts).
  'ticket_received',
  'ticket_reply',
  'ticket_solved',
  'ticket_merged',
  // The survey of a solved ticket (services/surveys/ticketSurveyOffer.ts).
  'ticket_survey',
  // To the desk's agents (services/mail/ticketMail/agentNotices.ts).
  'ticket_new',
  'ticket_assigned',
  'ticket_mention',
  'ticket_sla',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** What a mailed single-use link does. */
export const ACCOUNT_TOKEN_PURPOSES = ['password_reset', 'email_verification'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** Questions asked after a chat, besides the rating and its comment (surveysApi.ts). */
export const MAX_SURVEY_QUESTIONS = 3;
export const SURVEY_QUESTION_LENGTH = 200;

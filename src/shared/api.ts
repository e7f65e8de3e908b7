// The REST API's resources and request bodies as zod schemas: the server validates and documents
// with them (OpenAPI is generated from these), the browser takes its types from them.
import { z } from 'zod';
import {
  AGENT_STATUSES,
  CUSTOMER_SIGN_UP_MODES,
  ENDED_BY,
  LIMITS,
  MESSAGE_TYPES,
  SENT_MESSAGE_TYPES,
  PRIORITIES,
  ROLES,
  SESSION_STATUSES,
  TRANSFER_MODES,
} from './vocabulary.js';

// Every string that may reach storage or a query must come back as it was sent. PostgreSQL cannot
// store or compare NUL; and half of a UTF-16 surrogate pair has no UTF-8 form, so both databases
// would store U+FFFD in its place while the reply echoed the original. Both are refused.
const hasNoNul = (value: string) => !value.includes('\u0000');
/** In a `u` expression a whole pair is one code point: only a lone half matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;
const isWellFormed = (value: string) => !LONE_SURROGATE.test(value);

/** `schema`, refusing half of a surrogate pair, which UTF-8 cannot carry. */
const wellFormed = (schema: z.ZodString) =>
  schema.refine(isWellFormed, 'must be well-formed Unicode (it holds half of a surrogate pair)');

/** `schema`, refusing what cannot be stored as sent (NUL, half of a surrogate pair). */
const storable = (schema: z.ZodString) =>
  wellFormed(schema.refine(hasNoNul, 'must not contain NUL characters'));

/** Trimmed, non-empty text of at most `max` characters that can be stored as sent. */
export const text = (max: number) =>
  storable(
    z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`),
  );

/** A name a client or host application chose (client id, external id): kept as sent. */
export const clientToken = (max: number) =>
  storable(z.string().min(1).max(max, `must be at most ${max} characters`));

/** Trimmed text that may be empty (a description, a search) and can be stored as sent. */
export const optionalText = (max: number) =>
  storable(z.string().trim().max(max, `must be at most ${max} characters`));

/**
 * Words to search for as they were typed: not trimmed (a space after the last word says it is
 * complete, not the start of a longer one), and not blank.
 */
export const searchWords = (max: number) =>
  storable(z.string().max(max, `must be at most ${max} characters`)).refine(
    (value) => value.trim().length > 0,
    'must not be empty',
  );

/** Free text to search for: may be empty. */
const searchText = optionalText;

/**
 * Every id Switchboard makes is a UUID (v7, services/runtime.ts), so anything else cannot name
 * a row: it is refused with 400 before it reaches a query.
 */
export const Id = z.uuid('must be an id made by this API');

export const isoTime = z.string().describe('ISO 8601 timestamp');
const id = Id;

export const Role = z.enum(ROLES);
export const Priority = z.enum(PRIORITIES);
export const SessionStatus = z.enum(SESSION_STATUSES);
export const AgentStatusValue = z.enum(AGENT_STATUSES);

// ---- resources ----

export const Person = z.object({
  id,
  name: z.string(),
  email: z
    .email()
    .nullable()
    .describe(
      "null when the person has none, or the caller may not see it: a customer sees an agent's name only (SHOW_AGENT_EMAIL_TO_CUSTOMERS)",
    ),
  role: Role,
});
export type Person = z.infer<typeof Person>;

export const Account = Person.extend({
  isActive: z.boolean(),
  isGuest: z
    .boolean()
    .describe("A visitor's account, made by the chat widget (POST /visitors), not by a person"),
  externalId: z.string().nullable(),
  createdAt: isoTime,
  lastLoginAt: isoTime.nullable(),
});
export type Account = z.infer<typeof Account>;

/** A team or topic named in another resource: its id and name. */
export const NamedRef = z.object({ id, name: z.string() });
export type NamedRef = z.infer<typeof NamedRef>;

export const Session = z.object({
  id,
  status: SessionStatus,
  priority: Priority,
  subject: z.string(),
  customer: Person,
  agent: Person.nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  feedback: z.string().nullable(),
  tags: z.array(z.string()),
  startedAt: isoTime,
  assignedAt: isoTime.nullable(),
  firstAgentReplyAt: isoTime.nullable(),
  endedAt: isoTime.nullable(),
  endedBy: z.enum(ENDED_BY).nullable(),
  lastMessageAt: isoTime.nullable(),
  /** When the customer's oldest message the agent has not answered yet was sent, or null. */
  awaitingAgentSince: isoTime.nullable(),
  lastSeq: z.number().int().describe('sequence number of the latest event in this session'),
  topic: NamedRef.nullable().describe(
    'what the customer picked on the start form (or the default)',
  ),
  team: NamedRef.nullable().describe(
    "the chat's team: its topic's, or the team it was last transferred to; null for customers",
  ),
  handoverNoteId: id
    .nullable()
    .describe(
      'the internal note left for the receiver by the latest transfer, shown at the top of the chat; null for customers, and when the transfer came without one',
    ),
  ticketId: id.nullable().describe('the ticket made from this chat, if one was'),
});
export type Session = z.infer<typeof Session>;

/** A session as one viewer sees it in a list: with their unread count and, while waiting, its place in the queue. */
export const SessionView = Session.extend({
  unreadCount: z.number().int(),
  queuePosition: z.number().int().nullable(),
});
export type SessionView = z.infer<typeof SessionView>;

/** A file as a message carries it, or as an upload answers it. */
export const FileAttachment = z.object({
  id,
  name: z
    .string()
    .describe('the name it was uploaded under, cleaned (no path, controls or bidi overrides)'),
  type: z.string().describe('the MIME type, decided from the content'),
  size: z
    .number()
    .int()
    .describe('bytes, as served (images are re-encoded without their metadata)'),
  kind: z
    .enum(['image', 'file'])
    .describe(
      '`image`: a PNG, JPEG, GIF or WebP shown inline, with a thumbnail; `file`: a download',
    ),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  url: z.string().describe('where the file is served, to whoever may see its message'),
  thumbnailUrl: z.string().nullable().describe('a WebP of at most 480 pixels a side, for images'),
});
export type FileAttachment = z.infer<typeof FileAttachment>;

export const Message = z.object({
  id,
  sessionId: id,
  seq: z.number().int(),
  type: z.enum(MESSAGE_TYPES),
  text: z
    .string()
    .describe('for `file` and `image` messages (and notes with files) a caption, possibly empty'),
  sender: Person.nullable().describe('null for system messages'),
  clientId: z.string().nullable(),
  createdAt: isoTime,
  isRead: z.boolean(),
  files: z
    .array(FileAttachment)
    .optional()
    .describe('`file` and `image` messages, and notes with files: what they carry'),
});
export type Message = z.infer<typeof Message>;

export const AgentState = z.object({
  agent: Person,
  status: AgentStatusValue,
  maxConcurrentChats: z.number().int(),
  openChats: z.number().int().describe('chats currently assigned and not ended'),
  autoAssign: z.boolean(),
  connected: z.boolean(),
  lastAssignedAt: isoTime.nullable(),
  updatedAt: isoTime,
});
export type AgentState = z.infer<typeof AgentState>;

export const AgentDirectory = z.object({
  items: z.array(AgentState),
  overCapacityAllowed: z
    .boolean()
    .describe(
      'the deployment lets a chat be handed to an agent beyond their max (ALLOW_TAKE_OVER_CAPACITY)',
    ),
});
export type AgentDirectory = z.infer<typeof AgentDirectory>;

export const QUICK_RESPONSE_SCOPES = ['shared', 'team', 'personal'] as const;
export type QuickResponseScope = (typeof QUICK_RESPONSE_SCOPES)[number];

export const QuickResponse = z.object({
  id,
  title: z.string(),
  content: z
    .string()
    .describe('may hold variables such as `{{customer.firstName}}`, filled in when inserted'),
  category: z.string().nullable().describe('free text the picker groups by; null for none'),
  shortcut: z.string().nullable().describe('typed as `/shortcut` in the composer to insert it'),
  scope: z
    .enum(QUICK_RESPONSE_SCOPES)
    .describe(
      "'shared' (every agent's, kept by super admins), 'team' (offered to the team's members, kept by its leads and super admins), 'personal' (one agent's)",
    ),
  shared: z.boolean().describe("scope is 'shared'"),
  ownerId: z.string().nullable().describe('the agent whose personal response it is'),
  team: NamedRef.nullable().describe('the team whose response it is'),
  useCount: z.number().int().describe('how often the caller inserted it'),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type QuickResponse = z.infer<typeof QuickResponse>;

const StatsPeriod = z.object({
  chatsHandled: z.number().int(),
  averageFirstResponseSeconds: z
    .number()
    .nullable()
    .describe(
      "from when each chat became this agent's (assignment or transfer) to their first reply",
    ),
  averageRating: z.number().nullable(),
  ratedChats: z.number().int(),
});

export const AgentStats = z.object({
  today: StatsPeriod,
  allTime: StatsPeriod,
  activeNow: z.number().int(),
  waitingNow: z.number().int(),
});
export type AgentStats = z.infer<typeof AgentStats>;

/** What the agents' pages need of the deployment's settings. */
export const DeskSettings = z.object({
  /** A chat whose customer has waited this long for the agent's reply is highlighted. */
  replyOverdueSeconds: z.number(),
  /** A transfer to an agent happens at once, or is an offer they accept (TRANSFER_MODE). */
  transferMode: z.enum(TRANSFER_MODES),
  /** An offer not answered within this long expires (TRANSFER_OFFER_SECONDS). */
  transferOfferSeconds: z.number(),
});
export type DeskSettings = z.infer<typeof DeskSettings>;

export const SessionCounts = z.object({
  active: z.number().int(),
  waiting: z.number().int(),
  history: z.number().int(),
});
export type SessionCounts = z.infer<typeof SessionCounts>;

export const QueuePosition = z.object({
  sessionId: id,
  position: z.number().int(),
  estimatedWaitSeconds: z.number().int().nullable(),
  /** Online agents who receive chats automatically (the estimate is based on them). */
  agentsAvailable: z.number().int(),
  /** Every online agent, including those who take chats by hand; 0 means nobody is on duty. */
  agentsOnline: z.number().int(),
});
export type QueuePosition = z.infer<typeof QueuePosition>;

export const NotificationPreferences = z.object({
  sound: z.boolean().describe('the chime for new chats and customer messages'),
  desktopNotifications: z
    .boolean()
    .describe('browser notifications while Switchboard is in the background'),
  mail: z
    .object({
      newTickets: z.boolean().describe('a new ticket in their teams (any team when it has none)'),
      assigned: z.boolean().describe('a ticket given to them by someone else'),
      mentions: z.boolean().describe('an `@` naming them in a ticket’s internal note'),
      sla: z.boolean().describe('an SLA warning or breach of a ticket they are told about'),
    })
    .strict()
    .describe('the mail about tickets an agent gets (a requester’s own mail always comes)'),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/** An upload's form: documents the multipart body (the handler streams it, unvalidated). */
export const UploadFileForm = z.object({
  file: z.string().meta({ format: 'binary' }).describe('the file, with its name'),
});

/** What a caller may upload: the composer offers its attach button and checks sizes by this. */
export const UploadLimits = z.object({
  uploadsAllowed: z
    .boolean()
    .describe('false for customers when the deployment turned customer uploads off'),
  maxBytes: z.number().int(),
  filesPerMessage: z.number().int(),
  types: z.array(z.string()).describe('MIME types accepted, decided from the content'),
  extensions: z.array(z.string()).describe('their usual extensions, for a file picker'),
});
export type UploadLimits = z.infer<typeof UploadLimits>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

// ---- requests ----

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(LIMITS.email)
  .pipe(z.email('must be an email address'))
  // The document shows a pipe's input side, a plain string: say what it must hold.
  .meta({ format: 'email' });
export { email as emailAddress };
// Hashed as UTF-8, where every lone surrogate becomes U+FFFD: passwords differing only there
// would be one password.
const password = wellFormed(z.string().min(LIMITS.password.min).max(LIMITS.password.max));

export const SignInBody = z.object({
  email,
  password: wellFormed(z.string().min(1).max(LIMITS.password.max)),
});
export type SignInBody = z.infer<typeof SignInBody>;

export const SsoBody = z.object({ token: storable(z.string().min(1).max(4096)) });

/** A mailed link's token, as the page it opens sends it back. */
const mailedToken = storable(z.string().min(1).max(200));

export const PasswordResetBody = z.object({ email });
export type PasswordResetBody = z.infer<typeof PasswordResetBody>;

export const PasswordResetConfirmBody = z.object({
  token: mailedToken.describe('the token of the link in the reset mail'),
  password: password.describe('the new password'),
});
export type PasswordResetConfirmBody = z.infer<typeof PasswordResetConfirmBody>;

export const EmailChangeBody = z.object({
  email: email.describe('the new address: it takes effect once the link mailed to it is used'),
  password: wellFormed(z.string().min(1).max(LIMITS.password.max)).describe(
    'the current password, confirming it is the account holder',
  ),
});
export type EmailChangeBody = z.infer<typeof EmailChangeBody>;

export const SignUpBody = z.object({
  name: text(LIMITS.name),
  email: email.describe('the address to sign in with (with `verification`, once its link is used)'),
  password: password.describe('the password to sign in with'),
});
export type SignUpBody = z.infer<typeof SignUpBody>;

export const SignUpDone = z.object({
  account: z
    .enum(['active', 'awaiting_verification'])
    .describe('`active`: sign in now; `awaiting_verification`: once the mailed link is used'),
});
export type SignUpDone = z.infer<typeof SignUpDone>;

export const SignUpSettings = z.object({
  mode: z
    .enum(CUSTOMER_SIGN_UP_MODES)
    .describe('CUSTOMER_SIGN_UP: `off`, `verification` (a mailed link first) or `open`'),
});
export type SignUpSettings = z.infer<typeof SignUpSettings>;

export const VerifyEmailBody = z.object({
  token: mailedToken.describe('the token of the link in the verification mail'),
});
export type VerifyEmailBody = z.infer<typeof VerifyEmailBody>;

export const EmailVerified = z.object({
  email: z.string().meta({ format: 'email' }).describe('the account address from now on'),
});
export type EmailVerified = z.infer<typeof EmailVerified>;

export const SignedIn = z.object({ user: Person, expiresAt: isoTime });
export const TokenIssued = SignedIn.extend({ token: z.string() });

/** Who is signed in, if anyone: `user` null when nobody is, which is not an error. */
export const CurrentSignIn = z.object({ user: Person.nullable(), expiresAt: isoTime.nullable() });
export type CurrentSignIn = z.infer<typeof CurrentSignIn>;

export const CreateAccountBody = z.object({
  email,
  name: text(LIMITS.name),
  password,
  role: Role.default('user'),
});
export type CreateAccountBody = z.infer<typeof CreateAccountBody>;

export const UpdateAccountBody = z
  .object({
    name: text(LIMITS.name),
    role: Role,
    isActive: z.boolean(),
    password,
  })
  .partial();
export type UpdateAccountBody = z.infer<typeof UpdateAccountBody>;

export const StartSessionBody = z.object({
  subject: text(LIMITS.subject),
  priority: Priority.default('medium'),
  message: text(LIMITS.message),
  topicId: id
    .optional()
    .describe('an active topic (listTopics); without it, the default topic, if topics exist'),
});
export type StartSessionBody = z.infer<typeof StartSessionBody>;

const rating = z.number().int().min(1).max(5);
const feedback = text(LIMITS.feedback);

export const EndSessionBody = z.object({
  rating: rating.optional(),
  feedback: feedback.optional(),
});
export type EndSessionBody = z.infer<typeof EndSessionBody>;

export const RateSessionBody = z.object({ rating, feedback: feedback.optional() });
export type RateSessionBody = z.infer<typeof RateSessionBody>;

export const AssignSessionBody = z.object({ agentId: id });

export const TagsBody = z.object({
  tags: z
    .array(text(LIMITS.tag).regex(/^[\p{L}\p{N} _.-]+$/u, 'letters, digits, space, _ . - only'))
    .max(LIMITS.tagsPerSession),
});

export const SendMessageBody = z
  .object({
    text: optionalText(LIMITS.message)
      .default('')
      .describe('the message; may be empty when it carries files (a caption then)'),
    clientId: clientToken(LIMITS.clientId)
      .optional()
      .describe('client-generated id: a retried send with the same id returns the first message'),
    type: z
      .enum(SENT_MESSAGE_TYPES)
      .default('text')
      .describe('`note`: an internal note, which only agents see (agents and super admins)'),
    fileIds: z
      .array(id)
      .min(1)
      .max(LIMITS.filesPerMessage)
      .optional()
      .describe(
        'files the sender uploaded to this chat (`POST /sessions/{id}/files`) and has not sent yet: the message becomes an `image` (all images) or `file` message, or a note with files',
      ),
  })
  .superRefine((body, ctx) => {
    if (body.text === '' && !body.fileIds) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'must not be empty' });
    }
  });
export type SendMessageBody = z.infer<typeof SendMessageBody>;

export const MarkReadBody = z.object({ upToSeq: z.number().int().min(0) });

export const UpdateAgentStatusBody = z
  .object({
    status: AgentStatusValue,
    maxConcurrentChats: z
      .number()
      .int()
      .min(LIMITS.maxConcurrentChats.min)
      .max(LIMITS.maxConcurrentChats.max),
    autoAssign: z.boolean(),
  })
  .partial();
export type UpdateAgentStatusBody = z.infer<typeof UpdateAgentStatusBody>;

/** Lowercase letters, digits and dashes, as typed after "/" in the composer. */
export const SHORTCUT_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

const quickResponseFields = {
  title: text(LIMITS.quickResponseTitle),
  content: text(LIMITS.quickResponseContent).describe(
    'may use the variables `{{customer.name}}`, `{{customer.firstName}}`, `{{agent.name}}`, `{{agent.firstName}}`, `{{chat.subject}}`, `{{team.name}}`; any other `{{…}}` is refused with 400 `UNKNOWN_VARIABLE` or `MALFORMED_VARIABLE`',
  ),
  category: text(LIMITS.quickResponseCategory).nullable().describe('null for none'),
  shortcut: z
    .string()
    .max(LIMITS.quickResponseShortcut, `must be at most ${LIMITS.quickResponseShortcut} characters`)
    .regex(
      SHORTCUT_PATTERN,
      'lowercase letters, digits and dashes only, starting with a letter or digit',
    )
    .nullable()
    .describe(
      'unique within its scope: among the shared responses, a team’s, each agent’s own (409 `SHORTCUT_TAKEN`); null for none',
    ),
};

export const CreateQuickResponseBody = z.object({
  title: quickResponseFields.title,
  content: quickResponseFields.content,
  category: quickResponseFields.category.default(null),
  shortcut: quickResponseFields.shortcut.default(null),
  shared: z.boolean().default(false).describe('shared with every agent; super admins only'),
  teamId: id
    .nullable()
    .default(null)
    .describe(
      "the team's response, offered to its members: that team's leads and super admins only; not with `shared`",
    ),
});
export type CreateQuickResponseBody = z.input<typeof CreateQuickResponseBody>;

export const UpdateQuickResponseBody = z
  .object({
    ...quickResponseFields,
    teamId: id.describe(
      'moves the response to that team; the caller must manage both the response and the team’s responses',
    ),
  })
  .partial();
export type UpdateQuickResponseBody = z.infer<typeof UpdateQuickResponseBody>;

/** `mail` may be left out: the mail preferences then stay as they are. */
export const NotificationPreferencesBody = NotificationPreferences.extend({
  mail: NotificationPreferences.shape.mail.optional(),
});
export type NotificationPreferencesBody = z.infer<typeof NotificationPreferencesBody>;

// ---- queries ----

const limit = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);
const cursor = storable(z.string().max(200))
  .optional()
  .describe('nextCursor from the previous page');

export const SESSION_VIEWS = ['active', 'waiting', 'history', 'all'] as const;
export const ListSessionsQuery = z.object({
  view: z
    .enum(SESSION_VIEWS)
    .default('all')
    .describe(
      "agents: 'active' (mine, open), 'waiting' (the queue, in the order routing serves it: priority, then age, each with its queuePosition), 'history' (ended, mine or all for super admins), 'all' (everything they may see, every ended chat included); users: their own sessions",
    ),
  status: SessionStatus.optional(),
  priority: Priority.optional(),
  agentId: id.optional(),
  customerId: id.optional(),
  teamId: id
    .optional()
    .describe("the team's chats: a team lead sees every chat of the teams they lead"),
  q: searchText(LIMITS.subject).optional().describe('matches the subject'),
  cursor,
  limit: limit(LIMITS.pageSize, 20),
});
export type ListSessionsQuery = z.infer<typeof ListSessionsQuery>;

export const ListCustomerSessionsQuery = z.object({
  cursor,
  limit: limit(LIMITS.pageSize, 10),
});
export type ListCustomerSessionsQuery = z.infer<typeof ListCustomerSessionsQuery>;

export const ListMessagesQuery = z.object({
  afterSeq: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('messages with a greater seq, oldest first'),
  beforeSeq: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('messages with a smaller seq, newest page'),
  limit: limit(LIMITS.messagePageSize, 50),
});
export type ListMessagesQuery = z.infer<typeof ListMessagesQuery>;

export const ListAccountsQuery = z.object({
  role: Role.optional(),
  q: searchText(LIMITS.name).optional().describe('matches name or email'),
  cursor,
  limit: limit(LIMITS.pageSize, 50),
});
export type ListAccountsQuery = z.infer<typeof ListAccountsQuery>;

export const StatsQuery = z.object({
  tzOffsetMinutes: z.coerce
    .number()
    .int()
    .min(-840)
    .max(840)
    .default(0)
    .describe("minutes east of UTC of the caller's day, so 'today' is their today"),
});

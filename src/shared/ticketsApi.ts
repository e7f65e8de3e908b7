// The REST API's tickets as zod schemas: tickets with their thread and history (the desk's
// ticket settings are in ticketSettingsApi.ts). The server validates and documents with them,
// the browser takes its types from them. Rules: docs/tickets.md.
import { z } from 'zod';
import { TicketSatisfaction } from './ticketSurveysApi.js';
import {
  clientToken,
  ErrorBody,
  emailAddress,
  FileAttachment,
  Id,
  isoTime,
  NamedRef,
  optionalText,
  Person,
  Priority,
  text,
} from './api.js';
import {
  LIMITS,
  TICKET_CHANNELS,
  TICKET_EVENT_KINDS,
  TICKET_MESSAGE_KINDS,
  TICKET_STATUSES,
} from './vocabulary.js';

export const TicketStatus = z.enum(TICKET_STATUSES);
export const TicketChannel = z.enum(TICKET_CHANNELS);
export const TicketMessageKind = z.enum(TICKET_MESSAGE_KINDS);

/** Where a ticket stands against one SLA target (domain/tickets/slaStatus.ts). */
export const SLA_STATES = ['active', 'paused', 'achieved', 'breached'] as const;

/** A ticket named in another: its id and number. */
export const TicketRef = z.object({ id: Id, number: z.number().int() });
export type TicketRef = z.infer<typeof TicketRef>;

export const FieldValue = z.union([z.string(), z.number(), z.boolean()]);
export type FieldValue = z.infer<typeof FieldValue>;

const SlaTarget = z.object({
  state: z
    .enum(SLA_STATES)
    .describe(
      '`active` (running, not yet due), `paused` (pending or on hold), `achieved` (met), `breached` (missed, or now past due)',
    ),
  dueAt: isoTime.nullable().describe('null while paused short of the target'),
});

export const TicketSla = z.object({
  policyId: Id,
  firstResponse: SlaTarget.nullable().describe('null when the policy sets no such target'),
  nextResponse: SlaTarget.nullable().describe(
    "the latest wait for the desk's reply to the requester; null: none, or no such target",
  ),
  resolution: SlaTarget.nullable(),
});
export type TicketSla = z.infer<typeof TicketSla>;

export const Ticket = z.object({
  id: Id,
  number: z.number().int().describe('sequential per deployment, said aloud as `#1042`'),
  subject: z.string(),
  status: TicketStatus,
  priority: Priority,
  channel: TicketChannel,
  requester: Person,
  assignee: Person.nullable(),
  team: NamedRef.nullable().describe("the team working it; null for the ticket's requester"),
  tags: z.array(z.string()).describe('agents only: always empty for the requester'),
  fields: z.record(z.string(), FieldValue).describe('custom field values by field key'),
  createdAt: isoTime,
  updatedAt: isoTime.describe('the last change the requester may see too (a note is none)'),
  firstRespondedAt: isoTime.nullable().describe('the first public reply of an agent'),
  solvedAt: isoTime.nullable(),
  closedAt: isoTime.nullable(),
  mergedInto: TicketRef.nullable().describe('the ticket this one was merged into'),
  followUpOf: TicketRef.nullable().describe('the closed ticket this one follows up'),
  chatIds: z.array(Id).describe('the chats it was made from'),
  sla: TicketSla.nullable().describe('agents only: null for the requester, and without a policy'),
  satisfaction: TicketSatisfaction.optional().describe(
    'agents only (absent for the requester): the survey mailed when it was first solved, and its answer; null before any',
  ),
});
export type Ticket = z.infer<typeof Ticket>;

export const TicketMessage = z.object({
  id: Id,
  ticketId: Id.describe('the ticket whose thread shows it (a merge moves it)'),
  originTicketId: Id.describe('the ticket it was written on'),
  kind: TicketMessageKind.describe('`note`: an internal note, which only agents see'),
  body: z.string(),
  author: Person.nullable(),
  clientId: z.string().nullable(),
  createdAt: isoTime,
  files: z
    .array(FileAttachment)
    .describe(
      'what it carries (empty for most): served to whoever may read the message, a note’s to agents only',
    ),
  originalMail: z
    .boolean()
    .describe(
      'agents: it came by mail, whose original `GET /tickets/{id}/messages/{messageId}/original` serves; always false for customers',
    ),
});
export type TicketMessage = z.infer<typeof TicketMessage>;

const TicketEventValue = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string()), TicketRef, NamedRef, z.null()])
  .describe('a status, priority or subject; tags; a field value; a person or team; a ticket');

export const TicketEvent = z.object({
  id: Id,
  ticketId: Id,
  kind: z.enum(TICKET_EVENT_KINDS),
  field: z.string().nullable().describe('the custom field’s key, for `field` events'),
  from: TicketEventValue,
  to: TicketEventValue,
  actor: Person.nullable().describe('null: the system (the automatic close)'),
  createdAt: isoTime,
});
export type TicketEvent = z.infer<typeof TicketEvent>;

// ---- requests ----

const fieldText = optionalText(LIMITS.ticketMessage);
const fieldValues = z
  .record(z.string().max(40), z.union([fieldText, z.number(), z.boolean(), z.null()]))
  .describe('custom field values by key, checked against the definitions (`listTicketFields`)');

const tags = z
  .array(text(LIMITS.tag).regex(/^[\p{L}\p{N} _.-]+$/u, 'letters, digits, space, _ . - only'))
  .max(LIMITS.tagsPerTicket);

export const CreateTicketBody = z.object({
  subject: text(LIMITS.subject),
  message: text(LIMITS.ticketMessage).describe('the request itself: the first message'),
  priority: Priority.default('medium'),
  topicId: Id.optional().describe(
    'the topic picked on the form (its team works the ticket); without it or `teamId`, the default topic',
  ),
  teamId: Id.nullable().optional().describe('agents only: the team, instead of a topic'),
  requesterId: Id.optional().describe(
    'agents only: file it for this account (default: the caller)',
  ),
  assigneeId: Id.nullable().optional().describe('agents only: who works it'),
  tags: tags.optional().describe('agents only'),
  fields: fieldValues.optional(),
  channel: TicketChannel.optional().describe(
    'agents only (default `api`); a requester’s own ticket is `web`',
  ),
  fileIds: z
    .array(Id)
    .min(1)
    .max(LIMITS.filesPerMessage)
    .optional()
    .describe(
      'drafts the caller uploaded for this request (`POST /files`), unexpired and not sent yet: the first message carries them',
    ),
});
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

export const UpdateTicketBody = z
  .object({
    subject: text(LIMITS.subject),
    status: TicketStatus.describe(
      'agents: `open`, `pending`, `on_hold`, `solved` (409 `INVALID_TRANSITION` for the others); the requester: `solved`, or `open` to reopen a solved ticket',
    ),
    priority: Priority,
    teamId: Id.nullable(),
    assigneeId: Id.nullable().describe(
      'an active agent, or null; agents take tickets nobody has and give up their own, super admins and the team’s leads assign anyone',
    ),
    tags,
    fields: fieldValues.describe('the fields to change; null clears one'),
  })
  .partial();
export type UpdateTicketBody = z.infer<typeof UpdateTicketBody>;

export const ReplyToTicketBody = z
  .object({
    body: optionalText(LIMITS.ticketMessage)
      .default('')
      .describe('the message; may be empty when it carries files'),
    kind: TicketMessageKind.default('reply').describe(
      '`note`: an internal note, for agents; the requester never sees it',
    ),
    clientId: clientToken(LIMITS.clientId)
      .optional()
      .describe('client-generated id: a retried reply with the same id returns the first one'),
    status: z
      .enum(['open', 'pending', 'on_hold', 'solved'])
      .optional()
      .describe('agents: "send and set pending / solved": the status once the reply is stored'),
    fileIds: z
      .array(Id)
      .min(1)
      .max(LIMITS.filesPerMessage)
      .optional()
      .describe(
        'files the writer uploaded to this ticket (`POST /tickets/{id}/files`) and has not sent yet; a note’s files are agent-only, as the note is',
      ),
  })
  .superRefine((body, ctx) => {
    if (body.body === '' && !body.fileIds) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'must not be empty' });
    }
  });
export type ReplyToTicketBody = z.infer<typeof ReplyToTicketBody>;

export const MergeTicketBody = z.object({
  targetId: Id.describe('the ticket this one is a duplicate of'),
});

/** Tickets one bulk action changes at most. */
export const BULK_TICKETS_MAX = 100;

/** One change a bulk action makes to each ticket. */
export const BulkTicketChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('assignee'), assigneeId: UpdateTicketBody.shape.assigneeId.unwrap() }),
  z.object({ kind: z.literal('status'), status: TicketStatus }),
  z.object({ kind: z.literal('priority'), priority: Priority }),
  z.object({ kind: z.literal('team'), teamId: Id.nullable() }),
  z.object({ kind: z.literal('addTags'), tags: tags.min(1) }),
  z.object({ kind: z.literal('removeTags'), tags: tags.min(1) }),
  z.object({
    kind: z.literal('merge'),
    targetId: Id.describe('the ticket every one of `ticketIds` is a duplicate of'),
  }),
]);
export type BulkTicketChange = z.infer<typeof BulkTicketChange>;

export const BulkTicketBody = z.object({
  ticketIds: z
    .array(Id)
    .min(1)
    .max(BULK_TICKETS_MAX)
    .describe('the tickets to change, each once (a repeated id counts once)'),
  change: BulkTicketChange,
});
export type BulkTicketBody = z.infer<typeof BulkTicketBody>;

export const BulkTicketResult = z.object({
  ticketId: Id,
  status: z
    .number()
    .int()
    .describe('what `PATCH /tickets/{id}` (or its merge) would have answered: 200 when changed'),
  error: ErrorBody.shape.error.nullable().describe('why this ticket was not changed'),
});
export type BulkTicketResult = z.infer<typeof BulkTicketResult>;

export const BulkTicketReply = z.object({
  results: z.array(BulkTicketResult).describe('one per ticket, in the order asked'),
});
export type BulkTicketReply = z.infer<typeof BulkTicketReply>;

export const ChatTicketBody = z.object({
  subject: text(LIMITS.subject).optional().describe("default: the chat's subject"),
  priority: Priority.optional().describe("default: the chat's priority"),
});
export type ChatTicketBody = z.infer<typeof ChatTicketBody>;

const limit = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);
const cursor = optionalText(200).optional().describe('nextCursor from the previous page');

export const TICKET_SORTS = ['updated', 'created', 'number', 'priority', 'due'] as const;

export const ListTicketsQuery = z.object({
  status: z
    .string()
    .max(100)
    .transform((value) => value.split(','))
    .pipe(z.array(TicketStatus).min(1))
    .optional()
    .describe('one status or several, comma-separated: `new,open`'),
  teamId: z
    .union([Id, z.literal('none')])
    .optional()
    .describe('a team, or `none`: no team'),
  assigneeId: z
    .union([Id, z.literal('none'), z.literal('me')])
    .optional()
    .describe('an agent, `me`, or `none`: unassigned'),
  requesterId: Id.optional(),
  number: z.coerce
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe(
      'the ticket said aloud as `#1042` (`1042`): a page of it, or empty when the caller may not see it',
    ),
  priority: Priority.optional(),
  tag: text(LIMITS.tag).optional(),
  sort: z
    .enum(TICKET_SORTS)
    .default('updated')
    .describe(
      '`updated`: last update first; `created`: newest first; `number`: highest number first; `priority`: most pressing first, then last update; `due`: the soonest SLA due time first, tickets without one after',
    ),
  cursor,
  limit: limit(LIMITS.pageSize, 25),
});
export type ListTicketsQuery = z.infer<typeof ListTicketsQuery>;

export const TicketPageQuery = z.object({ cursor, limit: limit(LIMITS.messagePageSize, 50) });
export type TicketPageQuery = z.infer<typeof TicketPageQuery>;

export const TicketMessageParams = z.object({ id: Id, messageId: Id });

/**
 * A saved view's query: the inbox list's filters and sort (the same fields as `GET /tickets`,
 * status as a list), without a page.
 */
export const TicketViewQuery = z
  .object({
    status: z.array(TicketStatus).min(1).max(TICKET_STATUSES.length).optional(),
    teamId: ListTicketsQuery.shape.teamId,
    assigneeId: ListTicketsQuery.shape.assigneeId,
    priority: ListTicketsQuery.shape.priority,
    tag: ListTicketsQuery.shape.tag,
    sort: z.enum(TICKET_SORTS).default('updated'),
  })
  .strict();
export type TicketViewQuery = z.infer<typeof TicketViewQuery>;

export const TicketView = z.object({
  id: Id,
  name: z.string(),
  query: TicketViewQuery,
  shared: z.boolean().describe('listed for every agent (super admins share)'),
  mine: z.boolean().describe('the caller saved it, and may change or delete it'),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type TicketView = z.infer<typeof TicketView>;

export const CreateTicketViewBody = z.object({
  name: text(LIMITS.subject),
  query: TicketViewQuery,
  shared: z.boolean().default(false).describe('super admins only (403 for anyone else)'),
});
export type CreateTicketViewBody = z.infer<typeof CreateTicketViewBody>;

export const UpdateTicketViewBody = z
  .object({ name: text(LIMITS.subject), query: TicketViewQuery, shared: z.boolean() })
  .partial();
export type UpdateTicketViewBody = z.infer<typeof UpdateTicketViewBody>;

/** Someone copied on a ticket (docs/tickets.md, CCs): an address, and its account if any. */
export const TicketCc = z.object({
  email: z.email(),
  person: NamedRef.nullable().describe('The account of this address, when there is one'),
});
export type TicketCc = z.infer<typeof TicketCc>;

export const TicketCcList = z.object({ items: z.array(TicketCc) });

export const SetTicketCcsBody = z.object({
  emails: z
    .array(emailAddress)
    .max(LIMITS.ticketCcs)
    .describe(
      "The ticket's CCs from now on; the requester's and the desk's own addresses are left out",
    ),
});
export type SetTicketCcsBody = z.infer<typeof SetTicketCcsBody>;

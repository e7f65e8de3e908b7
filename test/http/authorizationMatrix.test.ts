// Who gets what from every route of the app: the status each kind of caller receives, as one
// table, on every available database. The rule (README, API): what the caller may not see is a
// 404, what they see but may not do a 403, a state that forbids the action a 409, and what is
// reserved to a role a 403 to anyone else whatever the id; the one exception is taking a chat an
// agent has meanwhile (409). The last test fails for a route the table does not list, so a new
// route needs its row before it ships. Every chat belongs to team A (the default topic leads
// there): `lead` leads team A, `otherLead` leads team B, so a lead's rights stop at their team.
// Every ticket belongs to team B (its topic), of which `agent` is a member: for a ticket,
// `customer` is its requester, `agent` an agent of its team, `lead` an agent of another team,
// `otherLead` its team's lead, and `colleague` an agent of no team.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/domain/policies.js';
import { setSurveyQuestions } from '../../src/services/surveys/surveyQuestions.js';
import { createQuickResponse } from '../../src/services/quickResponses/quickResponses.js';
import { createTeam, setTeamMember } from '../../src/services/teams/teams.js';
import { createTopic } from '../../src/services/topics/topics.js';
import { createCalendar } from '../../src/services/tickets/businessCalendars.js';
import { createSlaPolicy } from '../../src/services/tickets/slaPolicies.js';
import { createTicket } from '../../src/services/tickets/ticketCreator.js';
import { createTicketField } from '../../src/services/tickets/ticketFields.js';
import { mergeTicket } from '../../src/services/tickets/ticketMerger.js';
import { createTicketView } from '../../src/services/tickets/ticketViews.js';
import { replyToTicket } from '../../src/services/tickets/ticketReplier.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import type { ServiceContext } from '../../src/services/context.js';
import { uploadFile } from '../../src/services/files/fileUploader.js';
import { sendMessage } from '../../src/services/messages/messageSender.js';
import sharp from 'sharp';
import { insertOffer } from '../../src/storage/repositories/transferOffers.js';
import { insertMail } from '../../src/storage/repositories/mail/outbox.js';
import { insertInboundMail } from '../../src/storage/repositories/mail/inbound.js';
import { SmtpSink } from '../support/smtpSink.js';
import { availableDialects, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { Client, startTestNode, TEST_PASSWORD, type TestNode } from '../support/testNode.js';

/** The callers, in the order of every row's statuses. */
const CALLERS = [
  'anonymous',
  'customer',
  'otherCustomer',
  'agent',
  'colleague',
  'superAdmin',
  'lead',
  'otherLead',
] as const;
type Caller = (typeof CALLERS)[number];
type Statuses = readonly [number, number, number, number, number, number, number, number];

/**
 * What a request is made against, afresh after a request that succeeded in changing something
 * (a refused one changes nothing, so the next caller meets the same): a chat of the
 * customer's that is waiting, active with the agent, or ended after that; or the agent's
 * personal quick response, a shared one, or one of team A's (which `lead` leads; `agent` and
 * `colleague` are not in it); or the agent's active chat offered to `colleague`; or the agent's
 * active chat with a super admin's note (`chatNote`).
 */
type Case =
  | 'any'
  | 'waiting'
  | 'active'
  | 'ended'
  | 'chatNote'
  | 'personal'
  | 'shared'
  | 'team'
  | 'offer'
  | TicketCase
  | 'settings';

/**
 * A ticket of the customer's in team B: new (`ticket`, and `note` for writing an internal note
 * in it), assigned to `colleague` (`assigned`), of no team (`noTeam`), or closed by a merge into
 * another of theirs (`closed`). `settings`: a custom field, a calendar and an SLA policy.
 */
type TicketCase = 'ticket' | 'note' | 'assigned' | 'noTeam' | 'closed';
const TICKET_CASES: readonly Case[] = ['ticket', 'note', 'assigned', 'noTeam', 'closed'];

interface Fixture {
  session: string;
  response: string;
  /** In the 'team' case, team A: the scope a new quick response is asked for. */
  responseTeam: string | null;
  /** Assign and transfer targets, and the account that account routes read and change. */
  otherAgent: string;
  /** The team of every chat, led by `lead`. */
  team: string;
  /** A team made for this request, with otherAgent as its member, and a topic nothing uses. */
  spareTeam: string;
  spareTopic: string;
  /** The customer whose chats the fixture starts. */
  customer: string;
  /** In the 'offer' case, the agent's chat offered to `colleague`, pending. */
  offer: string | null;
  kase: Case;
  /** In a ticket case: the ticket, and another of the customer's in team B (to merge into). */
  ticket: string;
  otherTicket: string;
  /** In the settings case. */
  field: string;
  calendar: string;
  slaPolicy: string;
  /** A file of the chat (rows with `setup: withFile`): the customer's image, or a note's file. */
  file?: string;
  /** A dead mail of the outbox (rows with `setup: withDeadMail`). */
  mail?: string;
  /** A reply of the requester's that came by mail (rows with `setup: withMailedReply`). */
  mailedReply?: string;
  /** Saved inbox views (rows with `setup: withTicketViews`): the agent's own, and a shared one. */
  view?: string;
  sharedView?: string;
  /** A survey question asked now (rows with `setup: withSurveyQuestion`). */
  question?: string;
}

interface Row {
  request(f: Fixture, caller: Caller): { path: string; body?: unknown };
  cases: Partial<Record<Case, Statuses>>;
  /** More of a fixture this row needs, made for each fixture. */
  setup?(f: Fixture, kase: Case, env: SetupEnv): Promise<Partial<Fixture>>;
  /** For a route answering 200 with a status per item (bulk changes): the one recorded. */
  outcome?(body: any): number;
}

interface SetupEnv {
  ctx: ServiceContext;
  viewers: Record<Exclude<Caller, 'anonymous'>, Viewer>;
}

/**
 * The customer's image, sent in a message of the chat; in the 'chatNote' case (an active chat)
 * a super admin's file, sent in a note. In the ticket cases: the requester's image in a reply to
 * the ticket, or (`note`) the team agent's in an internal note. In the 'any' case: the
 * customer's draft for a new request, not filed yet.
 */
async function withSurveyQuestion(_f: Fixture, _kase: Case, { ctx, viewers }: SetupEnv) {
  const [question] = await setSurveyQuestions(ctx, viewers.superAdmin, {
    questions: [{ text: 'Was it easy?' }],
  });
  return { question: question!.id };
}

async function withFile(f: Fixture, kase: Case, { ctx, viewers }: SetupEnv) {
  if (kase === 'any') {
    const upload = await uploadFile(ctx, {
      viewer: viewers.customer,
      draft: true,
      fileName: 'screenshot.png',
      content: [TINY_PNG],
    });
    return { file: upload.id };
  }
  if (TICKET_CASES.includes(kase)) {
    const note = kase === 'note';
    const writer = note ? viewers.agent : viewers.customer;
    const upload = await uploadFile(ctx, {
      viewer: writer,
      ticketId: f.ticket,
      fileName: 'screenshot.png',
      content: [TINY_PNG],
    });
    await replyToTicket(ctx, {
      viewer: writer,
      ticketId: f.ticket,
      body: '',
      kind: note ? 'note' : 'reply',
      fileIds: [upload.id],
    });
    return { file: upload.id };
  }
  const viewer = kase === 'chatNote' ? viewers.superAdmin : viewers.customer;
  const upload = await uploadFile(ctx, {
    viewer,
    sessionId: f.session,
    fileName: 'screenshot.png',
    content: [TINY_PNG],
  });
  await sendMessage(ctx, {
    viewer,
    sessionId: f.session,
    text: '',
    fileIds: [upload.id],
    ...(kase === 'chatNote' ? { type: 'note' as const } : {}),
  });
  return { file: upload.id };
}

/** A reply of the requester's to the ticket, recorded as the importer records a mail. */
async function withMailedReply(f: Fixture, _kase: Case, { ctx, viewers }: SetupEnv) {
  const { message } = await replyToTicket(ctx, {
    viewer: viewers.customer,
    ticketId: f.ticket,
    body: 'By mail',
    kind: 'reply',
  });
  const raw = Buffer.from('From: customer@example.com\r\nSubject: Refund\r\n\r\nBy mail\r\n');
  await insertInboundMail(ctx.store.db, {
    mailbox: 'smtp',
    message_id: `${message.row.id}@client.example`,
    status: 'processed',
    reason: null,
    ticket_id: message.row.ticket_id,
    ticket_message_id: message.row.id,
    from_address: 'customer@example.com',
    subject: 'Refund',
    raw,
    size_bytes: raw.length,
    received_at: ctx.clock.now(),
  });
  return { mailedReply: message.row.id };
}

/** A mail of the outbox whose last attempt failed, as the worker leaves it. */
async function withTicketViews(_f: Fixture, _kase: Case, { ctx, viewers }: SetupEnv) {
  const query = { sort: 'updated' as const };
  const own = await createTicketView(ctx, viewers.agent, { name: 'Mine', query, shared: false });
  const shared = await createTicketView(ctx, viewers.superAdmin, {
    name: 'Desk',
    query,
    shared: true,
  });
  return { view: own.id, sharedView: shared.id };
}

async function withDeadMail(_f: Fixture, _kase: Case, { ctx }: SetupEnv) {
  const id = ctx.ids.next();
  const now = ctx.clock.now();
  await insertMail(ctx.store.db, {
    id,
    kind: 'test',
    user_id: null,
    recipient: 'bounce@example.com',
    subject: 'Test',
    text_body: 'Test',
    html_body: '<p>Test</p>',
    headers: JSON.stringify({ 'Message-ID': `<${id}@desk.test>` }),
    ticket_id: null,
    status: 'dead',
    attempts: 3,
    next_attempt_at: now,
    claimed_by: null,
    claim_expires_at: null,
    last_error: '550 No such user',
    created_at: now,
    sent_at: null,
  });
  return { mail: id };
}

const TINY_PNG = await sharp({
  create: { width: 8, height: 8, channels: 3, background: '#000' },
})
  .png()
  .toBuffer();

/** A fresh form for each request: a small text file. */
function uploadForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob(['hello']), 'notes.txt');
  return form;
}

const at = (f: Fixture) => `/api/v1/sessions/${f.session}`;
const everyone = (status: number): Statuses => [
  status,
  status,
  status,
  status,
  status,
  status,
  status,
  status,
];
const signedIn = (status: number): Statuses => [
  401,
  status,
  status,
  status,
  status,
  status,
  status,
  status,
];
const agentsOnly = (status: number): Statuses => [
  401,
  403,
  403,
  status,
  status,
  status,
  status,
  status,
];
/** The search kind each case of the search row asks for. */
const SEARCH_KIND_OF: Partial<Record<Case, string>> = {
  any: 'all',
  ticket: 'tickets',
  chatNote: 'chats',
  ended: 'people',
};
const superAdminsOnly = (status: number): Statuses => [401, 403, 403, 403, 403, status, 403, 403];
/**
 * Seen by its customer, agents who take part, super admins and the team's lead: a colleague's
 * chat is not, nor a chat of another team for its lead. `lead` is what the team's lead gets,
 * when their rights stop short of the action.
 */
const participants = (status: number, lead = status): Statuses => [
  401,
  status,
  404,
  status,
  404,
  status,
  lead,
  404,
];
/** An ended chat: every agent reads the desk's history (the customer's previous chats). */
const history = (status: number): Statuses => [
  401,
  status,
  404,
  status,
  status,
  status,
  status,
  status,
];
/** A waiting chat: every agent sees the queue. */
const queued = (status: number): Statuses => [
  401,
  status,
  404,
  status,
  status,
  status,
  status,
  status,
];

let accounts = 0;
let addresses = 0;
let topics = 0;
let fields = 0;

const tk = (f: Fixture) => `/api/v1/tickets/${f.ticket}`;
/** Seen by the requester, the team's agents and lead, super admins, and (given) others. */
const ticketViewers = (status: number, requester = status, also: Caller[] = []): Statuses =>
  CALLERS.map((caller) =>
    caller === 'anonymous'
      ? 401
      : caller === 'customer'
        ? requester
        : ['agent', 'superAdmin', 'otherLead', ...also].includes(caller)
          ? status
          : 404,
  ) as unknown as Statuses;
const WIDGET_SETTINGS = {
  color: '#0f766e',
  position: 'bottom-left',
  greeting: 'Hello',
  topicIds: [],
  allowedOrigins: ['https://portal.example.edu'],
};
const SETTINGS_CALENDAR = {
  name: 'Office hours',
  timeZone: 'Africa/Accra',
  weeklyHours: { mon: [{ start: '08:00', end: '17:00' }] },
};

// Statuses: anonymous, customer, otherCustomer, agent, colleague, superAdmin, lead, otherLead
const TABLE: Record<string, Row> = {
  'GET /api/v1/sessions/:id': {
    request: (f) => ({ path: at(f) }),
    cases: { waiting: queued(200), active: participants(200), ended: history(200) },
  },
  'GET /api/v1/sessions/:id/queue': {
    request: (f) => ({ path: `${at(f)}/queue` }),
    cases: { waiting: queued(200), active: participants(409), ended: history(409) },
  },
  'GET /api/v1/sessions/:id/messages': {
    request: (f) => ({ path: `${at(f)}/messages` }),
    cases: { waiting: queued(200), active: participants(200), ended: history(200) },
  },
  'POST /api/v1/sessions/:id/messages': {
    request: (f) => ({ path: `${at(f)}/messages`, body: { text: 'Hello' } }),
    cases: {
      waiting: [401, 201, 404, 403, 403, 403, 403, 403],
      // A team lead monitors: they see the chat but do not write in it.
      active: [401, 201, 404, 201, 404, 403, 403, 404],
      ended: [401, 409, 404, 409, 403, 403, 403, 403],
    },
  },
  // Whoever writes in the chat, a message or a note: a note may follow the end, a message not.
  'POST /api/v1/sessions/:id/files': {
    request: (f) => ({ path: `${at(f)}/files`, body: uploadForm() }),
    cases: {
      waiting: [401, 201, 404, 201, 201, 201, 201, 201],
      active: [401, 201, 404, 201, 404, 201, 201, 404],
      ended: [401, 409, 404, 201, 201, 201, 201, 201],
    },
  },
  // Whoever sees the message: its chat's viewers, and a note's agents only.
  'GET /api/v1/files/:id': {
    request: (f) => ({ path: `/api/v1/files/${f.file}` }),
    setup: withFile,
    cases: {
      waiting: queued(200),
      active: participants(200),
      ended: history(200),
      chatNote: [401, 404, 404, 200, 404, 200, 200, 404],
      // A ticket's: a reply's to whoever sees the ticket, a note's to its desk only.
      ticket: ticketViewers(200),
      note: ticketViewers(200, 404),
      // A draft: its uploader's alone until the request filed with it.
      any: [401, 200, 404, 404, 404, 404, 404, 404],
    },
  },
  'GET /api/v1/files/:id/thumbnail': {
    request: (f) => ({ path: `/api/v1/files/${f.file}/thumbnail` }),
    setup: withFile,
    cases: {
      waiting: queued(200),
      active: participants(200),
      ended: history(200),
      chatNote: [401, 404, 404, 200, 404, 200, 200, 404],
      // A ticket's: a reply's to whoever sees the ticket, a note's to its desk only.
      ticket: ticketViewers(200),
      note: ticketViewers(200, 404),
      // A draft: its uploader's alone until the request filed with it.
      any: [401, 200, 404, 404, 404, 404, 404, 404],
    },
  },
  // Anyone signed in uploads a draft for a new request (customers while uploads are on).
  'POST /api/v1/files': {
    request: () => ({ path: '/api/v1/files', body: uploadForm() }),
    cases: { any: signedIn(201) },
  },
  'GET /api/v1/files/limits': {
    request: () => ({ path: '/api/v1/files/limits' }),
    cases: { any: signedIn(200) },
  },
  'POST /api/v1/sessions/:id/read': {
    request: (f) => ({ path: `${at(f)}/read`, body: { upToSeq: 1 } }),
    cases: { waiting: queued(200), active: participants(200), ended: history(200) },
  },
  // Always the customer's version, so whoever may see the chat may have it, in any state.
  'GET /api/v1/sessions/:id/transcript': {
    request: (f) => ({ path: `${at(f)}/transcript?format=html` }),
    cases: { waiting: queued(200), active: participants(200), ended: history(200) },
  },
  // Always to the customer's own address: the customer, or an agent who may see the chat.
  'POST /api/v1/sessions/:id/transcript/email': {
    request: (f) => ({ path: `${at(f)}/transcript/email` }),
    cases: { waiting: queued(202), active: participants(202), ended: history(202) },
  },
  'POST /api/v1/sessions/:id/end': {
    request: (f) => ({ path: `${at(f)}/end`, body: {} }),
    cases: {
      waiting: [401, 200, 404, 403, 403, 200, 403, 403],
      active: participants(200, 403),
      ended: [401, 409, 404, 409, 403, 409, 403, 403],
    },
  },
  'POST /api/v1/sessions/:id/rating': {
    request: (f) => ({ path: `${at(f)}/rating`, body: { rating: 5 } }),
    cases: {
      waiting: [401, 409, 404, 403, 403, 403, 403, 403],
      active: [401, 409, 404, 403, 404, 403, 403, 404],
      ended: [401, 200, 404, 403, 403, 403, 403, 403],
    },
  },
  // The survey: as the rating, for its customer once the chat has ended.
  'POST /api/v1/sessions/:id/survey': {
    request: (f) => ({
      path: `${at(f)}/survey`,
      body: { answers: [{ questionId: f.question, value: 4 }] },
    }),
    setup: withSurveyQuestion,
    cases: {
      waiting: [401, 409, 404, 403, 403, 403, 403, 403],
      active: [401, 409, 404, 403, 404, 403, 403, 404],
      ended: [401, 201, 404, 403, 403, 403, 403, 403],
    },
  },
  'GET /api/v1/survey-questions': {
    request: () => ({ path: '/api/v1/survey-questions' }),
    cases: { any: signedIn(200) },
  },
  'PUT /api/v1/survey-questions': {
    request: () => ({ path: '/api/v1/survey-questions', body: { questions: [{ text: 'Easy?' }] } }),
    cases: { any: superAdminsOnly(200) },
  },
  'POST /api/v1/sessions/:id/take': {
    request: (f) => ({ path: `${at(f)}/take` }),
    cases: {
      waiting: agentsOnly(200),
      // The exception: whoever may take it learns it was taken, a colleague's chat or not.
      active: agentsOnly(409),
      ended: agentsOnly(409),
    },
  },
  'POST /api/v1/sessions/:id/assign': {
    request: (f) => ({ path: `${at(f)}/assign`, body: { agentId: f.otherAgent } }),
    // The team's lead reassigns its chats; a lead of another team sees the queue, no more.
    cases: {
      waiting: [401, 403, 403, 403, 403, 200, 200, 403],
      active: [401, 403, 403, 403, 403, 409, 409, 409],
      ended: [401, 403, 403, 403, 403, 409, 409, 403],
    },
  },
  'POST /api/v1/sessions/:id/transfer': {
    request: (f) => ({ path: `${at(f)}/transfer`, body: { agentId: f.otherAgent } }),
    cases: {
      waiting: [401, 403, 404, 403, 403, 409, 409, 403],
      active: [401, 403, 404, 200, 404, 200, 200, 404],
      ended: [401, 403, 404, 409, 403, 409, 409, 403],
    },
  },
  // Offers concern the desk: the receiver answers, whoever may transfer the chat withdraws, and
  // to anyone else (a colleague, another team's lead) the offer is not there.
  'GET /api/v1/transfer-offers': {
    request: () => ({ path: '/api/v1/transfer-offers' }),
    cases: { any: agentsOnly(200) },
  },
  'POST /api/v1/transfer-offers/:id/accept': {
    request: (f) => ({ path: `/api/v1/transfer-offers/${f.offer}/accept` }),
    cases: { offer: [401, 403, 403, 403, 200, 403, 403, 404] },
  },
  'POST /api/v1/transfer-offers/:id/decline': {
    request: (f) => ({ path: `/api/v1/transfer-offers/${f.offer}/decline` }),
    cases: { offer: [401, 403, 403, 403, 200, 403, 403, 404] },
  },
  'POST /api/v1/transfer-offers/:id/withdraw': {
    request: (f) => ({ path: `/api/v1/transfer-offers/${f.offer}/withdraw` }),
    cases: { offer: [401, 403, 403, 200, 403, 200, 200, 404] },
  },
  'PUT /api/v1/sessions/:id/tags': {
    request: (f) => ({ path: `${at(f)}/tags`, body: { tags: ['billing'] } }),
    cases: {
      waiting: [401, 403, 404, 403, 403, 200, 403, 403],
      active: [401, 403, 404, 200, 404, 200, 403, 404],
      ended: [401, 403, 404, 200, 403, 200, 403, 403],
    },
  },
  'POST /api/v1/sessions': {
    request: () => ({ path: '/api/v1/sessions', body: { subject: 'Help', message: 'Hi' } }),
    cases: { any: signedIn(201) },
  },
  'GET /api/v1/sessions': {
    request: () => ({ path: '/api/v1/sessions' }),
    cases: { any: signedIn(200) },
  },
  'GET /api/v1/sessions/counts': {
    request: () => ({ path: '/api/v1/sessions/counts' }),
    cases: { any: signedIn(200) },
  },

  // Every agent, for any customer: each chat in the answer as sessionPolicy.view lets them see it.
  'GET /api/v1/customers/:id/sessions': {
    request: (f) => ({ path: `/api/v1/customers/${f.customer}/sessions` }),
    cases: { any: agentsOnly(200) },
  },

  'GET /api/v1/accounts': {
    request: () => ({ path: '/api/v1/accounts' }),
    cases: { any: superAdminsOnly(200) },
  },
  'POST /api/v1/accounts': {
    request: () => ({
      path: '/api/v1/accounts',
      body: { email: `new.${++accounts}@example.com`, name: 'New', password: TEST_PASSWORD },
    }),
    cases: { any: superAdminsOnly(201) },
  },
  'GET /api/v1/accounts/:id': {
    request: (f) => ({ path: `/api/v1/accounts/${f.otherAgent}` }),
    cases: { any: superAdminsOnly(200) },
  },
  'PATCH /api/v1/accounts/:id': {
    request: (f) => ({ path: `/api/v1/accounts/${f.otherAgent}`, body: { name: 'Efua M.' } }),
    cases: { any: superAdminsOnly(200) },
  },

  'GET /api/v1/agents': {
    request: () => ({ path: '/api/v1/agents' }),
    cases: { any: agentsOnly(200) },
  },
  'GET /api/v1/agents/me': {
    request: () => ({ path: '/api/v1/agents/me' }),
    cases: { any: agentsOnly(200) },
  },
  'PATCH /api/v1/agents/me': {
    request: () => ({ path: '/api/v1/agents/me', body: { autoAssign: false } }),
    cases: { any: agentsOnly(200) },
  },
  'GET /api/v1/agents/settings': {
    request: () => ({ path: '/api/v1/agents/settings' }),
    cases: { any: agentsOnly(200) },
  },
  'GET /api/v1/agents/me/stats': {
    request: () => ({ path: '/api/v1/agents/me/stats' }),
    cases: { any: agentsOnly(200) },
  },

  'GET /api/v1/quick-responses': {
    request: () => ({ path: '/api/v1/quick-responses' }),
    cases: { any: agentsOnly(200) },
  },
  'POST /api/v1/quick-responses': {
    request: (f) => ({
      path: '/api/v1/quick-responses',
      body: { title: 'Hi', content: 'Hello!', ...(f.responseTeam && { teamId: f.responseTeam }) },
    }),
    // A team's response is made by its leads and super admins; a lead of another team may not.
    cases: { any: agentsOnly(201), team: [401, 403, 403, 403, 403, 201, 201, 403] },
  },
  'PATCH /api/v1/quick-responses/:id': {
    request: (f) => ({ path: `/api/v1/quick-responses/${f.response}`, body: { title: 'Hey' } }),
    // A super admin sees every personal response but changes only their own and the shared ones.
    // A team's is changed by its leads and super admins; agents outside the team do not see it.
    cases: {
      personal: [401, 403, 403, 200, 404, 403, 404, 404],
      shared: superAdminsOnly(200),
      team: [401, 403, 403, 404, 404, 200, 200, 404],
    },
  },
  // Counting a use takes seeing the response, as the list shows it (super admins see every one).
  'POST /api/v1/quick-responses/:id/use': {
    request: (f) => ({ path: `/api/v1/quick-responses/${f.response}/use` }),
    cases: {
      personal: [401, 403, 403, 200, 404, 200, 404, 404],
      shared: agentsOnly(200),
      team: [401, 403, 403, 404, 404, 200, 200, 404],
    },
  },
  'DELETE /api/v1/quick-responses/:id': {
    request: (f) => ({ path: `/api/v1/quick-responses/${f.response}` }),
    cases: {
      personal: [401, 403, 403, 204, 404, 403, 404, 404],
      shared: superAdminsOnly(204),
      team: [401, 403, 403, 404, 404, 204, 204, 404],
    },
  },

  'GET /api/v1/teams': {
    request: () => ({ path: '/api/v1/teams' }),
    cases: { any: agentsOnly(200) },
  },
  'POST /api/v1/teams': {
    request: () => ({ path: '/api/v1/teams', body: { name: 'Library' } }),
    cases: { any: superAdminsOnly(201) },
  },
  'GET /api/v1/teams/:id': {
    request: (f) => ({ path: `/api/v1/teams/${f.team}` }),
    cases: { any: agentsOnly(200) },
  },
  'PATCH /api/v1/teams/:id': {
    request: (f) => ({ path: `/api/v1/teams/${f.spareTeam}`, body: { description: 'Books' } }),
    cases: { any: superAdminsOnly(200) },
  },
  'DELETE /api/v1/teams/:id': {
    request: (f) => ({ path: `/api/v1/teams/${f.spareTeam}` }),
    cases: { any: superAdminsOnly(204) },
  },
  'PUT /api/v1/teams/:id/members/:agentId': {
    request: (f) => ({
      path: `/api/v1/teams/${f.spareTeam}/members/${f.otherAgent}`,
      body: { isLead: true },
    }),
    cases: { any: superAdminsOnly(200) },
  },
  'DELETE /api/v1/teams/:id/members/:agentId': {
    request: (f) => ({ path: `/api/v1/teams/${f.spareTeam}/members/${f.otherAgent}` }),
    cases: { any: superAdminsOnly(200) },
  },
  // The team's load is for its leads (and super admins), not for a lead of another team.
  'GET /api/v1/teams/:id/agents': {
    request: (f) => ({ path: `/api/v1/teams/${f.team}/agents` }),
    cases: { any: [401, 403, 403, 403, 403, 200, 200, 403] },
  },
  'GET /api/v1/topics': {
    request: () => ({ path: '/api/v1/topics' }),
    cases: { any: signedIn(200) },
  },
  'POST /api/v1/topics': {
    request: (f) => ({
      path: '/api/v1/topics',
      body: { name: 'Library', slug: `library-${++topics}`, teamId: f.spareTeam },
    }),
    cases: { any: superAdminsOnly(201) },
  },
  'PATCH /api/v1/topics/:id': {
    request: (f) => ({ path: `/api/v1/topics/${f.spareTopic}`, body: { name: 'Books' } }),
    cases: { any: superAdminsOnly(200) },
  },
  'DELETE /api/v1/topics/:id': {
    request: (f) => ({ path: `/api/v1/topics/${f.spareTopic}` }),
    cases: { any: superAdminsOnly(204) },
  },

  'POST /api/v1/tickets': {
    request: () => ({ path: '/api/v1/tickets', body: { subject: 'Refund', message: 'Please' } }),
    cases: { any: signedIn(201) },
  },
  // Live chat's opening hours per topic, and the offline form: a requester's own ticket.
  'GET /api/v1/availability': {
    request: () => ({ path: '/api/v1/availability' }),
    cases: { any: signedIn(200) },
  },
  'POST /api/v1/offline-messages': {
    request: () => ({
      path: '/api/v1/offline-messages',
      body: { subject: 'Closed', message: 'Call me back' },
    }),
    cases: { any: signedIn(201) },
  },
  'GET /api/v1/tickets': {
    request: () => ({ path: '/api/v1/tickets' }),
    cases: { any: signedIn(200) },
  },
  // Everyone signed in searches the tickets and chats they may see (a customer their own), the
  // desk people too: the service tests (test/services/tickets/ticketSearch.test.ts,
  // test/services/search/chatSearch.test.ts) hold the results to visibleTo. One kind per case,
  // each asked against a fixture it could find (SEARCH_KIND_OF).
  'GET /api/v1/search': {
    request: (f) => ({ path: `/api/v1/search?q=Refund&kind=${SEARCH_KIND_OF[f.kase]}` }),
    cases: {
      any: signedIn(200),
      ticket: signedIn(200),
      chatNote: signedIn(200),
      ended: agentsOnly(200),
    },
  },
  // Reports: the desk's for super admins, a team's for its leads (`lead` leads team A, whose
  // chats these are; `otherLead` leads team B); nobody else, whatever the team. The chat
  // reports' filters (another team's topic and agent included) never change who may ask.
  'GET /api/v1/reports/chats': {
    request: (f) => ({
      path: `/api/v1/reports/chats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&teamId=${f.team}&priority=high&topicId=${f.spareTopic}&agentId=${f.otherAgent}`,
    }),
    cases: { any: [401, 403, 403, 403, 403, 200, 200, 403] },
  },
  'GET /api/v1/reports/chats/heatmap': {
    request: (f) => ({
      path: `/api/v1/reports/chats/heatmap?from=2026-01-01&to=2026-01-31&teamId=${f.team}&priority=high&topicId=${f.spareTopic}&agentId=${f.otherAgent}`,
    }),
    cases: { any: [401, 403, 403, 403, 403, 200, 200, 403] },
  },
  'GET /api/v1/reports/chats/daily': {
    request: (f) => ({
      path: `/api/v1/reports/chats/daily?from=2026-01-01&to=2026-01-31&teamId=${f.team}&priority=high&topicId=${f.spareTopic}&agentId=${f.otherAgent}`,
    }),
    cases: { any: [401, 403, 403, 403, 403, 200, 200, 403] },
  },
  // Raw chats: the same callers as the chat report.
  'GET /api/v1/reports/chats.csv': {
    request: (f) => ({
      path: `/api/v1/reports/chats.csv?from=2026-01-01&to=2026-01-31&teamId=${f.team}`,
    }),
    cases: { any: [401, 403, 403, 403, 403, 200, 200, 403] },
  },
  // Raw tickets: the same callers as the ticket report.
  'GET /api/v1/reports/tickets.csv': {
    request: (f) => ({
      path: `/api/v1/reports/tickets.csv?from=2026-01-01&to=2026-01-31&teamId=${f.team}`,
    }),
    cases: { any: [401, 403, 403, 403, 403, 200, 200, 403] },
  },
  // Tickets: the same callers as the chat report.
  'GET /api/v1/reports/tickets': {
    request: (f) => ({
      path: `/api/v1/reports/tickets?from=2026-01-01&to=2026-01-31&teamId=${f.team}&priority=high`,
    }),
    cases: { any: [401, 403, 403, 403, 403, 200, 200, 403] },
  },
  // Every agent reads their own row (over one team's chats too); a lead their team's agents, and
  // another team is a 403 to a lead as to anyone who leads some team.
  'GET /api/v1/reports/agents': {
    request: (f) => ({
      path: `/api/v1/reports/agents?from=2026-01-01&to=2026-01-31&teamId=${f.team}&priority=high&topicId=${f.spareTopic}&agentId=${f.otherAgent}`,
    }),
    cases: { any: [401, 403, 403, 200, 200, 200, 200, 403] },
  },
  'GET /api/v1/reports/surveys': {
    request: (f) => ({
      path: `/api/v1/reports/surveys?from=2026-01-01&to=2026-01-31&teamId=${f.team}&priority=high&topicId=${f.spareTopic}&agentId=${f.otherAgent}`,
    }),
    cases: { any: [401, 403, 403, 403, 403, 200, 200, 403] },
  },
  'GET /api/v1/tickets/:id': {
    request: (f) => ({ path: tk(f) }),
    cases: {
      ticket: ticketViewers(200),
      assigned: ticketViewers(200, 200, ['colleague']),
      noTeam: ticketViewers(200, 200, ['colleague', 'lead']),
      closed: ticketViewers(200),
    },
  },
  'PATCH /api/v1/tickets/:id': {
    request: (f) => ({ path: tk(f), body: { priority: 'high' } }),
    // The requester only marks it solved or reopens it.
    cases: {
      ticket: ticketViewers(200, 403),
      assigned: ticketViewers(200, 403, ['colleague']),
      closed: ticketViewers(409, 403),
    },
  },
  'POST /api/v1/tickets/:id/merge': {
    request: (f) => ({ path: `${tk(f)}/merge`, body: { targetId: f.otherTicket } }),
    cases: { ticket: ticketViewers(200, 403), closed: ticketViewers(409, 403) },
  },
  // Saved views: agents list theirs and the shared ones; only the owner changes one (another's
  // shared view is a 403 to them, a personal one not found). Customers have none (403).
  'GET /api/v1/ticket-views': {
    request: () => ({ path: '/api/v1/ticket-views' }),
    cases: { any: agentsOnly(200) },
  },
  'POST /api/v1/ticket-views': {
    request: () => ({
      path: '/api/v1/ticket-views',
      body: { name: 'Refunds', query: { tag: 'refund', sort: 'due' } },
    }),
    cases: { any: agentsOnly(201) },
  },
  'PATCH /api/v1/ticket-views/:id': {
    request: (f) => ({
      path: `/api/v1/ticket-views/${f.kase === 'settings' ? f.sharedView : f.view}`,
      body: { name: 'Renamed' },
    }),
    setup: withTicketViews,
    cases: {
      any: [401, 403, 403, 200, 404, 404, 404, 404],
      settings: [401, 403, 403, 403, 403, 200, 403, 403],
    },
  },
  'DELETE /api/v1/ticket-views/:id': {
    request: (f) => ({
      path: `/api/v1/ticket-views/${f.kase === 'settings' ? f.sharedView : f.view}`,
    }),
    setup: withTicketViews,
    cases: {
      any: [401, 403, 403, 204, 404, 404, 404, 404],
      settings: [401, 403, 403, 403, 403, 204, 403, 403],
    },
  },
  // Agents only; each ticket as PATCH (or its merge) would answer it alone, recorded from the
  // ticket's own result (the reply is a 200 either way).
  'POST /api/v1/tickets/bulk': {
    request: (f) => ({
      path: '/api/v1/tickets/bulk',
      body: { ticketIds: [f.ticket], change: { kind: 'priority', priority: 'high' } },
    }),
    outcome: (body: { results: Array<{ status: number }> }) => body.results[0]!.status,
    // Customers are refused the route itself: the other customer too (403, not 404).
    cases: {
      ticket: [401, 403, 403, 200, 404, 200, 404, 200],
      assigned: [401, 403, 403, 200, 200, 200, 404, 200],
      closed: [401, 403, 403, 409, 404, 409, 404, 409],
    },
  },
  'GET /api/v1/tickets/:id/messages': {
    request: (f) => ({ path: `${tk(f)}/messages` }),
    cases: { ticket: ticketViewers(200), noTeam: ticketViewers(200, 200, ['colleague', 'lead']) },
  },
  'POST /api/v1/tickets/:id/messages': {
    request: (f) => ({
      path: `${tk(f)}/messages`,
      body: f.kase === 'note' ? { body: 'Checked', kind: 'note' } : { body: 'Hello' },
    }),
    // A reply to a closed ticket files a follow-up; a note is the desk's.
    cases: {
      ticket: ticketViewers(201),
      note: ticketViewers(201, 403),
      closed: ticketViewers(201),
    },
  },
  // Whoever writes in the thread, in any status: a reply to a closed ticket files a follow-up.
  'POST /api/v1/tickets/:id/files': {
    request: (f) => ({ path: `${tk(f)}/files`, body: uploadForm() }),
    cases: {
      ticket: ticketViewers(201),
      assigned: ticketViewers(201, 201, ['colleague']),
      noTeam: ticketViewers(201, 201, ['colleague', 'lead']),
      closed: ticketViewers(201),
    },
  },
  // The desk's: to a customer, even the requester who wrote it, there is no original.
  'GET /api/v1/tickets/:id/messages/:messageId/original': {
    request: (f) => ({ path: `${tk(f)}/messages/${f.mailedReply}/original` }),
    setup: withMailedReply,
    cases: {
      ticket: ticketViewers(200, 404),
      noTeam: ticketViewers(200, 404, ['colleague', 'lead']),
    },
  },
  'GET /api/v1/tickets/:id/events': {
    request: (f) => ({ path: `${tk(f)}/events` }),
    cases: { ticket: ticketViewers(200, 403), assigned: ticketViewers(200, 403, ['colleague']) },
  },
  // The desk's: the requester does not manage who is copied (docs/tickets.md, CCs).
  'GET /api/v1/tickets/:id/ccs': {
    request: (f) => ({ path: `${tk(f)}/ccs` }),
    cases: { ticket: ticketViewers(200, 403), assigned: ticketViewers(200, 403, ['colleague']) },
  },
  'PUT /api/v1/tickets/:id/ccs': {
    request: (f) => ({ path: `${tk(f)}/ccs`, body: { emails: ['ama@home.example'] } }),
    cases: { ticket: ticketViewers(200, 403), closed: ticketViewers(200, 403) },
  },
  // The desk's, as the chat's notes are: never its customer.
  'POST /api/v1/sessions/:id/ticket': {
    request: (f) => ({ path: `${at(f)}/ticket` }),
    cases: {
      waiting: [401, 403, 404, 201, 201, 201, 201, 201],
      active: [401, 403, 404, 201, 404, 201, 201, 404],
      ended: [401, 403, 404, 201, 201, 201, 201, 201],
    },
  },
  'GET /api/v1/ticket-fields': {
    request: () => ({ path: '/api/v1/ticket-fields' }),
    cases: { any: signedIn(200) },
  },
  'POST /api/v1/ticket-fields': {
    request: () => ({
      path: '/api/v1/ticket-fields',
      body: { key: `student_id_${++fields}`, label: 'Student ID', type: 'text' },
    }),
    cases: { any: superAdminsOnly(201) },
  },
  'PATCH /api/v1/ticket-fields/:id': {
    request: (f) => ({ path: `/api/v1/ticket-fields/${f.field}`, body: { label: 'Matric' } }),
    cases: { settings: superAdminsOnly(200) },
  },
  'DELETE /api/v1/ticket-fields/:id': {
    request: (f) => ({ path: `/api/v1/ticket-fields/${f.field}` }),
    cases: { settings: superAdminsOnly(204) },
  },
  'GET /api/v1/sla-policies': {
    request: () => ({ path: '/api/v1/sla-policies' }),
    cases: { any: superAdminsOnly(200) },
  },
  'POST /api/v1/sla-policies': {
    request: (f) => ({
      path: '/api/v1/sla-policies',
      body: {
        name: 'Spare',
        teamId: f.spareTeam,
        clock: 'calendar',
        targets: { high: { firstResponseMinutes: 60, resolutionMinutes: null } },
      },
    }),
    cases: { any: superAdminsOnly(201) },
  },
  'PATCH /api/v1/sla-policies/:id': {
    request: (f) => ({ path: `/api/v1/sla-policies/${f.slaPolicy}`, body: { name: 'Faster' } }),
    cases: { settings: superAdminsOnly(200) },
  },
  'DELETE /api/v1/sla-policies/:id': {
    request: (f) => ({ path: `/api/v1/sla-policies/${f.slaPolicy}` }),
    cases: { settings: superAdminsOnly(204) },
  },
  'GET /api/v1/calendars': {
    request: () => ({ path: '/api/v1/calendars' }),
    cases: { any: superAdminsOnly(200) },
  },
  'POST /api/v1/calendars': {
    request: () => ({ path: '/api/v1/calendars', body: SETTINGS_CALENDAR }),
    cases: { any: superAdminsOnly(201) },
  },
  'PATCH /api/v1/calendars/:id': {
    request: (f) => ({ path: `/api/v1/calendars/${f.calendar}`, body: { name: 'Term hours' } }),
    cases: { settings: superAdminsOnly(200) },
  },
  'DELETE /api/v1/calendars/:id': {
    request: (f) => ({ path: `/api/v1/calendars/${f.calendar}` }),
    cases: { settings: superAdminsOnly(204) },
  },

  'GET /api/v1/widget-settings': {
    request: () => ({ path: '/api/v1/widget-settings' }),
    cases: { any: superAdminsOnly(200) },
  },
  'PUT /api/v1/widget-settings': {
    request: () => ({ path: '/api/v1/widget-settings', body: WIDGET_SETTINGS }),
    cases: { any: superAdminsOnly(200) },
  },
  // The widget page reads it before it has a visitor.
  'GET /api/v1/widget-settings/public': {
    request: () => ({ path: '/api/v1/widget-settings/public' }),
    cases: { any: everyone(200) },
  },

  // Everyone's own preferences: nobody else's can be named.
  'GET /api/v1/preferences': {
    request: () => ({ path: '/api/v1/preferences' }),
    cases: { any: signedIn(200) },
  },
  'PUT /api/v1/preferences': {
    request: () => ({
      path: '/api/v1/preferences',
      body: { sound: false, desktopNotifications: true },
    }),
    cases: { any: signedIn(200) },
  },

  'POST /api/v1/auth/login': {
    request: (_f, caller) => ({ path: '/api/v1/auth/login', body: credentialsOf(caller) }),
    cases: { any: signedIn(200) },
  },
  'POST /api/v1/auth/tokens': {
    request: (_f, caller) => ({ path: '/api/v1/auth/tokens', body: credentialsOf(caller) }),
    cases: { any: signedIn(201) },
  },
  'POST /api/v1/auth/logout': {
    request: () => ({ path: '/api/v1/auth/logout' }),
    cases: { any: everyone(204) },
  },
  'GET /api/v1/auth/me': {
    request: () => ({ path: '/api/v1/auth/me' }),
    cases: { any: signedIn(200) },
  },
  'GET /api/v1/auth/session': {
    request: () => ({ path: '/api/v1/auth/session' }),
    cases: { any: everyone(200) },
  },
  // The token decides, not the caller.
  'POST /api/v1/auth/sso': {
    request: () => ({ path: '/api/v1/auth/sso', body: { token: 'not-a-token' } }),
    cases: { any: everyone(401) },
  },
  'GET /api/v1/auth/sso': {
    request: () => ({ path: '/api/v1/auth/sso?token=not-a-token' }),
    cases: { any: everyone(303) },
  },
  // Anyone may become a visitor; only a visitor has visitor details or can be identified (the
  // table's callers are all people with accounts: test/http/visitors.test.ts has the visitors).
  'POST /api/v1/visitors': {
    request: () => ({ path: '/api/v1/visitors', body: {} }),
    cases: { any: everyone(201) },
  },
  'PATCH /api/v1/visitors/me': {
    request: () => ({ path: '/api/v1/visitors/me', body: { name: 'Someone' } }),
    cases: { any: signedIn(403) },
  },
  'POST /api/v1/visitors/identify': {
    request: () => ({ path: '/api/v1/visitors/identify', body: { token: 'not-a-token' } }),
    cases: { any: signedIn(403) },
  },
  // The deployment decides (CUSTOMER_SIGN_UP, `off` here), not the caller.
  'GET /api/v1/sign-up': {
    request: () => ({ path: '/api/v1/sign-up' }),
    cases: { any: everyone(200) },
  },
  'POST /api/v1/sign-up': {
    request: () => ({
      path: '/api/v1/sign-up',
      body: { name: 'New', email: `new.${++addresses}@example.com`, password: TEST_PASSWORD },
    }),
    cases: { any: everyone(403) },
  },
  // Anyone may ask: the answer is the same whether or not the address has an account.
  'POST /api/v1/auth/password-reset': {
    request: () => ({
      path: '/api/v1/auth/password-reset',
      body: { email: `forgot.${++addresses}@example.com` },
    }),
    cases: { any: everyone(202) },
  },
  // The link's token decides, not the caller.
  'POST /api/v1/auth/password-reset/confirm': {
    request: () => ({
      path: '/api/v1/auth/password-reset/confirm',
      body: { token: 'not-a-token', password: 'a new passphrase' },
    }),
    cases: { any: everyone(400) },
  },
  'POST /api/v1/auth/verify-email': {
    request: () => ({ path: '/api/v1/auth/verify-email', body: { token: 'not-a-token' } }),
    cases: { any: everyone(400) },
  },
  // A ticket survey's link: the token decides, not the caller (a real one: ticketSurveys.test.ts).
  'GET /api/v1/ticket-surveys/:token': {
    request: () => ({ path: '/api/v1/ticket-surveys/not-a-survey-link' }),
    cases: { any: everyone(404) },
  },
  'POST /api/v1/ticket-surveys/:token': {
    request: () => ({ path: '/api/v1/ticket-surveys/not-a-survey-link', body: { rating: 5 } }),
    cases: { any: everyone(404) },
  },
  'POST /api/v1/auth/email-change': {
    request: () => ({
      path: '/api/v1/auth/email-change',
      body: { email: `moved.${++addresses}@example.com`, password: TEST_PASSWORD },
    }),
    cases: { any: signedIn(202) },
  },

  'GET /api/v1/mail/status': {
    request: () => ({ path: '/api/v1/mail/status' }),
    cases: { any: superAdminsOnly(200) },
  },
  'GET /api/v1/mail/outbox': {
    request: () => ({ path: '/api/v1/mail/outbox?status=dead' }),
    cases: { any: superAdminsOnly(200) },
  },
  'POST /api/v1/mail/outbox/:id/retry': {
    request: (f) => ({ path: `/api/v1/mail/outbox/${f.mail}/retry` }),
    setup: withDeadMail,
    cases: { any: superAdminsOnly(200) },
  },

  // Without an upgrade the socket's path is a plain GET, told to upgrade alike for everyone.
  'GET /api/v1/ws': { request: () => ({ path: '/api/v1/ws' }), cases: { any: everyone(426) } },
  'GET /healthz': { request: () => ({ path: '/healthz' }), cases: { any: everyone(200) } },
  'GET /readyz': { request: () => ({ path: '/readyz' }), cases: { any: everyone(200) } },
  'GET /api/openapi.json': {
    request: () => ({ path: '/api/openapi.json' }),
    cases: { any: everyone(200) },
  },
  'GET /api/docs': { request: () => ({ path: '/api/docs' }), cases: { any: everyone(200) } },
  'GET /api/docs/json': {
    request: () => ({ path: '/api/docs/json' }),
    cases: { any: everyone(200) },
  },
  'GET /api/docs/yaml': {
    request: () => ({ path: '/api/docs/yaml' }),
    cases: { any: everyone(200) },
  },
  'GET /api/docs/static/index.html': {
    request: () => ({ path: '/api/docs/static/index.html' }),
    cases: { any: everyone(302) },
  },
  'GET /api/docs/static/swagger-initializer.js': {
    request: () => ({ path: '/api/docs/static/swagger-initializer.js' }),
    cases: { any: everyone(200) },
  },
  'GET /api/docs/*': {
    request: () => ({ path: '/api/docs/static/swagger-ui.css' }),
    cases: { any: everyone(200) },
  },
};

let credentialsOf: (caller: Caller) => { email: string; password: string };

/** "METHOD /path" of every route the app serves, from Fastify's own route tree (HEAD aside). */
function routesOf(tree: string): string[] {
  const routes: string[] = [];
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (.+) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (prefixes[depth - 1] ?? '') + match[2]!;
    prefixes[depth] = path;
    for (const method of match[3]!.split(', ')) {
      if (method !== 'HEAD') routes.push(`${method} ${path.replace(/(?<!\/)\*$/, '/*')}`);
    }
  }
  return routes;
}

for (const dialect of availableDialects()) {
  describe(`authorization matrix [${dialect}]`, () => {
    let database: TestDatabase;
    let server: TestNode;
    let sink: SmtpSink;
    const clients = {} as Record<Caller, Client>;
    const viewers = {} as Record<Exclude<Caller, 'anonymous'>, Viewer>;
    let otherAgent: string;
    let teamA: string;
    let teamB: string;
    let topicB: string;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      // Mail is on, so that the routes that mail answer as they do on a desk that sends it.
      sink = await SmtpSink.start();
      server = await startTestNode(database.store, {
        SMTP_URL: sink.url,
        MAIL_FROM: 'help@desk.test',
        PUBLIC_URL: 'http://desk.test',
        // Every cell takes a chat for the agent: capacity is not what this table is about.
        ALLOW_TAKE_OVER_CAPACITY: 'true',
        SIGNIN_LIMIT_PER_ADDRESS: '1000',
        // Every cell starts a chat for the same customer: nor are the abuse limits.
        OPEN_CHAT_LIMIT_PER_CUSTOMER: '100000',
        CHAT_LIMIT_PER_HOUR: '100000',
        UPLOAD_LIMIT_PER_HOUR: '100000',
      });
      const people = {
        customer: await server.signUp('Yaw'),
        otherCustomer: await server.signUp('Abena'),
        agent: await server.signUp('Ama', 'admin'),
        colleague: await server.signUp('Kofi', 'admin'),
        superAdmin: await server.signUp('Boss', 'super_admin'),
        lead: await server.signUp('Afia', 'admin'),
        otherLead: await server.signUp('Kwame', 'admin'),
      };
      const emails = new Map<Caller, string>();
      for (const [caller, client] of Object.entries(people) as Array<[Caller, Client]>) {
        clients[caller] = client;
        viewers[caller as Exclude<Caller, 'anonymous'>] = client.user!;
        emails.set(caller, (await client.get('/api/v1/auth/me')).body.user.email);
      }
      clients.anonymous = new Client(server.url);
      credentialsOf = (caller) => ({
        email: emails.get(caller) ?? emails.get('customer')!,
        password: caller === 'anonymous' ? 'not the password' : TEST_PASSWORD,
      });
      // On duty, so that assigning and transferring to her are refused only by who asks.
      otherAgent = (await server.agentOnDuty('Efua')).user!.id;
      // Team A, led by `lead`, gets every chat (its topic is the default); team B is `otherLead`'s.
      const { ctx } = server.node;
      const boss = viewers.superAdmin;
      for (const [name, lead] of [
        ['A', viewers.lead],
        ['B', viewers.otherLead],
      ] as const) {
        const { row } = await createTeam(ctx, boss, { name: `Team ${name}`, description: '' });
        await setTeamMember(ctx, boss, { teamId: row.id, agentId: lead.id, isLead: true });
        await setTeamMember(ctx, boss, { teamId: row.id, agentId: otherAgent, isLead: false });
        const topic = { name, slug: `team-${name.toLowerCase()}`, teamId: row.id, position: 0 };
        const made = await createTopic(ctx, boss, { ...topic, isDefault: name === 'A' });
        if (name === 'A') teamA = row.id;
        else [teamB, topicB] = [row.id, made.row.id];
      }
      // The tickets' team: `agent` works in it.
      await setTeamMember(ctx, boss, { teamId: teamB, agentId: viewers.agent.id, isLead: false });
    });
    afterAll(async () => {
      await server?.stop();
      await sink?.stop();
      await database?.drop();
    });

    /** `setup` runs once the chat is in place, before an ended chat ends. */
    async function fixture(kase: Case, setup?: Row['setup']): Promise<Fixture> {
      const { ctx } = server.node;
      const responseTeam = kase === 'team' ? teamA : null;
      const response = await createQuickResponse(
        ctx,
        kase === 'shared' ? viewers.superAdmin : kase === 'team' ? viewers.lead : viewers.agent,
        { title: 'Thanks', content: 'Thank you!', shared: kase === 'shared', teamId: responseTeam },
      );
      const { row } = await startSession(ctx, {
        viewer: viewers.customer,
        subject: 'Help',
        priority: 'medium',
        message: 'Hi',
      });
      if (kase === 'active' || kase === 'ended' || kase === 'offer' || kase === 'chatNote') {
        await assignSession(ctx, { viewer: viewers.agent, sessionId: row.id });
      }
      // Written as it is stored: the offer's own checks (the receiver on duty) are not at issue.
      const offer = kase === 'offer' ? ctx.ids.next() : null;
      if (offer) {
        const now = ctx.clock.now();
        await insertOffer(ctx.store.db, {
          id: offer,
          session_id: row.id,
          from_agent_id: viewers.agent.id,
          to_agent_id: viewers.colleague.id,
          offered_by: viewers.agent.id,
          note_message_id: null,
          status: 'pending',
          created_at: now,
          expires_at: now + 60_000,
          resolved_at: null,
          resolved_by: null,
          returned_to: null,
        });
      }
      const tickets = await ticketFixture(kase);
      const extra = setup ? await setup(fixtureOf(row.id, tickets), kase, { ctx, viewers }) : {};
      if (kase === 'ended') await endSession(ctx, { viewer: viewers.customer, sessionId: row.id });
      const boss = viewers.superAdmin;
      const spare = await createTeam(ctx, boss, { name: 'Spare', description: '' });
      const spareTeam = spare.row.id;
      await setTeamMember(ctx, boss, { teamId: spareTeam, agentId: otherAgent, isLead: false });
      const spareTopic = await createTopic(ctx, boss, {
        name: 'Spare',
        slug: `spare-${++topics}`,
        teamId: teamA,
        isDefault: false,
        position: 1,
      });
      return {
        session: row.id,
        response: response.row.id,
        responseTeam,
        otherAgent,
        team: teamA,
        spareTeam,
        spareTopic: spareTopic.row.id,
        customer: viewers.customer.id,
        offer,
        kase,
        ...tickets,
        ...(await settingsFixture(kase)),
        ...extra,
      };
    }

    /** What a setup may read of the fixture being made: its chat and its tickets. */
    const fixtureOf = (session: string, tickets: Pick<Fixture, 'ticket' | 'otherTicket'>) =>
      ({ session, ...tickets }) as Fixture;

    async function ticketFixture(kase: Case) {
      if (!TICKET_CASES.includes(kase)) return { ticket: '', otherTicket: '' };
      const { ctx } = server.node;
      const file = async (viewer: Viewer, extra: object = {}) =>
        (
          await createTicket(ctx, {
            viewer,
            body: { subject: 'Refund', message: 'Please', priority: 'medium', ...extra },
          })
        ).row.id;
      const mine = { topicId: topicB };
      const forCustomer = { requesterId: viewers.customer.id };
      const ticket =
        kase === 'assigned'
          ? await file(viewers.superAdmin, {
              ...forCustomer,
              teamId: teamB,
              assigneeId: viewers.colleague.id,
            })
          : kase === 'noTeam'
            ? await file(viewers.superAdmin, { ...forCustomer, teamId: null })
            : await file(viewers.customer, mine);
      const otherTicket = await file(viewers.customer, mine);
      if (kase === 'closed') {
        const into = await file(viewers.customer, mine);
        await mergeTicket(ctx, { viewer: viewers.superAdmin, sourceId: ticket, targetId: into });
      }
      return { ticket, otherTicket };
    }

    async function settingsFixture(kase: Case) {
      if (kase !== 'settings') return { field: '', calendar: '', slaPolicy: '' };
      const { ctx } = server.node;
      const boss = viewers.superAdmin;
      const field = await createTicketField(ctx, boss, {
        key: `programme_${++fields}`,
        label: 'Programme',
        type: 'select',
        required: false,
        maxLength: null,
        min: null,
        max: null,
        integer: false,
        options: ['BSc', 'MSc'],
        position: 0,
      });
      const calendar = await createCalendar(ctx, boss, { ...SETTINGS_CALENDAR, holidays: [] });
      const team = await createTeam(ctx, boss, { name: 'Covered', description: '' });
      const slaPolicy = await createSlaPolicy(ctx, boss, {
        name: 'Covered',
        teamId: team.row.id,
        clock: 'calendar',
        calendarId: null,
        targets: { urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 } },
        atRiskFraction: 0.2,
      });
      return { field: field.row.id, calendar: calendar.row.id, slaPolicy: slaPolicy.row.id };
    }

    /** A fresh sign-in of `caller`, for signing out without ending the one the table uses. */
    async function throwaway(caller: Caller): Promise<Client> {
      const client = new Client(server.url);
      if (caller !== 'anonymous') await client.signIn(credentialsOf(caller).email, TEST_PASSWORD);
      return client;
    }

    for (const [route, row] of Object.entries(TABLE)) {
      it(route, async () => {
        const [method, ...rest] = route.split(' ');
        const actual: Partial<Record<Case, number[]>> = {};
        for (const kase of Object.keys(row.cases) as Case[]) {
          // A caller meets the case as made: a fixture serves the next caller too while the
          // requests made against it were refused (a refusal changes nothing) or only read.
          let current: Fixture | null = null;
          const statuses: number[] = [];
          for (const caller of CALLERS) {
            current ??= await fixture(kase, row.setup);
            const { path, body } = row.request(current, caller);
            const client =
              route === 'POST /api/v1/auth/logout' ? await throwaway(caller) : clients[caller];
            const reply = await client.request(
              method!,
              path,
              method === 'GET' ? undefined : (body ?? {}),
            );
            if (method !== 'GET' && reply.status < 400) current = null;
            statuses.push(
              row.outcome && reply.status === 200 ? row.outcome(reply.body) : reply.status,
            );
          }
          actual[kase] = statuses;
        }
        expect(actual, `${rest.join(' ')} for ${CALLERS.join(', ')}`).toEqual(row.cases);
      });
    }

    it('has a row for every route the app serves, and none for a route it does not', () => {
      const served = routesOf(server.node.app.printRoutes({ commonPrefix: false }));
      expect(served.filter((route) => !(route in TABLE))).toEqual([]);
      expect(Object.keys(TABLE).filter((route) => !served.includes(route))).toEqual([]);
    });
  });
}

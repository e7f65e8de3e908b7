// Tickets: file, list (the inbox, "my requests"), read, change, merge, change in bulk; and a chat
// made a ticket.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { page } from '../../shared/api.js';
import {
  BulkTicketBody,
  BulkTicketReply,
  ChatTicketBody,
  CreateTicketBody,
  ListTicketsQuery,
  MergeTicketBody,
  Ticket,
  UpdateTicketBody,
} from '../../shared/ticketsApi.js';
import type { ServiceContext } from '../../services/context.js';
import { createTicketFromChat } from '../../services/tickets/chatTicketer.js';
import { changeTicketsInBulk } from '../../services/tickets/ticketBulkChanger.js';
import { createTicket } from '../../services/tickets/ticketCreator.js';
import { mergeTicket } from '../../services/tickets/ticketMerger.js';
import { presentTicket } from '../../services/tickets/ticketPresenters.js';
import { getTicket, listTickets } from '../../services/tickets/ticketReader.js';
import { updateTicket } from '../../services/tickets/ticketUpdater.js';
import { callerOf, errorResponses, IdParams } from './common.js';

const tags = ['tickets'];

export const ticketRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'createTicket',
        description:
          'Anyone signed in files a request: the caller is its requester (channel `web`), the topic picks its team, `fields` are checked against the custom fields (400 naming the field). Agents may file one for someone else (`requesterId`) and choose its team, assignee, tags and channel (403 for anyone else). A requester files at most CHAT_LIMIT_PER_HOUR an hour (429). `fileIds` names drafts the caller uploaded for it (`POST /files`), which the first message takes: someone else’s file or one that is no draft is 400 `INVALID_ATTACHMENTS`, one sent already 409 `FILE_ALREADY_SENT`, an expired draft 409 `UPLOAD_EXPIRED`.',
        summary: 'File a ticket',
        body: CreateTicketBody,
        response: { 201: Ticket, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await createTicket(ctx, { viewer, body: request.body });
      reply.code(201);
      return presentTicket(record, audience, ctx.clock.now());
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listTickets',
        description:
          'The tickets the caller may see, a page at a time (`nextCursor`): for a requester, their own; for agents, those of their teams, of no team, and those assigned to them; for super admins, all. Filters combine; `sort` orders them.',
        summary: 'The ticket inbox, or my requests',
        querystring: ListTicketsQuery,
        response: { 200: page(Ticket), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const { items, nextCursor } = await listTickets(ctx, viewer, request.query);
      const now = ctx.clock.now();
      return { items: items.map((item) => presentTicket(item, audience, now)), nextCursor };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'getTicket',
        description:
          'Anyone who may see it (404 otherwise). A merged ticket names the ticket it was merged into (`mergedInto`).',
        summary: 'One ticket',
        params: IdParams,
        response: { 200: Ticket, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await getTicket(ctx, viewer, request.params.id);
      return presentTicket(record, audience, ctx.clock.now());
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'updateTicket',
        description:
          "Agents who may see it change its subject, status, priority, team, assignee, tags and fields; each change is in the history. The status follows the workflow (409 `INVALID_TRANSITION`); a closed ticket takes no change (409 `TICKET_CLOSED`). The requester may only mark it solved (`status: 'solved'`) or reopen it once solved (`status: 'open'`); 403 for anything else.",
        summary: 'Change a ticket',
        params: IdParams,
        body: UpdateTicketBody,
        response: { 200: Ticket, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await updateTicket(ctx, {
        viewer,
        ticketId: request.params.id,
        changes: request.body,
      });
      return presentTicket(record, audience, ctx.clock.now());
    },
  );

  app.post(
    '/:id/merge',
    {
      schema: {
        tags,
        operationId: 'mergeTicket',
        description:
          'Agents who may work both: this ticket (a duplicate) is merged into `targetId` (or, if that was merged itself, the ticket it ended in). Its thread moves there, it is closed with `mergedInto` set, and both histories record it. 409 `INVALID_MERGE` into itself, into or from a closed ticket, twice, or across requesters. Answers the ticket merged into.',
        summary: 'Merge a duplicate into another ticket',
        params: IdParams,
        body: MergeTicketBody,
        response: { 200: Ticket, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await mergeTicket(ctx, {
        viewer,
        sourceId: request.params.id,
        targetId: request.body.targetId,
      });
      return presentTicket(record, audience, ctx.clock.now());
    },
  );

  app.post(
    '/bulk',
    {
      schema: {
        tags,
        operationId: 'changeTicketsInBulk',
        description:
          'Agents (403 for anyone else) make one change to up to 100 tickets: an assignee, a status, a priority, a team, tags to add or to remove, or a merge into `targetId`. Each ticket is changed as `PATCH /tickets/{id}` (or its merge) would change it alone, in its own transaction, with its own rules, history and frames: per ticket, not all or nothing. Each result says what that call would have answered (`status` 200, or the error: 404 for a ticket the caller may not see or that does not exist, 403, 409 `INVALID_TRANSITION`, `TICKET_CLOSED`, `INVALID_MERGE`…), and the others are changed all the same.',
        summary: 'Change many tickets at once',
        body: BulkTicketBody,
        response: { 200: BulkTicketReply, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { viewer } = callerOf(ctx, request);
      const results = await changeTicketsInBulk(ctx, { viewer, ...request.body });
      return { results };
    },
  );
};

/** `POST /sessions/:id/ticket`: registered under the sessions' prefix. */
export const chatTicketRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/:id/ticket',
    {
      schema: {
        tags,
        operationId: 'createTicketFromChat',
        description:
          "Agents who may read the chat's notes (never its customer, 403): a ticket for the chat's customer with the chat's subject, priority and team, worked by its agent, whose thread is the transcript (internal notes stay notes, which the requester never sees). The chat and the ticket are linked both ways (`ticketId`, `chatIds`). 201 with the new ticket, or 200 with the one the chat already made.",
        summary: 'Make a ticket of a chat',
        params: IdParams,
        // A POST without a body (no content type) arrives as null and means the same as {}.
        body: ChatTicketBody.nullable().default({}),
        response: { 200: Ticket, 201: Ticket, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { viewer, audience } = callerOf(ctx, request);
      const { ticket, created } = await createTicketFromChat(ctx, {
        viewer,
        sessionId: request.params.id,
        ...request.body,
      });
      reply.code(created ? 201 : 200);
      return presentTicket(ticket, audience, ctx.clock.now());
    },
  );
};

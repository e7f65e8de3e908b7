// A ticket's thread (public replies and internal notes), the original of a message that came by
// mail, and the ticket's history.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { page } from '../../shared/api.js';
import {
  ReplyToTicketBody,
  TicketEvent,
  TicketMessage,
  TicketMessageParams,
  TicketPageQuery,
} from '../../shared/ticketsApi.js';
import { z } from 'zod';
import { servingHeaders } from '../../domain/files/fileServing.js';
import { readOriginalMail } from '../../services/mail/inbound/originalMail.js';
import type { ServiceContext } from '../../services/context.js';
import {
  presentTicketEvent,
  presentTicketMessage,
} from '../../services/tickets/ticketPresenters.js';
import { listTicketHistory, listTicketMessages } from '../../services/tickets/ticketReader.js';
import { replyToTicket } from '../../services/tickets/ticketReplier.js';
import { viewerOf } from '../auth.js';
import { callerOf, errorResponses, IdParams } from './common.js';

const tags = ['tickets'];

export const ticketThreadRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/:id/messages',
    {
      schema: {
        tags,
        operationId: 'listTicketMessages',
        description:
          'Anyone who may see the ticket, oldest first, a page at a time (`nextCursor`): the replies and, for agents, the internal notes (the requester never gets one). A merged ticket shows what was written on it; the ticket merged into shows its own and theirs.',
        summary: "A page of a ticket's thread",
        params: IdParams,
        querystring: TicketPageQuery,
        response: { 200: page(TicketMessage), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const { records, nextCursor } = await listTicketMessages(
        ctx,
        viewer,
        request.params.id,
        request.query,
      );
      return { items: records.map((record) => presentTicketMessage(record, audience)), nextCursor };
    },
  );

  app.post(
    '/:id/messages',
    {
      schema: {
        tags,
        operationId: 'replyToTicket',
        description:
          'A public reply from the requester or an agent who may see the ticket, or (`kind: "note"`) an internal note from such an agent (403 for the requester). An agent\'s first reply records the first response and opens a new ticket; the requester\'s reopens a pending or solved one. A reply to a merged ticket goes to the ticket it was merged into; a reply to another closed ticket files a follow-up ticket linked to it, where the message lands (its `ticketId`); a note there is refused (409 `TICKET_CLOSED`). With a `clientId`, a retried reply answers the first one (200).',
        summary: 'Reply to a ticket, or add an internal note',
        params: IdParams,
        body: ReplyToTicketBody,
        response: {
          200: TicketMessage,
          201: TicketMessage,
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { viewer, audience } = callerOf(ctx, request);
      const { message, duplicate } = await replyToTicket(ctx, {
        viewer,
        ticketId: request.params.id,
        ...request.body,
      });
      reply.code(duplicate ? 200 : 201);
      return presentTicketMessage(message, audience);
    },
  );

  app.get(
    '/:id/messages/:messageId/original',
    {
      schema: {
        tags,
        operationId: 'getOriginalMail',
        description:
          'Agents who may see the ticket: the mail a message of its thread came from, as received (every header, the quoted history and signature the thread leaves out, every attachment, those not kept too), as a `message/rfc822` download. 404 for customers, for a message the ticket’s thread does not show, and for one that did not come by mail or whose original was too large to keep (`MAIL_MAX_MB`).',
        summary: 'The original mail of a ticket message',
        params: TicketMessageParams,
        response: {
          200: {
            description: 'The mail (RFC 822)',
            content: {
              'message/rfc822': { schema: z.string().meta({ format: 'binary' }) },
            },
          },
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const original = await readOriginalMail(ctx, {
        viewer: viewerOf(request),
        ticketId: request.params.id,
        messageId: request.params.messageId,
      });
      // As a file is served (a download, sandboxed), as a mail rather than bytes of no type.
      reply.headers({
        ...servingHeaders({ mime: 'message/rfc822', fileName: original.fileName }),
        'content-type': 'message/rfc822',
      });
      return reply.send(original.raw as unknown as string);
    },
  );

  app.get(
    '/:id/events',
    {
      schema: {
        tags,
        operationId: 'listTicketEvents',
        description:
          'Agents who may work the ticket (403 for its requester): every change of status, priority, subject, team, assignee, tags and fields, with who and when, and its merges, follow-ups and chat; oldest first.',
        summary: "A ticket's history",
        params: IdParams,
        querystring: TicketPageQuery,
        response: { 200: page(TicketEvent), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const { records, nextCursor } = await listTicketHistory(
        ctx,
        viewer,
        request.params.id,
        request.query,
      );
      return { items: records.map((record) => presentTicketEvent(record, audience)), nextCursor };
    },
  );
};

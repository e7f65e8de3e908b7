// Messages of one session: send (idempotent with a client id), page through, mark read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ListMessagesQuery, MarkReadBody, Message, SendMessageBody } from '../../shared/api.js';
import type { ServiceContext } from '../../services/context.js';
import { listMessages } from '../../services/messages/messageReader.js';
import { markRead } from '../../services/messages/readMarker.js';
import { sendMessage } from '../../services/messages/messageSender.js';
import { presentMessage } from '../../services/presenters.js';
import { viewerOf } from '../auth.js';
import { callerOf, errorResponses, IdParams } from './common.js';

const tags = ['messages'];

export const messageRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/:id/messages',
    {
      schema: {
        tags,
        operationId: 'listMessages',
        description:
          'Anyone who may see the session. Without `afterSeq` or `beforeSeq`: the latest page. `hasMore` says whether another page lies in the direction asked.',
        summary:
          'get_messages: a page of messages, oldest first (afterSeq to catch up, beforeSeq to scroll back)',
        params: IdParams,
        querystring: ListMessagesQuery,
        response: {
          200: z.object({ items: z.array(Message), hasMore: z.boolean() }),
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const { records, hasMore } = await listMessages(
        ctx,
        viewer,
        request.params.id,
        request.query,
      );
      return { items: records.map((record) => presentMessage(record, audience)), hasMore };
    },
  );

  app.post(
    '/:id/messages',
    {
      schema: {
        tags,
        operationId: 'sendMessage',
        description:
          'The customer or the assigned agent. With a `clientId`, a retried send returns the message stored the first time (200) instead of storing it again. 409 `SESSION_ENDED` once the chat has ended. With `type: "note"`, an internal note: any agent who may see the chat (never its customer, 403), in any state; the customer never receives it, and `@name` notifies that agent. The socket\'s `message.send` does the same.',
        summary:
          'send_message: 201 with the new message, or 200 with the first one when clientId repeats',
        params: IdParams,
        body: SendMessageBody,
        response: {
          200: Message,
          201: Message,
          ...errorResponses(400, 401, 403, 404, 409, 429),
        },
      },
    },
    async (request, reply) => {
      const { viewer, audience } = callerOf(ctx, request);
      const { message, duplicate } = await sendMessage(ctx, {
        viewer,
        sessionId: request.params.id,
        ...request.body,
      });
      reply.code(duplicate ? 200 : 201);
      return presentMessage(message, audience);
    },
  );

  app.post(
    '/:id/read',
    {
      schema: {
        tags,
        operationId: 'markMessagesRead',
        description:
          "Marks as read the messages the other side sent, up to `upToSeq`, and answers the caller's read position. The other side hears of it on the socket.",
        summary: "mark_messages_read: the other side's messages up to upToSeq are read",
        params: IdParams,
        body: MarkReadBody,
        response: {
          200: z.object({ lastReadSeq: z.number().int().nullable() }),
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request) => ({
      lastReadSeq: await markRead(ctx, {
        viewer: viewerOf(request),
        sessionId: request.params.id,
        upToSeq: request.body.upToSeq,
      }),
    }),
  );
};

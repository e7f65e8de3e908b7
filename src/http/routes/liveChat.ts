// Live chat's availability per topic (opening hours and agents free) and the offline form.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AvailabilityQuery,
  OfflineMessageBody,
  TopicAvailability,
} from '../../shared/liveChatApi.js';
import { Ticket } from '../../shared/ticketsApi.js';
import type { ServiceContext } from '../../services/context.js';
import { leaveOfflineMessage } from '../../services/tickets/offlineMessage.js';
import { presentTicket } from '../../services/tickets/ticketPresenters.js';
import { liveChatAvailability } from '../../services/topics/liveChatAvailability.js';
import { callerOf, errorResponses } from './common.js';

const tags = ['live chat'];

export const liveChatRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/availability',
    {
      schema: {
        tags,
        operationId: 'liveChatAvailability',
        description:
          'Everyone signed in: for each active topic (or only `topicId`), whether a chat started now is answered live. A team’s opening hours are the business calendar it names (`openingHours` on the team; none: always open). `closed` gives the next opening; starting a chat then is refused (409 `TEAM_CLOSED`) and the start form offers the offline form (`leaveOfflineMessage`). No topics: an empty list (chats have no team and are always open).',
        summary: 'Whether live chat is open on each topic now',
        querystring: AvailabilityQuery,
        response: {
          200: z.object({ items: z.array(TopicAvailability) }),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      callerOf(ctx, request);
      const items = await liveChatAvailability(ctx, request.query);
      return {
        items: items.map(({ topicId, state, opensAt, timeZone }) => ({
          topicId,
          state,
          opensAt: opensAt === null ? null : new Date(opensAt).toISOString(),
          timeZone,
        })),
      };
    },
  );

  app.post(
    '/offline-messages',
    {
      schema: {
        tags,
        operationId: 'leaveOfflineMessage',
        description:
          'Anyone signed in leaves a message when live chat is not available: it becomes a ticket of the topic’s team (channel `web`, the caller its requester) with an automatic public reply from the desk saying when someone will answer (the team’s next opening, in `timeZone` when given). A visitor who has left no address must give `email` (400). Limits, custom fields and errors as for `createTicket`.',
        summary: 'Leave a message instead of chatting (the offline form)',
        body: OfflineMessageBody,
        response: { 201: Ticket, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await leaveOfflineMessage(ctx, { viewer, body: request.body });
      reply.code(201);
      return presentTicket(record, audience, ctx.clock.now());
    },
  );
};

// A ticket's CCs (docs/tickets.md, CCs): read and replaced by the agents who work it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SetTicketCcsBody, TicketCcList, type TicketCc } from '../../shared/ticketsApi.js';
import { LIMITS } from '../../shared/vocabulary.js';
import type { ServiceContext } from '../../services/context.js';
import { readTicketCcs, setTicketCcs } from '../../services/tickets/ticketCcs.js';
import type { TicketCcRecord } from '../../storage/repositories/tickets/ticketCcs.js';
import { viewerOf } from '../auth.js';
import { errorResponses, IdParams } from './common.js';

const tags = ['tickets'];

const presentCc = (cc: TicketCcRecord): TicketCc => ({
  email: cc.email,
  person: cc.user ? { id: cc.user.id, name: cc.user.name } : null,
});

export const ticketCcRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/:id/ccs',
    {
      schema: {
        tags,
        operationId: 'listTicketCcs',
        description:
          'Agents who may work the ticket (403 for its requester): the addresses copied on it, in the order they were added, each with its account when there is one. The desk’s public replies are copied to them, and their answers by mail join the thread; they do not see the ticket in the portal.',
        summary: "A ticket's CCs",
        params: IdParams,
        response: { 200: TicketCcList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const ccs = await readTicketCcs(ctx, viewerOf(request), request.params.id);
      return { items: ccs.map(presentCc) };
    },
  );

  app.put(
    '/:id/ccs',
    {
      schema: {
        tags,
        operationId: 'setTicketCcs',
        description: `Agents who may work the ticket (403 for its requester): its CCs become \`emails\` (at most ${LIMITS.ticketCcs}), without the requester's address or the desk's own. Answers the list as it is now.`,
        summary: "Set a ticket's CCs",
        params: IdParams,
        body: SetTicketCcsBody,
        response: { 200: TicketCcList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const ccs = await setTicketCcs(ctx, {
        viewer: viewerOf(request),
        ticketId: request.params.id,
        emails: request.body.emails,
      });
      return { items: ccs.map(presentCc) };
    },
  );
};

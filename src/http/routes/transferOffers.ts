// Transfer offers (TRANSFER_MODE=offer): the pending ones that concern the caller, and the
// answers: the receiver accepts or declines, whoever may transfer the chat withdraws.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Session } from '../../shared/api.js';
import { TransferOffer } from '../../shared/transfersApi.js';
import type { ServiceContext } from '../../services/context.js';
import { presentSession, presentTransferOffer } from '../../services/presenters.js';
import {
  acceptOffer,
  declineOffer,
  withdrawOffer,
} from '../../services/transfers/transferOfferAnswers.js';
import { listTransferOffers } from '../../services/transfers/transferOffers.js';
import { callerOf, errorResponses, IdParams } from './common.js';

const tags = ['transfers'];
const CLOSED =
  '409 `TRANSFER_OFFER_EXPIRED` once its time has run out (TRANSFER_OFFER_SECONDS), `TRANSFER_OFFER_CLOSED` once it was answered or withdrawn, or its chat ended or moved on.';

export const transferOfferRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listTransferOffers',
        description:
          "Agents only: the transfer offers waiting for an answer that concern the caller (made to them, made by them, or of their chats), oldest first. The socket's `transfer.offer` frames keep them current.",
        summary: 'Pending transfer offers made to, by or for the caller',
        response: { 200: z.object({ items: z.array(TransferOffer) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const offers = await listTransferOffers(ctx, viewer);
      return { items: offers.map((offer) => presentTransferOffer(offer, audience)) };
    },
  );

  app.post(
    '/:id/accept',
    {
      schema: {
        tags,
        operationId: 'acceptTransferOffer',
        description: `The receiver only: the chat becomes theirs, with the handover note at its top. 409 \`AGENT_AT_CAPACITY\` when they have no room (the offer stays open), ${CLOSED}`,
        summary: 'Accept a transfer offer: the chat becomes the caller’s',
        params: IdParams,
        response: { 200: Session, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      return presentSession(
        await acceptOffer(ctx, { viewer, offerId: request.params.id }),
        audience,
      );
    },
  );

  app.post(
    '/:id/decline',
    {
      schema: {
        tags,
        operationId: 'declineTransferOffer',
        description: `The receiver only: the chat stays with its agent, or goes back to its team's queue in its place if they have left (\`returnedTo\`). A decline after the deadline finds the offer expired (status \`expired\`). ${CLOSED}`,
        summary: 'Decline a transfer offer: the chat stays with its agent',
        params: IdParams,
        response: { 200: TransferOffer, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const offer = await declineOffer(ctx, { viewer, offerId: request.params.id });
      return presentTransferOffer(offer, audience);
    },
  );

  app.post(
    '/:id/withdraw',
    {
      schema: {
        tags,
        operationId: 'withdrawTransferOffer',
        description: `Whoever may transfer the chat (its agent, whoever made the offer, the lead of its team, a super admin), not the receiver: the offer ends and the chat stays with its agent. ${CLOSED}`,
        summary: 'Withdraw a transfer offer before it is answered',
        params: IdParams,
        response: { 200: TransferOffer, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const offer = await withdrawOffer(ctx, { viewer, offerId: request.params.id });
      return presentTransferOffer(offer, audience);
    },
  );
};

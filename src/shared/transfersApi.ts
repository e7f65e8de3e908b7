// The REST API's transfers as zod schemas: handing an active chat to an agent or to a team's
// queue with an optional handover note, and the offers a receiver accepts or declines when the
// deployment asks for acceptance (TRANSFER_MODE=offer).
import { z } from 'zod';
import { Id, isoTime, Person, text } from './api.js';
import { LIMITS, TRANSFER_OFFER_STATUSES } from './vocabulary.js';

export const TransferSessionBody = z
  .object({
    agentId: Id.optional().describe('the agent to hand the chat to (or offer it to)'),
    teamId: Id.optional().describe(
      'a team (not archived) whose queue the chat goes back to, keeping its place: its start time and priority',
    ),
    note: text(LIMITS.message)
      .optional()
      .describe(
        'a handover note for the receiver: an internal note, which only agents see, shown at the top of the chat',
      ),
  })
  .refine((body) => (body.agentId === undefined) !== (body.teamId === undefined), {
    message: 'give either agentId or teamId',
    path: ['agentId'],
  });
export type TransferSessionBody = z.infer<typeof TransferSessionBody>;

export const TransferOfferStatus = z.enum(TRANSFER_OFFER_STATUSES);

export const TransferOffer = z.object({
  id: Id,
  sessionId: Id,
  subject: z.string().describe("the chat's subject"),
  customer: Person,
  from: Person.describe('the agent whose chat it is, who keeps it until the receiver accepts'),
  to: Person.describe('the receiver, who accepts or declines'),
  by: Person.describe('who made the offer: the agent, the team lead or the super admin'),
  note: z.string().nullable().describe('the handover note (an internal note), or null'),
  status: TransferOfferStatus.describe(
    "'pending' until answered; then how it ended ('accepted', 'declined', 'expired', 'withdrawn')",
  ),
  returnedTo: z
    .enum(['sender', 'queue'])
    .nullable()
    .describe(
      'for an offer that ended without a transfer: whether the chat stayed with its agent or, as they had left, went back to the queue; null otherwise',
    ),
  createdAt: isoTime,
  expiresAt: isoTime.describe('an offer not answered by then expires (TRANSFER_OFFER_SECONDS)'),
  resolvedAt: isoTime.nullable(),
});
export type TransferOffer = z.infer<typeof TransferOffer>;

// The frames a client may send on the WebSocket, as a zod schema the gateway validates with.
// Kept apart from protocol.ts so the browser can import the protocol's values without zod.
import { z } from 'zod';
import { clientToken, Id } from './api.js';
import { LIMITS, SENT_MESSAGE_TYPES } from './vocabulary.js';

const sessionId = Id;
/** Optional request id echoed in the server's ack or error so a client can match replies. */
const ref = z.string().max(64).optional();

export const ClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    ref,
    sessionId,
    afterSeq: z.number().int().min(0).default(0).describe('last seq the client has seen'),
  }),
  z.object({ type: z.literal('unsubscribe'), ref, sessionId }),
  z.object({
    type: z.literal('message.send'),
    ref,
    sessionId,
    clientId: clientToken(LIMITS.clientId),
    text: z.string(),
    messageType: z
      .enum(SENT_MESSAGE_TYPES)
      .default('text')
      .describe('note: an internal note (agents)'),
  }),
  z.object({
    type: z.literal('typing'),
    ref,
    sessionId,
    typing: z.boolean(),
    note: z.boolean().default(false).describe('writing an internal note: the customer is not told'),
  }),
  z.object({ type: z.literal('read'), ref, sessionId, upToSeq: z.number().int().min(0) }),
  z.object({
    type: z.literal('ticket.watch'),
    ref,
    ticketId: Id,
    replying: z.boolean().default(false).describe('writing a reply or note on it'),
  }),
  z.object({ type: z.literal('ticket.unwatch'), ref, ticketId: Id }),
  z.object({ type: z.literal('dashboard.watch'), ref }),
  z.object({ type: z.literal('dashboard.unwatch'), ref }),
  z.object({ type: z.literal('ticket.subscribe'), ref, ticketId: Id }),
  z.object({ type: z.literal('ticket.unsubscribe'), ref, ticketId: Id }),
  z.object({ type: z.literal('ping'), ref }),
]);
export type ClientFrame = z.input<typeof ClientFrame>;

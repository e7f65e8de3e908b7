// Chat sessions: start, read, list, end, rate, take, assign, transfer (to an agent or a team), tag,
// and the queue position.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AssignSessionBody,
  EndSessionBody,
  ListSessionsQuery,
  QueuePosition,
  RateSessionBody,
  Session,
  SessionCounts,
  SessionView,
  StartSessionBody,
  TagsBody,
  page,
} from '../../shared/api.js';
import { TransferOffer, TransferSessionBody } from '../../shared/transfersApi.js';
import type { ServiceContext } from '../../services/context.js';
import {
  presentSession,
  presentSessionView,
  presentTransferOffer,
} from '../../services/presenters.js';
import { assignSession } from '../../services/sessions/chatAssigner.js';
import { transferChat } from '../../services/transfers/chatTransfer.js';
import { queuePositionFor } from '../../services/sessions/queueEstimator.js';
import { endSession } from '../../services/sessions/sessionEnder.js';
import { rateSession } from '../../services/sessions/sessionRater.js';
import { countSessions, getSession, listSessions } from '../../services/sessions/sessionReader.js';
import { startSession } from '../../services/sessions/sessionStarter.js';
import { tagSession } from '../../services/sessions/sessionTagger.js';
import { viewerOf } from '../auth.js';
import { callerOf, errorResponses, IdParams } from './common.js';

const tags = ['sessions'];
const changed = { 200: Session, ...errorResponses(400, 401, 403, 404, 409) };

export const sessionRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'startSession',
        description:
          "The caller becomes the chat's customer; the first message is stored with it. The chat waits in the queue until routing gives it to an available agent or an agent takes it.",
        summary: 'start_session: start a chat; it waits in the queue until an agent is assigned',
        body: StartSessionBody,
        response: { 201: Session, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await startSession(ctx, { viewer, ...request.body, clientIp: request.ip });
      reply.code(201);
      return presentSession(record, audience);
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listSessions',
        description:
          "What the caller may see, newest first, a page at a time (`nextCursor`): for agents, their active chats, the waiting queue or the history; for customers, their own chats. Each comes with the caller's unread count and, while waiting, its place in the queue.",
        summary: "get_agent_sessions / history: the caller's sessions by view, newest first",
        querystring: ListSessionsQuery,
        response: { 200: page(SessionView), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const { items, nextCursor } = await listSessions(ctx, viewer, request.query);
      return { items: items.map((item) => presentSessionView(item, audience)), nextCursor };
    },
  );

  app.get(
    '/counts',
    {
      schema: {
        tags,
        operationId: 'countSessions',
        description:
          "The sizes of the caller's Active, Waiting and History lists, as `listSessions` would show them.",
        summary: "How many sessions the caller's Active, Waiting and History lists hold",
        response: { 200: SessionCounts, ...errorResponses(401) },
      },
    },
    async (request) => countSessions(ctx, viewerOf(request)),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'getSession',
        description:
          '404 when the session does not exist or the caller may not see it: customers see their own, agents the waiting queue, the chats they take or took part in and every ended chat (the shared history of the desk), super admins all.',
        summary: 'get_session: one session',
        params: IdParams,
        response: { 200: SessionView, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      return presentSessionView(await getSession(ctx, viewer, request.params.id), audience);
    },
  );

  app.get(
    '/:id/queue',
    {
      schema: {
        tags,
        operationId: 'getQueuePosition',
        description:
          'The place in the queue and the estimated wait, from the agents available. 409 `SESSION_NOT_WAITING` once an agent has the chat.',
        summary: 'Place in the queue and estimated wait of a waiting session',
        params: IdParams,
        response: { 200: QueuePosition, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => queuePositionFor(ctx, viewerOf(request), request.params.id),
  );

  app.post(
    '/:id/end',
    {
      schema: {
        tags,
        operationId: 'endSession',
        description:
          'The customer, the assigned agent or a super admin. The customer may rate the chat in the same request. 409 `SESSION_ENDED` when it has already ended.',
        summary: 'end_session: end the chat (the customer may rate it at the same time)',
        params: IdParams,
        // A POST without a body (no content type) arrives as null and means the same as {}.
        body: EndSessionBody.nullable().default({}),
        response: changed,
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await endSession(ctx, {
        viewer,
        sessionId: request.params.id,
        ...request.body,
      });
      return presentSession(record, audience);
    },
  );

  app.post(
    '/:id/rating',
    {
      schema: {
        tags,
        operationId: 'rateSession',
        description:
          'The customer only, once the chat has ended. 409 `SESSION_NOT_ENDED` before, `ALREADY_RATED` after the first rating.',
        summary: 'Rate an ended chat (1-5) with optional feedback; once',
        params: IdParams,
        body: RateSessionBody,
        response: changed,
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await rateSession(ctx, {
        viewer,
        sessionId: request.params.id,
        ...request.body,
      });
      return presentSession(record, audience);
    },
  );

  app.post(
    '/:id/take',
    {
      schema: {
        tags,
        operationId: 'takeSession',
        description:
          'Agents only, and not a chat they started themselves. 409 `SESSION_ALREADY_ASSIGNED` when another agent was quicker, `AGENT_AT_CAPACITY` when the caller already has their maximum of open chats (unless `ALLOW_TAKE_OVER_CAPACITY`).',
        summary: 'assign_session: the calling agent takes a waiting chat',
        params: IdParams,
        response: changed,
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await assignSession(ctx, { viewer, sessionId: request.params.id });
      return presentSession(record, audience);
    },
  );

  app.post(
    '/:id/assign',
    {
      schema: {
        tags,
        operationId: 'assignSession',
        description:
          'Super admins only: gives a waiting chat to the named agent (404 when `agentId` is not an active agent). 409 as for `takeSession`.',
        summary: 'assign_session: a super admin gives a waiting chat to a named agent',
        params: IdParams,
        body: AssignSessionBody,
        response: changed,
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await assignSession(ctx, {
        viewer,
        sessionId: request.params.id,
        agentId: request.body.agentId,
      });
      return presentSession(record, audience);
    },
  );

  app.post(
    '/:id/transfer',
    {
      schema: {
        tags,
        operationId: 'transferSession',
        description:
          "The assigned agent, the lead of the chat's team or a super admin hands an active chat on, with an optional handover `note` (an internal note, which only agents see, shown to the receiver at the top of the chat). With `teamId` the chat goes back to that team's queue in its place (its start time and priority stay): 200 with the chat, now waiting. With `agentId`, an agent who could take it now (not offline, connected, with room: 409 `AGENT_UNAVAILABLE`, `AGENT_AT_CAPACITY`): 200 with the chat, now theirs, or, when the deployment asks receivers to accept (TRANSFER_MODE=offer), 202 with the offer, which they accept or decline before it expires (the chat stays with its agent meanwhile). 404 for an unknown team, 409 `TEAM_ARCHIVED` for an archived one, `SESSION_NOT_ACTIVE` for a chat without an agent, `SAME_AGENT` for a transfer to its agent.",
        summary: 'Transfer an active chat to an agent or to a team, with an optional handover note',
        params: IdParams,
        body: TransferSessionBody,
        response: {
          200: Session,
          202: TransferOffer.describe('the receiver was offered the chat (TRANSFER_MODE=offer)'),
          ...errorResponses(400, 401, 403, 404, 409, 429),
        },
      },
    },
    async (request, reply) => {
      const { viewer, audience } = callerOf(ctx, request);
      const { agentId, teamId, note } = request.body;
      const outcome = await transferChat(ctx, {
        viewer,
        sessionId: request.params.id,
        // The schema lets exactly one of them through.
        target: teamId !== undefined ? { teamId } : { agentId: agentId! },
        note,
      });
      if (outcome.kind === 'moved') return presentSession(outcome.session, audience);
      reply.code(202);
      return presentTransferOffer(outcome.offer, audience);
    },
  );

  app.put(
    '/:id/tags',
    {
      schema: {
        tags,
        operationId: 'setSessionTags',
        description:
          "The assigned agent, an agent who took part earlier, or a super admin. The list given replaces the chat's tags.",
        summary: "Replace the chat's tags",
        params: IdParams,
        body: TagsBody,
        response: changed,
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await tagSession(ctx, {
        viewer,
        sessionId: request.params.id,
        tags: request.body.tags,
      });
      return presentSession(record, audience);
    },
  );
};

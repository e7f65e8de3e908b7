// Chat sessions: start, read, list, end, rate, take, assign, transfer, tag, and the queue position.
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
import type { ServiceContext } from '../../services/context.js';
import { presentSession, presentSessionView } from '../../services/presenters.js';
import { assignSession, transferSession } from '../../services/sessions/chatAssigner.js';
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
        summary: 'start_session: start a chat; it waits in the queue until an agent is assigned',
        body: StartSessionBody,
        response: { 201: Session, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await startSession(ctx, { viewer, ...request.body });
      reply.code(201);
      return presentSession(record, audience);
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags,
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
        summary: 'Transfer an active chat to another agent',
        params: IdParams,
        body: AssignSessionBody,
        response: changed,
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const record = await transferSession(ctx, {
        viewer,
        sessionId: request.params.id,
        agentId: request.body.agentId,
      });
      return presentSession(record, audience);
    },
  );

  app.put(
    '/:id/tags',
    {
      schema: {
        tags,
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

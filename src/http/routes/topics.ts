// Topics: list (everyone signed in: the start form's choices), create, change, delete.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateTopicBody, ListTopicsQuery, Topic, UpdateTopicBody } from '../../shared/teamsApi.js';
import type { ServiceContext } from '../../services/context.js';
import { presentTopic } from '../../services/presenters.js';
import { createTopic, deleteTopic, listTopics, updateTopic } from '../../services/topics/topics.js';
import { callerOf, errorResponses, IdParams, noContent } from './common.js';

const tags = ['topics'];

export const topicRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listTopics',
        description:
          'Everyone signed in: the active topics in the start form’s order (position, then name), the default one marked. Customers do not see which team a topic leads to (`team: null`). Super admins may ask for archived ones too (`includeArchived=true`). No topics: the start form shows no picker and chats have no team.',
        summary: 'The topics a customer picks from when starting a chat',
        querystring: ListTopicsQuery,
        response: { 200: z.object({ items: z.array(Topic) }), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const topics = await listTopics(ctx, viewer, request.query);
      return { items: topics.map((topic) => presentTopic(topic, audience)) };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'createTopic',
        description:
          'Super admins only. The first topic becomes the default; `isDefault: true` moves the default here. 404 for an unknown team, 409 `TEAM_ARCHIVED` for an archived one, `SLUG_TAKEN` for a slug another topic has.',
        summary: 'Create a topic leading to a team',
        body: CreateTopicBody,
        response: { 201: Topic, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { viewer, audience } = callerOf(ctx, request);
      reply.code(201);
      return presentTopic(await createTopic(ctx, viewer, request.body), audience);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'updateTopic',
        description:
          'Super admins only. `isDefault: true` moves the default here (it is never unset: another topic takes it). Archiving the default hands it to the first remaining topic. Errors as for `createTopic`.',
        summary: 'Change, archive or restore a topic, or make it the default',
        params: IdParams,
        body: UpdateTopicBody,
        response: { 200: Topic, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      return presentTopic(
        await updateTopic(ctx, viewer, request.params.id, request.body),
        audience,
      );
    },
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'deleteTopic',
        description:
          'Super admins only. A topic chats were started with is archived instead: 409 `TOPIC_IN_USE` says so. Deleting the default hands it to the first remaining topic.',
        summary: 'Delete a topic no chat has',
        params: IdParams,
        response: { 204: noContent('Deleted'), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { viewer } = callerOf(ctx, request);
      await deleteTopic(ctx, viewer, request.params.id);
      return reply.code(204).send();
    },
  );
};

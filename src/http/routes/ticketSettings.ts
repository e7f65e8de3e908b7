// The desk's ticket settings: custom fields (read by everyone signed in, kept by super admins),
// SLA policies and business-hours calendars (super admins).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BusinessCalendar,
  CreateCalendarBody,
  CreateSlaPolicyBody,
  CreateTicketFieldBody,
  SlaPolicy,
  TicketField,
  UpdateCalendarBody,
  UpdateSlaPolicyBody,
  UpdateTicketFieldBody,
} from '../../shared/ticketSettingsApi.js';
import type { ServiceContext } from '../../services/context.js';
import {
  createCalendar,
  deleteCalendar,
  listCalendars,
  updateCalendar,
} from '../../services/tickets/businessCalendars.js';
import {
  createSlaPolicy,
  deleteSlaPolicy,
  listSlaPolicies,
  updateSlaPolicy,
} from '../../services/tickets/slaPolicies.js';
import {
  createTicketField,
  deleteTicketField,
  listTicketFields,
  updateTicketField,
} from '../../services/tickets/ticketFields.js';
import {
  presentCalendar,
  presentSlaPolicy,
  presentTicketField,
} from '../../services/tickets/ticketPresenters.js';
import { viewerOf } from '../auth.js';
import { errorResponses, IdParams, noContent } from './common.js';

const tags = ['ticket settings'];

export const ticketFieldRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listTicketFields',
        description:
          'Everyone signed in (a request form shows them): the custom fields in the order forms show them.',
        summary: 'The custom ticket fields',
        response: { 200: z.object({ items: z.array(TicketField) }), ...errorResponses(401) },
      },
    },
    async (request) => {
      viewerOf(request);
      return { items: (await listTicketFields(ctx)).map(presentTicketField) };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'createTicketField',
        description:
          'Super admins only. `key` (lower-case letters, digits and _, unique) and `type` never change; only the settings of its type may be given (`maxLength` for text; `min`, `max`, `integer` for a number; `options` for a select).',
        summary: 'Define a custom ticket field',
        body: CreateTicketFieldBody,
        response: { 201: TicketField, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const field = await createTicketField(ctx, viewerOf(request), request.body);
      reply.code(201);
      return presentTicketField(field);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'updateTicketField',
        description:
          'Super admins only: label, required, position and the settings of its type (null clears one). Values already stored are checked again at the next change of them.',
        summary: 'Change a custom ticket field',
        params: IdParams,
        body: UpdateTicketFieldBody,
        response: { 200: TicketField, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      presentTicketField(
        await updateTicketField(ctx, viewerOf(request), request.params.id, request.body),
      ),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'deleteTicketField',
        description:
          "Super admins only. Every ticket's value of it goes; the history keeps what was recorded.",
        summary: 'Delete a custom ticket field',
        params: IdParams,
        response: { 204: noContent('Deleted'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteTicketField(ctx, viewerOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};

export const slaPolicyRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listSlaPolicies',
        description: "Super admins only: the desk's default policy first, then the teams'.",
        summary: 'The SLA policies',
        response: { 200: z.object({ items: z.array(SlaPolicy) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => ({
      items: (await listSlaPolicies(ctx, viewerOf(request))).map(presentSlaPolicy),
    }),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'createSlaPolicy',
        description:
          'Super admins only. One policy per team and one for the desk (`teamId: null`, for tickets of teams without one): 409 `SLA_POLICY_EXISTS` otherwise. A business-hours clock needs a calendar (400); an unknown calendar or team is 404, an archived team 409.',
        summary: 'Create an SLA policy',
        body: CreateSlaPolicyBody,
        response: { 201: SlaPolicy, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const policy = await createSlaPolicy(ctx, viewerOf(request), request.body);
      reply.code(201);
      return presentSlaPolicy(policy);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'updateSlaPolicy',
        description:
          'Super admins only. A ticket is counted by the changed policy from its next change that moves its due times.',
        summary: 'Change an SLA policy',
        params: IdParams,
        body: UpdateSlaPolicyBody,
        response: { 200: SlaPolicy, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      presentSlaPolicy(
        await updateSlaPolicy(ctx, viewerOf(request), request.params.id, request.body),
      ),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'deleteSlaPolicy',
        description:
          'Super admins only. The tickets it covered show no SLA until their next change.',
        summary: 'Delete an SLA policy',
        params: IdParams,
        response: { 204: noContent('Deleted'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteSlaPolicy(ctx, viewerOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};

export const calendarRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listCalendars',
        description: 'Super admins only, by name.',
        summary: 'The business-hours calendars',
        response: {
          200: z.object({ items: z.array(BusinessCalendar) }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => ({
      items: (await listCalendars(ctx, viewerOf(request))).map(presentCalendar),
    }),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'createCalendar',
        description:
          'Super admins only. An IANA time zone, the shifts starting on each weekday (`HH:MM`; several for split shifts; an end at or before the start runs past midnight, `24:00` ends at midnight), and holidays as days or ranges. 400 names what is wrong, and a calendar with no open hours is refused.',
        summary: 'Create a business-hours calendar',
        body: CreateCalendarBody,
        response: { 201: BusinessCalendar, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const calendar = await createCalendar(ctx, viewerOf(request), request.body);
      reply.code(201);
      return presentCalendar(calendar);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'updateCalendar',
        description:
          'Super admins only. A ticket counts by the changed hours from its next change that moves its due times.',
        summary: 'Change a business-hours calendar',
        params: IdParams,
        body: UpdateCalendarBody,
        response: { 200: BusinessCalendar, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      presentCalendar(
        await updateCalendar(ctx, viewerOf(request), request.params.id, request.body),
      ),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'deleteCalendar',
        description:
          'Super admins only. A calendar an SLA policy counts on stays (409 `CALENDAR_IN_USE`).',
        summary: 'Delete a business-hours calendar',
        params: IdParams,
        response: { 204: noContent('Deleted'), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteCalendar(ctx, viewerOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};

// Agents: their own status (get_agent_status / update_agent_status), statistics
// (get_session_stats), and the list of all agents with status and load.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AgentDirectory,
  AgentState,
  AgentStats,
  DeskSettings,
  StatsQuery,
  UpdateAgentStatusBody,
} from '../../shared/api.js';
import type { ServiceContext } from '../../services/context.js';
import { listAgents } from '../../services/agents/agentDirectory.js';
import { agentStats } from '../../services/agents/agentStats.js';
import { getOwnAgentState, updateOwnAgentState } from '../../services/agents/agentStatus.js';
import { getDeskSettings } from '../../services/agents/deskSettings.js';
import { presentAgentState, presentDeskSettings } from '../../services/presenters.js';
import { viewerOf } from '../auth.js';
import { callerOf, errorResponses } from './common.js';

const tags = ['agents'];

export const agentRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listAgents',
        description:
          'Agents and super admins: every agent with their status, open chats, capacity and whether they are connected, and whether chats may be handed to an agent beyond their max, for picking whom to transfer a chat to.',
        summary: 'All agents with live status and load, and whether chats may go over their max',
        response: { 200: AgentDirectory, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const states = await listAgents(ctx, viewer);
      return {
        items: states.map((state) => presentAgentState(state, audience)),
        overCapacityAllowed: ctx.settings.allowTakeOverCapacity,
      };
    },
  );

  app.get(
    '/settings',
    {
      schema: {
        tags,
        operationId: 'getDeskSettings',
        description:
          "Agents and super admins: the deployment's settings that agents' pages follow, such as `replyOverdueSeconds` (REPLY_OVERDUE_SECONDS), after which a chat waiting for the agent's reply is highlighted.",
        summary: "The deployment's settings the agents' pages use (when a reply is overdue)",
        response: { 200: DeskSettings, ...errorResponses(401, 403) },
      },
    },
    (request) => presentDeskSettings(getDeskSettings(ctx, viewerOf(request))),
  );

  app.get(
    '/me',
    {
      schema: {
        tags,
        operationId: 'getAgentStatus',
        description:
          "Agents only (403 for customers): the caller's own status, capacity and auto-assign setting.",
        summary: "get_agent_status: the caller's status, max concurrent chats and auto-assign",
        response: { 200: AgentState, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      return presentAgentState(await getOwnAgentState(ctx, viewer), audience);
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags,
        operationId: 'updateAgentStatus',
        description:
          'Agents only. Going online, raising the maximum or turning auto-assign on lets the queue route waiting chats to the caller at once.',
        summary: 'update_agent_status: change status, max concurrent chats (1-10) or auto-assign',
        body: UpdateAgentStatusBody,
        response: { 200: AgentState, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      return presentAgentState(await updateOwnAgentState(ctx, viewer, request.body), audience);
    },
  );

  app.get(
    '/me/stats',
    {
      schema: {
        tags,
        operationId: 'getSessionStats',
        description:
          "Agents only: chats handled, average first response time and rating, today (in the caller's time zone, from `tzOffsetMinutes`) and overall, with the current active and waiting counts.",
        summary: "get_session_stats: the caller's chats handled, first response time and rating",
        querystring: StatsQuery,
        response: { 200: AgentStats, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => agentStats(ctx, viewerOf(request), request.query.tzOffsetMinutes),
  );
};

// Teams: list, create, read, change (rename, archive), delete, members and leads, and the
// team's agents with their load (for its leads).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateTeamBody,
  ListTeamsQuery,
  Team,
  TeamAgent,
  TeamMemberBody,
  TeamMemberParams,
  UpdateTeamBody,
} from '../../shared/teamsApi.js';
import type { ServiceContext } from '../../services/context.js';
import { presentTeam, presentTeamAgent } from '../../services/presenters.js';
import { listTeamAgents } from '../../services/teams/teamAgents.js';
import {
  createTeam,
  deleteTeam,
  getTeam,
  listTeams,
  removeTeamMember,
  setTeamMember,
  updateTeam,
} from '../../services/teams/teams.js';
import { callerOf, errorResponses, IdParams, noContent } from './common.js';

const tags = ['teams'];

export const teamRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'listTeams',
        description:
          'Agents only: the teams by name, each with its members and leads and where its chats overflow to. Archived teams only for super admins who ask (`includeArchived=true`).',
        summary: 'The teams (departments) with their agents and leads',
        querystring: ListTeamsQuery,
        response: { 200: z.object({ items: z.array(Team) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const teams = await listTeams(ctx, viewer, request.query);
      return { items: teams.map((team) => presentTeam(team, audience)) };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'createTeam',
        description: 'Super admins only. A new team has no members.',
        summary: 'Create a team',
        body: CreateTeamBody,
        response: { 201: Team, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { viewer, audience } = callerOf(ctx, request);
      reply.code(201);
      return presentTeam(await createTeam(ctx, viewer, request.body), audience);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'getTeam',
        description: 'Agents only; an archived team is found by super admins only.',
        summary: 'One team with its members',
        params: IdParams,
        response: { 200: Team, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      return presentTeam(await getTeam(ctx, viewer, request.params.id), audience);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'updateTeam',
        description:
          'Super admins only: name, description, `overflow`, and `archived`. `overflow` names a fallback team and a delay (10 s to 24 h): a chat of this team that has waited that long (from its start) may also be routed to the fallback team’s agents, keeping its place in the queue, and never on to the fallback team’s own fallback; `null` removes it. The fallback must be another team (400 `VALIDATION_FAILED` on `overflow.teamId`), one that exists (404) and is not archived (409 `TEAM_ARCHIVED`). Archiving keeps the team’s chats (and their team name) and is refused with 409 `TEAM_IN_USE` while active topics lead to the team or teams not archived overflow to it; `archived: false` restores it.',
        summary: 'Rename, describe, set the overflow of, archive or restore a team',
        params: IdParams,
        body: UpdateTeamBody,
        response: { 200: Team, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      return presentTeam(await updateTeam(ctx, viewer, request.params.id, request.body), audience);
    },
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        operationId: 'deleteTeam',
        description:
          'Super admins only. Only a team no chat, no topic and no other team’s overflow refers to is deleted; a team with chats is archived instead (`updateTeam` with `archived: true`): 409 `TEAM_IN_USE` says so.',
        summary: 'Delete a team nothing refers to',
        params: IdParams,
        response: { 204: noContent('Deleted'), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { viewer } = callerOf(ctx, request);
      await deleteTeam(ctx, viewer, request.params.id);
      return reply.code(204).send();
    },
  );

  app.put(
    '/:id/members/:agentId',
    {
      schema: {
        tags,
        operationId: 'setTeamMember',
        description:
          'Super admins only: adds the agent to the team, or changes whether they lead it (`isLead`). An agent may be in several teams. 404 when `agentId` is not an active agent, 409 `TEAM_ARCHIVED` for an archived team.',
        summary: 'Add an agent to a team, or set whether they lead it',
        params: TeamMemberParams,
        body: TeamMemberBody,
        response: { 200: Team, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const team = await setTeamMember(ctx, viewer, {
        teamId: request.params.id,
        agentId: request.params.agentId,
        ...request.body,
      });
      return presentTeam(team, audience);
    },
  );

  app.delete(
    '/:id/members/:agentId',
    {
      schema: {
        tags,
        operationId: 'removeTeamMember',
        description:
          'Super admins only. The agent keeps the chats they have; 404 when they are not a member.',
        summary: 'Take an agent out of a team',
        params: TeamMemberParams,
        response: { 200: Team, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const team = await removeTeamMember(ctx, viewer, {
        teamId: request.params.id,
        agentId: request.params.agentId,
      });
      return presentTeam(team, audience);
    },
  );

  app.get(
    '/:id/agents',
    {
      schema: {
        tags,
        operationId: 'listTeamAgents',
        description:
          "The team's leads and super admins: its agents with their status, connection and open chats. Other agents get 403.",
        summary: "A team's agents and their load (team leads)",
        params: IdParams,
        response: {
          200: z.object({ items: z.array(TeamAgent) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const { viewer, audience } = callerOf(ctx, request);
      const agents = await listTeamAgents(ctx, viewer, request.params.id);
      return { items: agents.map((agent) => presentTeamAgent(agent, audience)) };
    },
  );
};

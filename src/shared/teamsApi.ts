// The REST API's teams and topics as zod schemas: teams (departments) with their agents and
// leads, and the topics customers pick when they start a chat, each leading to one team.
import { z } from 'zod';
import { AgentState, Id, isoTime, NamedRef, optionalText, Person, text } from './api.js';
import { LIMITS } from './vocabulary.js';

export const TeamMember = z.object({ agent: Person, isLead: z.boolean() });
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamOverflow = z
  .object({
    team: NamedRef.describe('the fallback team'),
    afterSeconds: z.number().int().describe('how long a chat waits before it overflows'),
  })
  .describe(
    "a chat of this team that has waited `afterSeconds` may also go to the fallback team's agents, keeping its place in the queue; one hop: never on to the fallback team's own fallback",
  );
export type TeamOverflow = z.infer<typeof TeamOverflow>;

export const Team = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  archived: z.boolean(),
  overflow: TeamOverflow.nullable().describe('null: the team’s chats go to its agents only'),
  openingHours: NamedRef.nullable().describe(
    'the business calendar of its live chat’s opening hours; null: always open',
  ),
  members: z.array(TeamMember).describe('agents by name; a team lead has `isLead`'),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Team = z.infer<typeof Team>;

/** A team's agents with their status and load, as its leads see them. */
export const TeamAgent = AgentState.extend({ isLead: z.boolean() });
export type TeamAgent = z.infer<typeof TeamAgent>;

export const Topic = z.object({
  id: Id,
  slug: z.string().describe('the topic in links (`/?topic=<slug>`) and in the SSO claim `topic`'),
  name: z.string(),
  team: NamedRef.nullable().describe('the team its chats go to; null for customers'),
  isDefault: z.boolean().describe('the topic of a chat started without one'),
  position: z.number().int().describe('the start form lists topics by position, then name'),
  archived: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Topic = z.infer<typeof Topic>;

// ---- requests ----

const teamName = text(LIMITS.teamName);
const description = optionalText(LIMITS.teamDescription);

export const CreateTeamBody = z.object({ name: teamName, description: description.default('') });
export type CreateTeamBody = z.infer<typeof CreateTeamBody>;

const { min: minOverflow, max: maxOverflow } = LIMITS.overflowSeconds;

export const OverflowBody = z.object({
  teamId: Id.describe('the fallback team: another team, not archived'),
  afterSeconds: z
    .number()
    .int('must be a whole number of seconds')
    .min(minOverflow, `must be at least ${minOverflow} seconds`)
    .max(maxOverflow, `must be at most ${maxOverflow} seconds (24 hours)`),
});

export const UpdateTeamBody = z
  .object({
    name: teamName,
    description,
    overflow: OverflowBody.nullable().describe(
      "after `afterSeconds` of waiting, the team's chats may also go to the agents of team `teamId`; null: no overflow",
    ),
    openingHoursCalendarId: Id.nullable().describe(
      'a business calendar (`/api/v1/calendars`) as its live chat’s opening hours: outside them a chat cannot be started and customers are offered the offline form; null: always open',
    ),
    archived: z
      .boolean()
      .describe(
        'an archived team keeps its chats and takes no new topics; 409 while topics lead to it',
      ),
  })
  .partial();
export type UpdateTeamBody = z.infer<typeof UpdateTeamBody>;

export const TeamMemberParams = z.object({ id: Id, agentId: Id });

export const TeamMemberBody = z.object({
  isLead: z
    .boolean()
    .default(false)
    .describe('a team lead monitors and reassigns the team’s chats'),
});
export type TeamMemberBody = z.infer<typeof TeamMemberBody>;

/** Lowercase letters, digits and dashes: what a link or an SSO claim carries unchanged. */
export const TopicSlug = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.topicSlug, `must be at most ${LIMITS.topicSlug} characters`)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes only');

export const CreateTopicBody = z.object({
  name: text(LIMITS.topicName),
  slug: TopicSlug,
  teamId: Id,
  isDefault: z
    .boolean()
    .default(false)
    .describe('become the default topic (the first topic always does)'),
  position: z.number().int().min(0).max(1000).default(0),
});
export type CreateTopicBody = z.infer<typeof CreateTopicBody>;

export const UpdateTopicBody = z
  .object({
    name: text(LIMITS.topicName),
    slug: TopicSlug,
    teamId: Id,
    isDefault: z
      .literal(true)
      .describe('make this the default topic; the default moves, it is never unset'),
    position: z.number().int().min(0).max(1000),
    archived: z.boolean(),
  })
  .partial();
export type UpdateTopicBody = z.infer<typeof UpdateTopicBody>;

export const ListTeamsQuery = z.object({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('super admins: archived teams too'),
});

export const ListTopicsQuery = z.object({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('super admins: archived topics too'),
});

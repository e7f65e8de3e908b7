// Live chat's opening hours and the offline form: what the start form asks before a chat, and
// the message a customer leaves instead when nobody can chat now. Shared by server and browser.
import { z } from 'zod';
import { emailAddress, Id, isoTime } from './api.js';
import { CreateTicketBody } from './ticketsApi.js';

export const LiveChatState = z
  .enum(['available', 'closed', 'no_agents'])
  .describe(
    '`available`: the team is open and an agent has room; `closed`: outside its opening hours (starting a chat is refused, 409 `TEAM_CLOSED`); `no_agents`: open, but nobody online with room (a chat may still wait)',
  );
export type LiveChatState = z.infer<typeof LiveChatState>;

export const TopicAvailability = z.object({
  topicId: Id,
  state: LiveChatState,
  opensAt: isoTime.nullable().describe('when closed: the next opening; null otherwise'),
  timeZone: z
    .string()
    .nullable()
    .describe('the zone of the team’s opening hours; null: always open'),
});
export type TopicAvailability = z.infer<typeof TopicAvailability>;

export const AvailabilityQuery = z.object({
  topicId: Id.optional().describe('only this topic (400 for one that cannot be picked)'),
});

export const OfflineMessageBody = CreateTicketBody.pick({
  subject: true,
  message: true,
  topicId: true,
  fields: true,
}).extend({
  email: emailAddress
    .optional()
    .describe('a visitor’s address to be answered at; required of a visitor who has left none'),
  timeZone: z
    .string()
    .max(64)
    .optional()
    .describe('the customer’s IANA time zone, for the opening time in the automatic reply'),
});
export type OfflineMessageBody = z.infer<typeof OfflineMessageBody>;

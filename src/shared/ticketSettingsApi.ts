// The REST API's ticket settings as zod schemas: custom ticket fields, business-hours calendars
// and SLA policies, which super admins keep (docs/tickets.md).
import { z } from 'zod';
import { Id, isoTime, NamedRef, text } from './api.js';
import { LIMITS, PRIORITIES } from './vocabulary.js';

// ---- settings: custom fields ----

const CUSTOM_FIELD_TYPES = ['text', 'number', 'select', 'checkbox'] as const;

export const TicketField = z.object({
  id: Id,
  key: z.string().describe('the field in `fields` of a ticket'),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  required: z.boolean(),
  maxLength: z.number().int().nullable().describe('text: at most this many characters'),
  min: z.number().nullable().describe('number: the least value'),
  max: z.number().nullable().describe('number: the greatest value'),
  integer: z.boolean().describe('number: whole numbers only'),
  options: z.array(z.string()).nullable().describe('select: the choices'),
  position: z.number().int(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type TicketField = z.infer<typeof TicketField>;

const fieldSettings = {
  label: text(LIMITS.fieldLabel),
  required: z.boolean(),
  maxLength: z.number().int().min(1).max(LIMITS.ticketMessage).nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  integer: z.boolean(),
  options: z.array(text(LIMITS.fieldOption)).max(LIMITS.fieldOptions).nullable(),
  position: z.number().int().min(0).max(1000),
};

export const CreateTicketFieldBody = z.object({
  key: z
    .string()
    .max(40)
    .describe('lower-case letters, digits and _, starting with a letter; never changes'),
  type: z.enum(CUSTOM_FIELD_TYPES),
  label: fieldSettings.label,
  required: fieldSettings.required.default(false),
  maxLength: fieldSettings.maxLength.default(null),
  min: fieldSettings.min.default(null),
  max: fieldSettings.max.default(null),
  integer: fieldSettings.integer.default(false),
  options: fieldSettings.options.default(null),
  position: fieldSettings.position.default(0),
});
export type CreateTicketFieldBody = z.infer<typeof CreateTicketFieldBody>;

export const UpdateTicketFieldBody = z.object(fieldSettings).partial();
export type UpdateTicketFieldBody = z.infer<typeof UpdateTicketFieldBody>;

// ---- settings: business calendars ----

const Shift = z.object({
  start: z.string().max(5).describe('`HH:MM`'),
  end: z.string().max(5).describe('`HH:MM`, `24:00`; at or before the start: past midnight'),
});
const day = z.array(Shift).max(6);
const WeeklyHours = z
  .strictObject({
    mon: day.optional(),
    tue: day.optional(),
    wed: day.optional(),
    thu: day.optional(),
    fri: day.optional(),
    sat: day.optional(),
    sun: day.optional(),
  })
  .describe('the shifts starting on each weekday; a missing day is closed');
const Holiday = z.union([
  z.string().max(10).describe('`YYYY-MM-DD`'),
  z.object({ from: z.string().max(10), to: z.string().max(10) }).describe('a break, both ends in'),
]);

export const BusinessCalendar = z.object({
  id: Id,
  name: z.string(),
  timeZone: z.string().describe('IANA, e.g. `Africa/Accra`'),
  weeklyHours: WeeklyHours,
  holidays: z.array(Holiday),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

const calendarFields = {
  name: text(LIMITS.calendarName),
  timeZone: text(64),
  weeklyHours: WeeklyHours,
  holidays: z.array(Holiday).max(LIMITS.holidays),
};

export const CreateCalendarBody = z.object({
  ...calendarFields,
  holidays: calendarFields.holidays.default([]),
});
export type CreateCalendarBody = z.infer<typeof CreateCalendarBody>;

export const UpdateCalendarBody = z.object(calendarFields).partial();
export type UpdateCalendarBody = z.infer<typeof UpdateCalendarBody>;

// ---- settings: SLA policies ----

const minutes = z.number().int().min(1).max(525_600).nullable();
const SlaTargets = z.object({
  firstResponseMinutes: minutes.describe('creation to the first public agent reply; null: none'),
  nextResponseMinutes: minutes
    .optional()
    .describe(
      "a requester's reply awaiting the desk to its next public reply; absent or null: none",
    ),
  resolutionMinutes: minutes.describe('time the desk holds the ticket until solved; null: none'),
});
const targetsByPriority = z
  .strictObject(
    Object.fromEntries(PRIORITIES.map((p) => [p, SlaTargets.optional()])) as Record<
      (typeof PRIORITIES)[number],
      z.ZodOptional<typeof SlaTargets>
    >,
  )
  .describe('per priority; a priority without targets has no SLA');

export const SlaPolicy = z.object({
  id: Id,
  name: z.string(),
  team: NamedRef.nullable().describe("the team whose tickets it covers; null: the desk's default"),
  clock: z.enum(['business', 'calendar']),
  calendarId: Id.nullable(),
  targets: targetsByPriority,
  atRiskFraction: z.number(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

const policyFields = {
  name: text(LIMITS.slaPolicyName),
  teamId: Id.nullable().describe("the team's policy; null: the desk's default (one each)"),
  clock: z
    .enum(['business', 'calendar'])
    .describe('`business`: minutes count in the calendar’s open hours; `calendar`: all day'),
  calendarId: Id.nullable().describe('the business-hours calendar (required for `business`)'),
  targets: targetsByPriority,
  atRiskFraction: z.number().min(0).lt(1).describe('"at risk" with this share of a target left'),
};

export const CreateSlaPolicyBody = z.object({
  ...policyFields,
  teamId: policyFields.teamId.default(null),
  clock: policyFields.clock.default('business'),
  calendarId: policyFields.calendarId.default(null),
  atRiskFraction: policyFields.atRiskFraction.default(0.2),
});
export type CreateSlaPolicyBody = z.infer<typeof CreateSlaPolicyBody>;

export const UpdateSlaPolicyBody = z.object(policyFields).partial();
export type UpdateSlaPolicyBody = z.infer<typeof UpdateSlaPolicyBody>;

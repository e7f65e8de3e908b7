// Tickets, their messages and history, and the ticket settings as they leave the server, field by
// field, shaped for whoever is looking (presenters.ts's rules): the requester sees the desk by
// name, and never its tags, team or SLA standing.
import { isAgent, ticketPolicy } from '../../domain/policies.js';
import { slaStateAt } from '../../domain/tickets/slaStatus.js';
import type { SlaState } from '../../domain/tickets/slaStatus.js';
import type { BusinessCalendar, SlaPolicy, TicketField } from '../../shared/ticketSettingsApi.js';
import type { Ticket, TicketEvent, TicketMessage, TicketSla } from '../../shared/ticketsApi.js';
import type { TicketSatisfaction } from '../../shared/ticketSurveysApi.js';
import type { TicketRow, TicketSurveyRow } from '../../storage/schema.js';
import type {
  CalendarRecord,
  SlaPolicyRecord,
} from '../../storage/repositories/tickets/slaPolicies.js';
import type { TicketEventRecord } from '../../storage/repositories/tickets/ticketEvents.js';
import type {
  FieldSettings,
  TicketFieldRecord,
} from '../../storage/repositories/tickets/ticketFields.js';
import type { TicketMessageRecord } from '../../storage/repositories/tickets/ticketMessages.js';
import type { TicketRecord } from '../../storage/repositories/tickets/ticketRecords.js';
import {
  FAN_OUT,
  iso,
  isoOrNull,
  presentFile,
  presentPerson,
  type Audience,
} from '../presenters.js';
import type { TicketEventValue } from './ticketChanges.js';

const seesDeskDetails = (audience: Audience) =>
  audience === FAN_OUT || ticketPolicy.seeDeskDetails(audience.viewer);

function target(state: SlaState | null, dueAt: number | null, now: number) {
  if (state === null) return null;
  const due = dueAt === null ? null : new Date(dueAt);
  return { state: slaStateAt(state, due, new Date(now)), dueAt: isoOrNull(dueAt) };
}

function presentSla(row: TicketRow, now: number): TicketSla | null {
  if (row.sla_policy_id === null) return null;
  return {
    policyId: row.sla_policy_id,
    firstResponse: target(row.first_response_state, row.first_response_due_at, now),
    nextResponse: target(row.next_response_state, row.next_response_due_at, now),
    resolution: target(row.resolution_state, row.resolution_due_at, now),
  };
}

/** A ticket as `audience` sees it at `now` (a target whose due time has passed is breached). */
export function presentTicket(record: TicketRecord, audience: Audience, now: number): Ticket {
  const { row } = record;
  const desk = seesDeskDetails(audience);
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    requester: presentPerson(record.requester, audience),
    assignee: record.assignee && presentPerson(record.assignee, audience),
    team: desk && record.team ? { id: record.team.id, name: record.team.name } : null,
    tags: desk ? record.tags : [],
    fields: record.fields,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    firstRespondedAt: isoOrNull(row.first_responded_at),
    solvedAt: isoOrNull(row.solved_at),
    closedAt: isoOrNull(row.closed_at),
    mergedInto: record.mergedInto,
    followUpOf: record.followUpOf,
    chatIds: record.chatIds,
    sla: desk ? presentSla(row, now) : null,
    ...(desk ? { satisfaction: presentSatisfaction(record.survey) } : {}),
  };
}

/** The answer to the ticket's survey, as the desk sees it beside the ticket. */
function presentSatisfaction(survey: TicketSurveyRow | null): TicketSatisfaction {
  if (!survey) return null;
  return {
    rating: survey.rating,
    comment: survey.comment,
    answeredAt: isoOrNull(survey.answered_at),
    surveyedAt: iso(survey.solved_at),
    expiresAt: iso(survey.expires_at),
  };
}

export const presentTicketMessage = (
  { row, author, files, fromMail }: TicketMessageRecord,
  audience: Audience,
): TicketMessage => ({
  id: row.id,
  ticketId: row.ticket_id,
  originTicketId: row.origin_ticket_id,
  kind: row.kind,
  body: row.body,
  author: author && presentPerson(author, audience),
  clientId: row.client_id,
  createdAt: iso(row.created_at),
  files: (files ?? []).map(presentFile),
  // The list shows a thread to those who see the ticket: an agent among them may read originals.
  originalMail: fromMail === true && audience !== FAN_OUT && isAgent(audience.viewer),
});

const parseValue = (json: string | null): TicketEventValue =>
  json === null ? null : (JSON.parse(json) as TicketEventValue);

export const presentTicketEvent = (
  { row, actor }: TicketEventRecord,
  audience: Audience,
): TicketEvent => ({
  id: row.id,
  ticketId: row.ticket_id,
  kind: row.kind,
  field: row.field,
  from: parseValue(row.from_value),
  to: parseValue(row.to_value),
  actor: actor && presentPerson(actor, audience),
  createdAt: iso(row.created_at),
});

export function presentTicketField({ row }: TicketFieldRecord): TicketField {
  const settings = JSON.parse(row.settings) as FieldSettings;
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    type: row.type,
    required: row.required === 1,
    maxLength: settings.maxLength ?? null,
    min: settings.min ?? null,
    max: settings.max ?? null,
    integer: settings.integer ?? false,
    options: settings.options ?? null,
    position: row.position,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export const presentCalendar = ({ row, calendar }: CalendarRecord): BusinessCalendar => ({
  id: row.id,
  name: row.name,
  timeZone: calendar.timeZone,
  weeklyHours: calendar.weeklyHours as BusinessCalendar['weeklyHours'],
  holidays: [...(calendar.holidays ?? [])],
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

export const presentSlaPolicy = ({ row, policy, team }: SlaPolicyRecord): SlaPolicy => ({
  id: row.id,
  name: row.name,
  team: team && { id: team.id, name: team.name },
  clock: row.clock,
  calendarId: row.calendar_id,
  targets: policy.targets as SlaPolicy['targets'],
  atRiskFraction: row.at_risk_fraction,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

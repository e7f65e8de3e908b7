// Someone changes a ticket: the desk its subject, status, priority, team, assignee, tags and
// custom fields; the requester only marks it solved or reopens it. Every change goes through the
// workflow (domain/tickets/ticketWorkflow.ts) and the field rules, is written to the history
// with who and when, moves the SLA due times when it can, and is announced after commit.
import { AppError, forbidden } from '../../domain/errors.js';
import { ticketPolicy, type Viewer } from '../../domain/policies.js';
import { priorityRank } from '../../domain/routing.js';
import { nextTicketStatus, type TicketStatus } from '../../domain/tickets/ticketWorkflow.js';
import type { UpdateTicketBody } from '../../shared/ticketsApi.js';
import { LIMITS } from '../../shared/vocabulary.js';
import type { TicketRow } from '../../storage/schema.js';
import { insertTicketEvents } from '../../storage/repositories/tickets/ticketEvents.js';
import {
  fieldValuesByTicket,
  listTicketFields,
  writeFieldValues,
} from '../../storage/repositories/tickets/ticketFields.js';
import {
  findTicketRecord,
  type TicketRecord,
} from '../../storage/repositories/tickets/ticketRecords.js';
import { replaceTicketTags, tagsByTicket } from '../../storage/repositories/tickets/tickets.js';
import { findTeam } from '../../storage/repositories/teams.js';
import type { Db } from '../../storage/store.js';
import { commit, type ServiceContext } from '../context.js';
import { mailTicketChange } from '../mail/ticketMail/ticketMailTriggers.js';
import { assertTeamOpen } from '../teams/openTeam.js';
import { withTeams } from '../teams/teamLeads.js';
import { assigneeFor, factsOf, loadTicketFor } from './ticketAccess.js';
import {
  announceTicketUpdated,
  changesOf,
  eventRows,
  type TicketEventChange,
} from './ticketChanges.js';
import { checkedFieldValues } from './ticketFields.js';
import { refreshSla } from './ticketSla.js';
import { movedStatus, saveTicket } from './ticketWrites.js';

export interface UpdateTicketProps {
  viewer: Viewer;
  ticketId: string;
  changes: UpdateTicketBody;
  /**
   * Tags to add to and remove from the ticket's own (a bulk action), read under the ticket's
   * lock; instead of `changes.tags`, which replaces them all.
   */
  tagEdit?: { add: readonly string[]; remove: readonly string[] } | undefined;
}

const closedTicket = () =>
  new AppError('TICKET_CLOSED', 'This ticket is closed; reply to create a follow-up');

export function updateTicket(ctx: ServiceContext, props: UpdateTicketProps): Promise<TicketRecord> {
  const { changes } = props;
  return commit(ctx, async (trx, outbox) => {
    const access = await loadTicketFor(trx, props.viewer, props.ticketId, { lock: ctx.store });
    const before = access.row;
    const now = ctx.clock.now();
    const asked = (Object.keys(changes) as Array<keyof UpdateTicketBody>).filter(
      (key) => changes[key] !== undefined,
    );
    if (props.tagEdit) asked.push('tags');
    const desk = ticketPolicy.work(access.viewer, access.facts);
    let after: TicketRow;
    const events: TicketEventChange[] = [];
    if (!desk) {
      after = requesterChange(before, asked, changes.status, now, events);
    } else {
      if (asked.length > 0 && before.status === 'closed') throw closedTicket();
      const viewer = await withTeams(trx, props.viewer);
      after = await deskChanges(trx, viewer, before, changes, now, events);
      await changeTags(trx, before, changes.tags, now, events, props.tagEdit);
      await changeFields(trx, before, changes.fields, events);
    }
    if (events.length > 0) {
      // Only what the requester sees moves the last update: the desk's tags and team do not.
      if (events.some((e) => e.kind !== 'tags' && e.kind !== 'team'))
        after = { ...after, updated_at: now };
      await saveTicket(trx, before, after);
      await insertTicketEvents(trx, eventRows(ctx, before.id, props.viewer.id, events, now));
      if (events.some((e) => ['status', 'priority', 'team'].includes(e.kind))) {
        after = await refreshSla(trx, after, now);
      }
      announceTicketUpdated(outbox, after, changesOf(events));
      await mailTicketChange(trx, ctx, outbox, { before, after, actorId: props.viewer.id });
    }
    return (await findTicketRecord(trx, before.id))!;
  });
}

/** The requester marks their request solved, or reopens it once solved; nothing else. */
function requesterChange(
  before: TicketRow,
  asked: readonly string[],
  status: TicketStatus | undefined,
  now: number,
  events: TicketEventChange[],
): TicketRow {
  if (asked.some((key) => key !== 'status')) {
    throw forbidden('You may mark your request solved or reopen it; the desk changes the rest');
  }
  if (status === undefined) return before;
  let to: TicketStatus;
  if (status === 'solved')
    to = nextTicketStatus(before.status, { type: 'requesterSolve' }) as TicketStatus;
  else if (status === 'open' && before.status === 'solved') {
    to = nextTicketStatus(before.status, { type: 'setStatus', status: 'open' }) as TicketStatus;
  } else if (before.status === 'closed') throw closedTicket();
  else throw forbidden('You may mark your request solved, or reopen it once it is solved');
  const moved = movedStatus(before, to, now);
  if (moved.change) events.push(moved.change);
  return moved.row;
}

const teamRef = async (db: Db, teamId: string | null) => {
  if (teamId === null) return null;
  const team = await findTeam(db, teamId);
  return team ? { id: team.row.id, name: team.row.name } : null;
};

/** Subject, priority, team, assignee and status, in that order: an assignment opens a new ticket. */
async function deskChanges(
  trx: Db,
  viewer: Viewer,
  before: TicketRow,
  changes: UpdateTicketBody,
  now: number,
  events: TicketEventChange[],
): Promise<TicketRow> {
  let after = before;
  if (changes.subject !== undefined && changes.subject !== before.subject) {
    events.push({ kind: 'subject', from: before.subject, to: changes.subject });
    after = { ...after, subject: changes.subject };
  }
  if (changes.priority !== undefined && changes.priority !== before.priority) {
    events.push({ kind: 'priority', from: before.priority, to: changes.priority });
    after = { ...after, priority: changes.priority, priority_rank: priorityRank(changes.priority) };
  }
  if (changes.teamId !== undefined && changes.teamId !== before.team_id) {
    if (changes.teamId !== null) await assertTeamOpen(trx, changes.teamId);
    events.push({
      kind: 'team',
      from: await teamRef(trx, before.team_id),
      to: await teamRef(trx, changes.teamId),
    });
    after = { ...after, team_id: changes.teamId };
  }
  let status = before.status;
  if (changes.assigneeId !== undefined && changes.assigneeId !== before.assignee_id) {
    const assignee = changes.assigneeId ? await assigneeFor(trx, changes.assigneeId) : null;
    // Judged on the team the ticket now has: a lead may move it to their team and assign it.
    if (
      !ticketPolicy.assign(
        viewer,
        { ...factsOf(after), assigneeId: before.assignee_id },
        changes.assigneeId,
      )
    ) {
      throw forbidden('Only super admins and the team’s leads give a ticket to someone else');
    }
    const from = before.assignee_id
      ? await assigneeFor(trx, before.assignee_id).catch(() => null)
      : null;
    events.push({
      kind: 'assignee',
      from: from && { id: from.id, name: from.name },
      to: assignee && { id: assignee.id, name: assignee.name },
    });
    after = { ...after, assignee_id: changes.assigneeId };
    if (assignee) status = nextTicketStatus(status, { type: 'assign' }) as TicketStatus;
  }
  if (changes.status !== undefined && changes.status !== status) {
    status = nextTicketStatus(status, {
      type: 'setStatus',
      status: changes.status,
    }) as TicketStatus;
  } else if (changes.status !== undefined) {
    // Asking for the status it has is no change, but one the desk may not set is still refused.
    nextTicketStatus(status, { type: 'setStatus', status: changes.status });
  }
  const moved = movedStatus(after, status, now);
  if (moved.change) events.push(moved.change);
  return moved.row;
}

async function changeTags(
  trx: Db,
  before: TicketRow,
  tags: readonly string[] | undefined,
  now: number,
  events: TicketEventChange[],
  edit?: UpdateTicketProps['tagEdit'],
): Promise<void> {
  if (tags === undefined && !edit) return;
  const current = (await tagsByTicket(trx, [before.id])).get(before.id) ?? [];
  const asked = edit
    ? [...current, ...edit.add].filter((tag) => !edit.remove.includes(tag))
    : (tags ?? []);
  const next = [...new Set(asked)].sort();
  if (next.length > LIMITS.tagsPerTicket) {
    throw new AppError(
      'VALIDATION_FAILED',
      `At most ${LIMITS.tagsPerTicket} tags a ticket`,
      'tags',
    );
  }
  if (next.join('\u0000') === current.join('\u0000')) return;
  await replaceTicketTags(trx, before.id, next, now);
  events.push({ kind: 'tags', from: current, to: next });
}

/** The values asked for (null clears one) over the current ones, checked as a whole. */
async function changeFields(
  trx: Db,
  before: TicketRow,
  asked: Record<string, string | number | boolean | null> | undefined,
  events: TicketEventChange[],
): Promise<void> {
  if (asked === undefined) return;
  const current = (await fieldValuesByTicket(trx, [before.id])).get(before.id) ?? {};
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(asked)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  const checked = checkedFieldValues(await listTicketFields(trx), merged);
  const writes = checked.filter(({ key, value }) => value !== current[key]);
  await writeFieldValues(trx, before.id, writes);
  for (const { key, value } of writes) {
    events.push({ kind: 'field', field: key, from: current[key] ?? null, to: value ?? null });
  }
}

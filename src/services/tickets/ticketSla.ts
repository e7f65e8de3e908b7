// A ticket's SLA due times and states, counted again (domain/tickets/slaStatus.ts on the policy's
// clock) and stored on the ticket by every change that can move them: creation, a reply, a
// status, priority or team change, a merge, an edit of its policy or calendar (slaRecounts.ts).
// The policy is the ticket's team's, else the desk's. With them, when the SLA sweep must look at
// the ticket next (`sla_check_at`), and the first response and resolution times in business
// hours for the reports.
import {
  businessMinutesBetween,
  type BusinessCalendar,
} from '../../domain/tickets/businessCalendar.js';
import { latestResponseCycle } from '../../domain/tickets/responseCycle.js';
import { slaAlertsDue, type RunningTarget } from '../../domain/tickets/slaAlerts.js';
import { slaStatus, type SlaTargetStatus } from '../../domain/tickets/slaStatus.js';
import { RUNNING_STATUSES } from '../../domain/tickets/ticketWorkflow.js';
import type { TicketRow } from '../../storage/schema.js';
import { policyForTeam } from '../../storage/repositories/tickets/slaPolicies.js';
import { publicReplies } from '../../storage/repositories/tickets/ticketMessages.js';
import { statusHistory } from '../../storage/repositories/tickets/ticketEvents.js';
import { updateTicket } from '../../storage/repositories/tickets/tickets.js';
import type { Db } from '../../storage/store.js';

type SlaColumns = Pick<
  TicketRow,
  | 'sla_policy_id'
  | 'first_response_due_at'
  | 'first_response_state'
  | 'next_response_due_at'
  | 'next_response_state'
  | 'resolution_due_at'
  | 'resolution_state'
  | 'next_due_at'
  | 'sla_check_at'
  | 'first_response_business_ms'
  | 'resolution_business_ms'
>;

const NO_SLA: Omit<SlaColumns, 'first_response_business_ms' | 'resolution_business_ms'> = {
  sla_policy_id: null,
  first_response_due_at: null,
  first_response_state: null,
  next_response_due_at: null,
  next_response_state: null,
  resolution_due_at: null,
  resolution_state: null,
  next_due_at: null,
  sla_check_at: null,
};

/**
 * The first response and resolution times in business hours on `calendar` (none: open around
 * the clock), counted once when the response or the solve happens and kept; a reopen forgets the
 * resolution, the next solve counts it again.
 */
function businessDurations(
  row: TicketRow,
  calendar: BusinessCalendar | null,
): Pick<TicketRow, 'first_response_business_ms' | 'resolution_business_ms'> {
  const between = (from: number, to: number) =>
    calendar
      ? Math.round(businessMinutesBetween(calendar, new Date(from), new Date(to)) * 60_000)
      : Math.max(0, to - from);
  const solved = row.solved_at !== null && (row.status === 'solved' || row.status === 'closed');
  return {
    first_response_business_ms:
      row.first_responded_at === null
        ? null
        : (row.first_response_business_ms ?? between(row.created_at, row.first_responded_at)),
    resolution_business_ms: solved
      ? (row.resolution_business_ms ?? between(row.created_at, row.solved_at!))
      : null,
  };
}

const dueMs = (target: SlaTargetStatus | null) => target?.dueAt?.getTime() ?? null;

export interface SlaStanding {
  columns: SlaColumns;
  /** The targets whose clocks run now, for the sweep's alerts. */
  running: RunningTarget[];
}

/** The SLA columns of `row` at `now`, counted from its status history (written beforehand). */
export async function slaColumnsFor(db: Db, row: TicketRow, now: number): Promise<SlaColumns> {
  return (await slaStandingFor(db, row, now)).columns;
}

/** The ticket's SLA at `now`: its columns and its running targets. */
export async function slaStandingFor(db: Db, row: TicketRow, now: number): Promise<SlaStanding> {
  const covering = await policyForTeam(db, row.team_id);
  if (!covering) return { columns: { ...NO_SLA, ...businessDurations(row, null) }, running: [] };
  const history = await statusHistory(db, row);
  const firstRespondedAt =
    row.first_responded_at === null ? null : new Date(row.first_responded_at);
  const responseCycle = covering.policy.targets[row.priority]?.nextResponseMinutes
    ? latestResponseCycle(await publicReplies(db, row), firstRespondedAt)
    : null;
  const { firstResponse, nextResponse, resolution } = slaStatus(
    covering.policy,
    covering.calendar,
    {
      priority: row.priority,
      createdAt: new Date(row.created_at),
      firstRespondedAt,
      history,
      responseCycle,
    },
    new Date(now),
  );
  const finished = row.status === 'solved' || row.status === 'closed';
  // What still runs is still due, breached or not: the inbox's "due" sort shows the most
  // overdue first.
  const running: RunningTarget[] = [];
  const runs = (target: RunningTarget['target'], status: SlaTargetStatus | null, on: boolean) => {
    if (on && status?.dueAt && status.atRiskAt) {
      running.push({ target, dueAt: status.dueAt, atRiskAt: status.atRiskAt });
    }
  };
  runs('first_response', firstResponse, row.first_responded_at === null && !finished);
  runs('next_response', nextResponse, responseCycle?.answeredAt === null && !finished);
  runs('resolution', resolution, RUNNING_STATUSES.includes(row.status));
  const dueTimes = running.map((r) => r.dueAt.getTime());
  // What is owed already is checked by the next sweep, which knows what it has recorded.
  const owed = slaAlertsDue(running, new Set(), new Date(now));
  const checkAt = owed.due.length > 0 ? now : (owed.nextCheckAt?.getTime() ?? null);
  const columns: SlaColumns = {
    sla_policy_id: covering.row.id,
    first_response_due_at: dueMs(firstResponse),
    first_response_state: firstResponse?.state ?? null,
    next_response_due_at: dueMs(nextResponse),
    next_response_state: nextResponse?.state ?? null,
    resolution_due_at: dueMs(resolution),
    resolution_state: resolution?.state ?? null,
    next_due_at: dueTimes.length > 0 ? Math.min(...dueTimes) : null,
    sla_check_at: checkAt,
    ...businessDurations(row, covering.calendar),
  };
  return { columns, running };
}

/** Counts the ticket's SLA again and stores it; returns the row as it now is. */
export async function refreshSla(db: Db, row: TicketRow, now: number): Promise<TicketRow> {
  const columns = await slaColumnsFor(db, row, now);
  const unchanged = (Object.keys(columns) as Array<keyof SlaColumns>).every(
    (key) => columns[key] === row[key],
  );
  if (unchanged) return row;
  await updateTicket(db, row.id, columns);
  return { ...row, ...columns };
}

// Where a ticket stands against its SLA, from its status history: for each target the due time,
// the minutes used, and whether it is active, paused, achieved or breached, or at risk.
// The resolution clock runs while the desk holds the ticket (new, open), pauses while it waits
// on the requester or a third party (pending, on_hold), stops at solved and resumes on reopen.
import type { Priority } from '../../shared/vocabulary.js';
import type { BusinessCalendar } from './businessCalendar.js';
import type { ResponseCycle } from './responseCycle.js';
import {
  DEFAULT_AT_RISK_FRACTION,
  slaClockFor,
  type SlaClock,
  type SlaPolicy,
} from './slaPolicy.js';
import { RUNNING_STATUSES, type TicketStatus } from './ticketWorkflow.js';

export interface StatusChange {
  status: TicketStatus;
  at: Date;
}

export interface SlaTicket {
  priority: Priority;
  createdAt: Date;
  /** The first public agent reply, if any. */
  firstRespondedAt: Date | null;
  /** Every status the ticket took, oldest first; the first is its status at creation. */
  history: readonly StatusChange[];
  /** The latest wait for the desk's next response (domain/tickets/responseCycle.ts), if any. */
  responseCycle?: ResponseCycle | null;
}

export type SlaState = 'active' | 'paused' | 'achieved' | 'breached';

export interface SlaTargetStatus {
  state: SlaState;
  targetMinutes: number;
  /** Minutes counted so far (business minutes on a business clock). */
  elapsedMinutes: number;
  /** When the target is (or was) due; null while paused short of it. */
  dueAt: Date | null;
  /** Running, not yet breached, with at most the at-risk share of the target left. */
  atRisk: boolean;
  /**
   * When at most the at-risk share is (or was) left: the warning's time. Null while paused short
   * of it; like dueAt, it moves while the clock is paused.
   */
  atRiskAt: Date | null;
}

export interface SlaStatus {
  firstResponse: SlaTargetStatus | null;
  nextResponse: SlaTargetStatus | null;
  resolution: SlaTargetStatus | null;
}

interface Segment {
  from: Date;
  to: Date;
}

const isFinished = (status: TicketStatus) => status === 'solved' || status === 'closed';

/** The stretches during which the resolution clock ran, up to `now`. */
function runningSegments(history: readonly StatusChange[], now: Date): Segment[] {
  const segments: Segment[] = [];
  history.forEach((change, i) => {
    if (!RUNNING_STATUSES.includes(change.status)) return;
    const next = history[i + 1];
    const to = next ? next.at : now;
    if (to.getTime() > change.at.getTime()) segments.push({ from: change.at, to });
  });
  return segments;
}

/** Walks the segments: minutes used, and the instant the target was reached if it was. */
function measure(clock: SlaClock, segments: Segment[], target: number) {
  let elapsed = 0;
  let reachedAt: Date | null = null;
  for (const segment of segments) {
    const minutes = clock.between(segment.from, segment.to);
    if (!reachedAt && elapsed + minutes >= target) {
      reachedAt = clock.add(segment.from, target - elapsed);
    }
    elapsed += minutes;
  }
  return { elapsed, reachedAt };
}

function judge(
  target: number,
  elapsed: number,
  dueAt: Date | null,
  atRiskAt: Date | null,
  end: Date,
  running: boolean,
  finished: boolean,
  atRiskFraction: number,
): SlaTargetStatus {
  const breached = dueAt !== null && end.getTime() > dueAt.getTime();
  const state: SlaState = breached
    ? 'breached'
    : finished
      ? 'achieved'
      : running
        ? 'active'
        : 'paused';
  const atRisk = state === 'active' && target - elapsed <= atRiskFraction * target;
  return { state, targetMinutes: target, elapsedMinutes: elapsed, dueAt, atRisk, atRiskAt };
}

/** The ticket's SLA standing at `now` under `policy` (null for a target the policy does not set). */
export function slaStatus(
  policy: SlaPolicy,
  calendar: BusinessCalendar | null,
  ticket: SlaTicket,
  now: Date,
): SlaStatus {
  const targets = policy.targets[ticket.priority];
  const clock = slaClockFor(policy, calendar);
  const fraction = policy.atRiskFraction ?? DEFAULT_AT_RISK_FRACTION;
  const current = ticket.history.at(-1)?.status ?? 'new';
  const lastChange = ticket.history.at(-1)?.at ?? ticket.createdAt;

  // A response target runs from `start` around the clock of the policy until `answeredAt`, or
  // until the ticket is solved after `start` without an answer.
  const response = (target: number, start: Date, answeredAt: Date | null): SlaTargetStatus => {
    const solvedAt =
      ticket.history.find((c) => isFinished(c.status) && c.at.getTime() >= start.getTime())?.at ??
      null;
    const stop = answeredAt ?? solvedAt;
    const end = stop ?? now;
    const dueAt = clock.add(start, target);
    const atRiskAt = clock.add(start, target * (1 - fraction));
    const elapsed = clock.between(start, end);
    return judge(target, elapsed, dueAt, atRiskAt, end, stop === null, stop !== null, fraction);
  };
  const firstResponse = targets?.firstResponseMinutes
    ? response(targets.firstResponseMinutes, ticket.createdAt, ticket.firstRespondedAt)
    : null;
  const cycle = ticket.responseCycle ?? null;
  const nextResponse =
    targets?.nextResponseMinutes && cycle
      ? response(targets.nextResponseMinutes, cycle.since, cycle.answeredAt)
      : null;

  let resolution: SlaTargetStatus | null = null;
  if (targets?.resolutionMinutes) {
    const target = targets.resolutionMinutes;
    const running = RUNNING_STATUSES.includes(current);
    const finished = isFinished(current);
    const end = finished ? lastChange : now;
    const segments = runningSegments(ticket.history, end);
    const { elapsed, reachedAt } = measure(clock, segments, target);
    // Running short of the target: due when the rest of it is used from the current stretch.
    const beforeCurrent = elapsed - (running ? clock.between(lastChange, now) : 0);
    const when = (minutes: number, reached: Date | null) =>
      reached ?? (running ? clock.add(lastChange, Math.max(0, minutes - beforeCurrent)) : null);
    const dueAt = when(target, reachedAt);
    const warnMinutes = target * (1 - fraction);
    const atRiskAt = when(warnMinutes, measure(clock, segments, warnMinutes).reachedAt);
    resolution = judge(target, elapsed, dueAt, atRiskAt, end, running, finished, fraction);
  }
  return { firstResponse, nextResponse, resolution };
}

/**
 * A target's state as stored at the last change, as it stands at `now`: a running target whose
 * due time has passed since is breached, though nothing was written when it passed.
 */
export function slaStateAt(state: SlaState, dueAt: Date | null, now: Date): SlaState {
  return state === 'active' && dueAt !== null && now.getTime() > dueAt.getTime()
    ? 'breached'
    : state;
}

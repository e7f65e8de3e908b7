// An SLA policy: per priority, first response, next response and resolution targets in minutes, counted on
// a business-hours calendar or around the clock. The clock it picks is one interface for both.
import type { Priority } from '../../shared/vocabulary.js';
import { PRIORITIES } from '../../shared/vocabulary.js';
import { AppError } from '../errors.js';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  type BusinessCalendar,
} from './businessCalendar.js';

export interface SlaTargets {
  /** From creation to the first public agent reply; null: no target. */
  firstResponseMinutes: number | null;
  /**
   * From a requester's reply awaiting the desk (after its first response) to the desk's next
   * public reply; null or absent: no target.
   */
  nextResponseMinutes?: number | null;
  /** Time the desk holds the ticket (new or open) until it is solved; null: no target. */
  resolutionMinutes: number | null;
}

export interface SlaPolicy {
  /** `business`: minutes count only in the calendar's open hours; `calendar`: around the clock. */
  clock: 'business' | 'calendar';
  /** A priority without targets has no SLA. */
  targets: Partial<Record<Priority, SlaTargets>>;
  /** A running target is "at risk" once this share of it or less remains (default 0.2). */
  atRiskFraction?: number;
}

export const DEFAULT_AT_RISK_FRACTION = 0.2;

/** Minutes arithmetic on whichever clock a policy uses. */
export interface SlaClock {
  add(from: Date, minutes: number): Date;
  between(from: Date, to: Date): number;
}

const MINUTE_MS = 60_000;

export const calendarClock: SlaClock = {
  add: (from, minutes) => new Date(from.getTime() + minutes * MINUTE_MS),
  between: (from, to) => Math.max(0, (to.getTime() - from.getTime()) / MINUTE_MS),
};

/** The clock for a policy; a business clock needs the calendar (the team's, or the desk's). */
export function slaClockFor(policy: SlaPolicy, calendar: BusinessCalendar | null): SlaClock {
  if (policy.clock === 'calendar') return calendarClock;
  if (!calendar) {
    throw new AppError(
      'VALIDATION_FAILED',
      'calendar: a business-hours SLA needs a calendar',
      'calendar',
    );
  }
  return {
    add: (from, minutes) => addBusinessMinutes(calendar, from, minutes),
    between: (from, to) => businessMinutesBetween(calendar, from, to),
  };
}

const bad = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, field);

/** Throws a VALIDATION_FAILED naming the first target or setting that makes no sense. */
export function assertSlaPolicy(policy: SlaPolicy): void {
  for (const [priority, targets] of Object.entries(policy.targets)) {
    if (!(PRIORITIES as readonly string[]).includes(priority)) {
      throw bad('targets', `"${priority}" is not a priority (${PRIORITIES.join(', ')})`);
    }
    for (const key of [
      'firstResponseMinutes',
      'nextResponseMinutes',
      'resolutionMinutes',
    ] as const) {
      const minutes = targets?.[key];
      if (minutes === null || minutes === undefined) continue;
      if (!Number.isInteger(minutes) || minutes < 1) {
        throw bad(`targets.${priority}.${key}`, 'must be a whole number of minutes, 1 or more');
      }
    }
  }
  const fraction = policy.atRiskFraction;
  if (fraction !== undefined && !(fraction >= 0 && fraction < 1)) {
    throw bad('atRiskFraction', 'must be at least 0 and less than 1');
  }
}

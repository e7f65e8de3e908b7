// A team's overflow delay as the Teams page shows and edits it: a number of seconds, minutes or
// hours, in the largest unit that says it exactly.
import { LIMITS } from '../../../shared/vocabulary.js';

export const DELAY_UNITS = [
  { unit: 'seconds', seconds: 1, short: 's' },
  { unit: 'minutes', seconds: 60, short: 'min' },
  { unit: 'hours', seconds: 3600, short: 'h' },
] as const;

export type DelayUnit = (typeof DELAY_UNITS)[number]['unit'];

const secondsPer = (unit: DelayUnit) => DELAY_UNITS.find((u) => u.unit === unit)!.seconds;

/** `seconds` as an amount of the largest unit that divides it: 7200 is 2 hours, 90 is 90 seconds. */
export function splitDelay(seconds: number): { amount: number; unit: DelayUnit } {
  for (const { unit, seconds: per } of [...DELAY_UNITS].reverse()) {
    if (seconds % per === 0) return { amount: seconds / per, unit };
  }
  return { amount: seconds, unit: 'seconds' };
}

/**
 * The delay in seconds from what the form holds, or why it cannot be one: a whole number of
 * seconds from 10 s to 24 h (the API's bounds).
 */
export function delaySeconds(
  amount: string,
  unit: DelayUnit,
): { seconds: number } | { problem: string } {
  const value = Number(amount.trim());
  // 0.7 minutes is 42 seconds, whatever binary fractions make of it.
  const seconds = Math.round(value * secondsPer(unit));
  const { min, max } = LIMITS.overflowSeconds;
  if (
    amount.trim() === '' ||
    !Number.isFinite(value) ||
    Math.abs(value * secondsPer(unit) - seconds) > 1e-6
  ) {
    return { problem: 'Enter the delay as a whole number of seconds, or minutes or hours.' };
  }
  if (seconds < min || seconds > max) {
    return { problem: `The delay must be between ${min} seconds and 24 hours.` };
  }
  return { seconds };
}

/** "2 min", "90 s", "1 h": the delay in its largest exact unit. */
export function delayLabel(seconds: number): string {
  const { amount, unit } = splitDelay(seconds);
  return `${amount} ${DELAY_UNITS.find((u) => u.unit === unit)!.short}`;
}

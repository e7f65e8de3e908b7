import { describe, expect, it } from 'vitest';
import {
  availableSlotMs,
  timeInStatus,
  utilisation,
  type StatusChange,
  type StatusSpanStart,
} from './agentTime.js';
import { boundOf } from './deskTime.js';

const HOUR = 3_600_000;
const MIN = 60_000;
const at = (hours: number, minutes = 0) => Date.UTC(2026, 2, 2) + hours * HOUR + minutes * MIN;
const day = { from: at(0), to: at(24) };
const afterwards = at(48);
const sum = (t: ReturnType<typeof timeInStatus>) => t.onlineMs + t.busyMs + t.awayMs + t.offlineMs;

describe('time in each status', () => {
  it('counts an agent never online as offline for the whole range', () => {
    expect(timeInStatus([], day, afterwards)).toEqual({
      onlineMs: 0,
      busyMs: 0,
      awayMs: 0,
      offlineMs: 24 * HOUR,
    });
  });

  it('clips a status that began before the range to its start, and one that ran past it to its end', () => {
    const changes: StatusSpanStart[] = [
      { at: at(-3), status: 'online' }, // online since the evening before
      { at: at(2), status: 'away' },
      { at: at(20), status: 'busy' }, // busy until the next morning
      { at: at(30), status: 'offline' },
    ];
    const time = timeInStatus(changes, day, afterwards);
    expect(time).toEqual({ onlineMs: 2 * HOUR, busyMs: 4 * HOUR, awayMs: 18 * HOUR, offlineMs: 0 });
  });

  it('uses only the last change before the range for its starting status, whatever the order given', () => {
    const changes: StatusSpanStart[] = [
      { at: at(1), status: 'offline' },
      { at: at(-5), status: 'online' },
      { at: at(-2), status: 'away' },
    ];
    expect(timeInStatus(changes, day, afterwards)).toMatchObject({
      onlineMs: 0,
      awayMs: HOUR,
      offlineMs: 23 * HOUR,
    });
  });

  it('counts a shift across midnight in both days', () => {
    const changes: StatusSpanStart[] = [
      { at: at(22), status: 'online' },
      { at: at(26), status: 'offline' },
    ];
    expect(timeInStatus(changes, day, afterwards).onlineMs).toBe(2 * HOUR);
    expect(timeInStatus(changes, { from: at(24), to: at(48) }, afterwards).onlineMs).toBe(2 * HOUR);
  });

  it('counts a status still running up to now, not to the end of the range', () => {
    const now = at(15, 30);
    const changes: StatusSpanStart[] = [{ at: at(9), status: 'online' }];
    const time = timeInStatus(changes, day, now);
    expect(time.onlineMs).toBe(6.5 * HOUR);
    expect(time.offlineMs).toBe(9 * HOUR);
    expect(sum(time)).toBe(15.5 * HOUR);
  });

  it('counts nothing for a range that has not begun', () => {
    expect(sum(timeInStatus([{ at: at(1), status: 'online' }], day, at(-1)))).toBe(0);
  });

  it('counts the real hours of a desk day when clocks go forward (23) or back (25)', () => {
    const zone = 'Europe/Berlin';
    const spring = {
      from: boundOf('2026-03-29', 'from', zone),
      to: boundOf('2026-03-29', 'to', zone),
    };
    const autumn = {
      from: boundOf('2026-10-25', 'from', zone),
      to: boundOf('2026-10-25', 'to', zone),
    };
    const always: StatusSpanStart[] = [{ at: 0, status: 'online' }];
    expect(timeInStatus(always, spring, Date.UTC(2027, 0, 1)).onlineMs).toBe(23 * HOUR);
    expect(timeInStatus(always, autumn, Date.UTC(2027, 0, 1)).onlineMs).toBe(25 * HOUR);
  });

  it('keeps the later of two changes at the same instant', () => {
    const changes: StatusSpanStart[] = [
      { at: at(8), status: 'online' },
      { at: at(8), status: 'busy' },
    ];
    expect(timeInStatus(changes, day, afterwards)).toMatchObject({
      onlineMs: 0,
      busyMs: 16 * HOUR,
    });
  });
});

describe('utilisation', () => {
  it('is chat time held against the slots available while online or busy', () => {
    // 3 hours online and 1 busy (the away hours offer nothing) × 2 slots = 8 slot-hours.
    const changes: StatusChange[] = [
      { at: at(8), status: 'online', capacity: 2 },
      { at: at(11), status: 'busy', capacity: 2 },
      { at: at(12), status: 'away', capacity: 2 },
      { at: at(17), status: 'offline', capacity: 2 },
    ];
    const slots = availableSlotMs(changes, day, afterwards);
    expect(slots).toBe(8 * HOUR);
    expect(utilisation(6 * HOUR, slots)).toBe(0.75);
  });

  it('weighs each available span by the capacity in force then, not the last one', () => {
    // Online 08:00-16:00 with 2 slots until noon, then 4: 4 h × 2 + 4 h × 4 = 24 slot-hours.
    // The capacity now (4) over the whole shift would say 32, and 2 would say 16.
    const changes: StatusChange[] = [
      { at: at(8), status: 'online', capacity: 2 },
      { at: at(12), status: 'online', capacity: 4 },
      { at: at(16), status: 'offline', capacity: 4 },
    ];
    const slots = availableSlotMs(changes, day, afterwards);
    expect(slots).toBe(24 * HOUR);
    expect(utilisation(12 * HOUR, slots)).toBe(0.5);
    // The same shift read from 10:00: the capacity of the change before the range holds.
    expect(availableSlotMs(changes, { from: at(10), to: at(24) }, afterwards)).toBe(20 * HOUR);
    // A change of capacity leaves the time in each status as it was.
    expect(timeInStatus(changes, day, afterwards).onlineMs).toBe(8 * HOUR);
  });

  it('counts a capacity lowered while away from when the agent is available again', () => {
    const changes: StatusChange[] = [
      { at: at(9), status: 'busy', capacity: 3 },
      { at: at(10), status: 'away', capacity: 3 },
      { at: at(11), status: 'away', capacity: 1 },
      { at: at(12), status: 'online', capacity: 1 },
    ];
    // Busy 1 h × 3, online from noon to 15:30 (now) × 1.
    expect(availableSlotMs(changes, day, at(15, 30))).toBe(3 * HOUR + 3.5 * HOUR);
  });

  it('is none for an agent never available or without capacity', () => {
    expect(availableSlotMs([], day, afterwards)).toBe(0);
    expect(utilisation(0, 0)).toBeNull();
    const none: StatusChange[] = [{ at: at(8), status: 'online', capacity: 0 }];
    expect(utilisation(HOUR, availableSlotMs(none, day, afterwards))).toBeNull();
  });

  it('is not capped: chats kept while away count held but not available', () => {
    expect(utilisation(10 * HOUR, 8 * HOUR)).toBe(1.25);
  });
});

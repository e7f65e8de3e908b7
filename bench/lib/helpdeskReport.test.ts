import { describe, expect, it } from 'vitest';
import { overLimit, saturatesFirst, type MeasuredStep } from './helpdeskReport.js';
import { summarize } from './stats.js';

const step = (chatsPerHour: number, deliveryMs: number, cpu = 20, failures = 0): MeasuredStep => ({
  chatsPerHour,
  ran: {
    chatsDue: 10,
    latencies: {
      'send → delivered, customer to agent': summarize([5, 6, deliveryMs]),
      'start → assigned': summarize([40, 50]),
    },
    counts: failures ? { 'failures (an action refused or timed out)': failures } : {},
    failures: [],
    generatorCpuMs: 0,
    wallMs: 1000,
  },
  serverCpuPercent: cpu,
  rssPeakBytes: 1,
  generatorCpuPercent: 1,
});

describe('what saturates first', () => {
  it('names the first step at which an action passes its limit, and the action', () => {
    const row = saturatesFirst('desk', [step(600, 20), step(1800, 300), step(6000, 900, 100)]);
    expect(row.value).toBe(1800);
    expect(row.metric).toContain('send → delivered, customer to agent p99 300 ms > 250 ms');
    expect(row.metric).not.toContain('CPU');
  });

  it('names the three furthest over their limits, the rest by number', () => {
    const worst = step(600, 900, 200, 1);
    worst.ran.latencies['start → assigned'] = summarize([5000]);
    worst.ran.latencies['send → ack'] = summarize([300]);
    expect(saturatesFirst('desk', [worst]).metric).toBe(
      'what saturates first: 1 actions refused or timed out; send → delivered, customer to agent p99 900 ms > 250 ms; start → assigned p99 5000 ms > 2000 ms (and 2 more)',
    );
  });

  it('counts the CPU at its limit and failed actions', () => {
    expect(overLimit(step(600, 20, 97))).toEqual(['server CPU 97 % of a core']);
    expect(overLimit(step(600, 20, 10, 2))).toEqual(['2 actions refused or timed out']);
  });

  it('says nothing saturated, at the top rate, when nothing did', () => {
    const row = saturatesFirst('desk', [step(600, 20), step(1800, 30)]);
    expect(row).toMatchObject({ value: 1800, unit: 'chats/h' });
    expect(row.metric).toMatch(/^what saturates first: nothing/);
  });
});

// The help desk scenario's rows: per step (rate), the p50/p99 of every user-facing action, the
// server's CPU and memory; then what saturates first as the rate steps up, and the end-of-run
// invariants. Pure, so the saturation rule is tested on its own.
import type { HelpdeskConnected, HelpdeskFinished, HelpdeskRan } from '../load/helpdesk.js';
import type { Row } from './report.js';
import { round } from './stats.js';

export interface MeasuredStep {
  chatsPerHour: number;
  ran: HelpdeskRan;
  /** Of one core: a process using both cores fully reads 200. */
  serverCpuPercent: number;
  rssPeakBytes: number;
  generatorCpuPercent: number;
}

/**
 * Every action, with the p99 past which a person notices it is slow (the limit that decides
 * what saturates first). Messages and read ticks should feel instant; a chat may take a couple of
 * seconds to reach an agent; a page or a button answers within half a second.
 */
export const ACTION_LIMITS_MS: ReadonlyArray<readonly [string, number]> = [
  ['send → delivered, customer to agent', 250],
  ['send → delivered, agent to customer', 250],
  ['send → ack', 250],
  ['read → receipt seen by the customer', 250],
  ['start → assigned', 2000],
  ['transfer to an agent → assigned', 2000],
  ['transfer to the team → assigned', 2000],
  ['agent list load (GET /sessions?view=active)', 500],
  ['ticket inbox load (GET /tickets?status=new,open)', 500],
  ['supervisor list load (GET /sessions?view=all)', 500],
  ['dashboard.watch → snapshot', 500],
  ['end chat (POST /sessions/:id/end)', 500],
  ['rating (POST /sessions/:id/rating)', 500],
  ['chat → ticket (POST /sessions/:id/ticket)', 500],
  ['ticket reply (POST /tickets/:id/messages)', 500],
];

/** The node is saturated when its process uses this much of one core (its event loop's). */
export const CPU_LIMIT_PERCENT = 95;

/** What is over its limit at one step: actions by name, the CPU, failed actions. */
export function overLimit(step: MeasuredStep): string[] {
  // Furthest over its limit first.
  const over: Array<{ by: number; what: string }> = [];
  for (const [action, limit] of ACTION_LIMITS_MS) {
    const p99 = step.ran.latencies[action]?.p99;
    if (p99 !== undefined && p99 > limit)
      over.push({ by: p99 / limit, what: `${action} p99 ${round(p99, 0)} ms > ${limit} ms` });
  }
  if (step.serverCpuPercent >= CPU_LIMIT_PERCENT)
    over.push({
      by: step.serverCpuPercent / CPU_LIMIT_PERCENT,
      what: `server CPU ${round(step.serverCpuPercent, 0)} % of a core`,
    });
  const failures = step.ran.counts['failures (an action refused or timed out)'] ?? 0;
  // Failed actions come first: nothing says saturated more plainly.
  if (failures > 0) over.push({ by: Infinity, what: `${failures} actions refused or timed out` });
  return over.sort((a, b) => b.by - a.by).map((o) => o.what);
}

/** At most this many reasons in the row (the details hold the steps' every figure). */
const REASONS_SHOWN = 3;

/** The first step (rates rising) at which something is over its limit, and what. */
export function saturatesFirst(scenario: string, steps: MeasuredStep[]): Row {
  const top = steps[steps.length - 1]?.chatsPerHour ?? 0;
  for (const step of steps) {
    const over = overLimit(step);
    if (over.length > 0)
      return {
        scenario,
        metric: `what saturates first: ${over.slice(0, REASONS_SHOWN).join('; ')}${over.length > REASONS_SHOWN ? ` (and ${over.length - REASONS_SHOWN} more)` : ''}`,
        value: step.chatsPerHour,
        unit: 'chats/h',
      };
  }
  return {
    scenario,
    metric: `what saturates first: nothing up to the top step (limits: p99 of messages 250 ms, of assignment 2 s, of HTTP 500 ms; CPU ${CPU_LIMIT_PERCENT} % of a core)`,
    value: top,
    unit: 'chats/h',
  };
}

const MIB = 1024 * 1024;

export function helpdeskRows(
  desk: { agents: number; teams: number; customers: number; admins: number },
  connected: HelpdeskConnected,
  steps: MeasuredStep[],
  finished: HelpdeskFinished,
): Row[] {
  const rows: Row[] = [];
  const who = `${desk.agents} agents (${desk.teams} teams), ${desk.customers} customers`;
  const whole = `helpdesk, ${who}`;
  rows.push(
    {
      scenario: whole,
      metric: 'sockets connected (agents, customers, super admins)',
      value: connected.sockets,
      unit: 'sockets',
      target: `${desk.agents + desk.customers + desk.admins}`,
      met: connected.sockets === desk.agents + desk.customers + desk.admins,
    },
    {
      scenario: whole,
      metric: 'time to connect all and send the agents online',
      value: round(connected.connectMs, 0),
      unit: 'ms',
    },
  );
  steps.forEach((step, i) => {
    const scenario = `helpdesk @ ${step.chatsPerHour} chats/h, ${who}`;
    const completed = step.ran.counts['chats completed'] ?? 0;
    rows.push({
      scenario,
      metric: `chats completed (of ${step.ran.chatsDue} due)`,
      value: completed,
      unit: 'chats',
    });
    for (const [action] of ACTION_LIMITS_MS) {
      const summary = step.ran.latencies[action];
      if (!summary) continue;
      // The base rate gets both percentiles; higher steps the p99 that decides saturation.
      if (i === 0) rows.push({ scenario, metric: `${action} p50`, value: summary.p50, unit: 'ms' });
      rows.push({
        scenario,
        metric: `${action} p99 (${summary.count} samples)`,
        value: summary.p99,
        unit: 'ms',
      });
    }
    rows.push(
      {
        scenario,
        metric: 'server CPU (% of one core; both cores = 200 %)',
        value: round(step.serverCpuPercent, 0),
        unit: '%',
      },
      {
        scenario,
        metric: 'server RSS, peak',
        value: round(step.rssPeakBytes / MIB, 0),
        unit: 'MiB',
      },
      {
        scenario,
        metric: 'load generator CPU (% of one core, same machine)',
        value: round(step.generatorCpuPercent, 0),
        unit: '%',
      },
      {
        scenario,
        metric: 'failures (an action refused or timed out)',
        value: step.ran.counts['failures (an action refused or timed out)'] ?? 0,
        unit: '',
      },
    );
  });
  rows.push(saturatesFirst(whole, steps));
  const invariant = (metric: string, value: number): Row => ({
    scenario: whole,
    metric,
    value,
    unit: '',
    target: '0',
    met: value === 0,
  });
  rows.push(
    {
      scenario: whole,
      metric: 'acknowledged messages (every step)',
      value: finished.acknowledged,
      unit: '',
    },
    invariant('acknowledged, never delivered to the other side', finished.lost),
    invariant('delivered more than once', finished.duplicated),
    invariant('delivered out of the order sent', finished.outOfOrder),
    invariant('session events not in seq order (repeat or reversal)', finished.seqViolations),
    invariant('sockets closed by the end', finished.socketsClosed),
    {
      scenario: whole,
      metric: 'error frames not answering a request',
      value: finished.socketErrors,
      unit: '',
    },
  );
  return rows;
}

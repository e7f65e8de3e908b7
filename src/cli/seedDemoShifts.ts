// Agents' status history for `switchboard seed-demo`, so the agent report's time in each status
// and utilisation look like a real desk's: over the demo's month, each agent works most
// weekdays (from about 08:00 for nine to eleven hours, UTC like the month's chats) and some
// weekends (a shorter day), with a busy spell or two and a lunch break away, and offline
// otherwise. Their maximum is 3 concurrent chats until halfway, then 4, so the report's capacity
// history shows. Written through updateOwnAgentState at each change's time, as the agents
// themselves would; the same every time (a seeded generator).
import type { Viewer } from '../domain/policies.js';
import { updateOwnAgentState } from '../services/agents/agentStatus.js';
import type { ServiceContext } from '../services/context.js';
import type { AgentStatus } from '../shared/vocabulary.js';
import { generator } from './seedDemoMonth.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Change {
  at: number;
  status: AgentStatus;
}

/** One working day from `day` (UTC midnight): online, busy, away at lunch, back, offline. */
function shift(day: number, weekend: boolean, random: ReturnType<typeof generator>): Change[] {
  const start = day + (weekend ? 9 * HOUR : 8 * HOUR) + random.between(-15, 60) * MINUTE;
  const end = start + (weekend ? random.between(4, 7) : random.between(9, 11)) * HOUR;
  const changes: Change[] = [{ at: start, status: 'online' }];
  let at = start;
  const then = (gap: number, status: AgentStatus) => {
    at = Math.round(at + gap);
    if (at < end) changes.push({ at, status });
  };
  then(random.between(60, 150) * MINUTE, 'busy');
  then(random.between(20, 60) * MINUTE, 'online');
  if (!weekend) {
    const lunch = day + 12 * HOUR + random.between(0, 90) * MINUTE;
    then(Math.max(30 * MINUTE, lunch - at), 'away');
    then(random.between(30, 60) * MINUTE, 'online');
    if (random.next() < 0.6) {
      then(random.between(60, 120) * MINUTE, 'busy');
      then(random.between(20, 45) * MINUTE, 'online');
    }
  }
  changes.push({ at: Math.round(Math.max(end, at + 30 * MINUTE)), status: 'offline' });
  return changes;
}

/**
 * Seeds each agent's shifts over the days from `from` to `to` (UTC midnights, `to` excluded);
 * every agent ends offline. Returns the status changes written.
 */
export async function seedDemoShifts(
  base: ServiceContext,
  agents: readonly Viewer[],
  range: { from: number; to: number },
): Promise<number> {
  const random = generator(20261204);
  const halfway = range.from + Math.floor((range.to - range.from) / DAY / 2) * DAY;
  let written = 0;
  for (const agent of agents) {
    let now = range.from;
    const ctx: ServiceContext = { ...base, clock: { now: () => now } };
    await updateOwnAgentState(ctx, agent, { status: 'offline', maxConcurrentChats: 3 });
    let raised = false;
    for (let day = range.from; day < range.to; day += DAY) {
      const weekend = (new Date(day).getUTCDay() + 6) % 7 >= 5;
      if (random.next() > (weekend ? 0.35 : 0.95)) continue;
      for (const change of shift(day, weekend, random)) {
        now = change.at;
        const raise: boolean = !raised && day >= halfway;
        await updateOwnAgentState(ctx, agent, {
          status: change.status,
          ...(raise && { maxConcurrentChats: 4 }),
        });
        raised ||= raise;
        written++;
      }
    }
    if (!raised) await updateOwnAgentState(ctx, agent, { maxConcurrentChats: 4 });
  }
  return written;
}

// Builds a year of chat history fast for the reports scenario: rows straight into chat_sessions
// and chat_messages (no service; bulkLoad.ts, beside the store, indexes made again after), shaped like a desk's year: busier on weekdays, peaking late in the morning and
// mid-afternoon, bigger and smaller teams, longer waits in the peaks, about 8 % abandoned and 4 %
// unanswered, 70 % of the answered rated (mostly 4 and 5), a few transferred. The rows carry what
// the services would have written for the rollups (first_assigned_at, first_response_at,
// transfers), and the hours are marked dirty as the migration marks history (0018), so the
// rollup worker counts them. The expected totals are returned, for the smoke test to compare.
import { sql } from 'kysely';
import type { Store } from '../../src/storage/store.js';
import { openBulkLoader, type Row } from './bulkLoad.js';
import { random } from './ticketData.js';

const HOUR = 3_600_000;
/** Chats generated before they are written (with their messages, ten times as many). */
const CHATS_PER_BATCH = 2_000;

/** Monday first; the desk is quiet at weekends. */
const WEEKDAY = [1.15, 1.1, 1.05, 1.0, 0.9, 0.35, 0.25];
/** By UTC hour: night shift, late-morning and mid-afternoon peaks. */
const HOUR_OF_DAY = [
  0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.8, 1.4, 2.0, 2.4, 2.3, 1.6, 1.7, 2.2, 2.3, 1.9, 1.4, 1.0,
  0.8, 0.6, 0.45, 0.3, 0.2,
];
/** Short texts from a small vocabulary, so the full-text index costs what a chat line costs. */
const WORDS = ['hello', 'fees', 'login', 'exam', 'thanks', 'room', 'card', 'library', 'help', 'ok'];

export interface HistoryPeople {
  customerIds: string[];
  /** Agents by team: teamAgents[t] are team teamIds[t]'s. */
  teamIds: string[];
  teamAgents: string[][];
}

export interface HistoryTotals {
  chats: number;
  messages: number;
  abandoned: number;
  unanswered: number;
  rated: number;
  transfers: number;
  /** Chats per team id. */
  byTeam: Record<string, number>;
  /** [from, to): whole UTC hours spanned. */
  from: number;
  to: number;
}

/** How many chats each hour of the year gets: proportional to its weight, summing to `chats`. */
function chatsPerHour(chats: number, from: number, hours: number): number[] {
  const weights = Array.from({ length: hours }, (_, h) => {
    const at = new Date(from + h * HOUR);
    return WEEKDAY[(at.getUTCDay() + 6) % 7]! * HOUR_OF_DAY[at.getUTCHours()]!;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  // Cumulative rounding: each hour's share, and the counts add up to exactly `chats`.
  let acc = 0;
  let given = 0;
  return weights.map((w) => {
    acc += w;
    const upTo = Math.round((acc / total) * chats);
    const n = upTo - given;
    given = upTo;
    return n;
  });
}

/**
 * Inserts `chats` chats over the `days` days before `now` (whole UTC hours, the current hour
 * left out) and `messages` messages among them, then marks every hour dirty.
 */
export async function insertChatHistory(
  store: Store,
  target: { sqliteFile?: string; databaseUrl?: string },
  people: HistoryPeople,
  options: { chats: number; messages: number; days: number; now: number },
): Promise<HistoryTotals> {
  const to = options.now - (options.now % HOUR);
  const hours = options.days * 24;
  const from = to - hours * HOUR;
  const perHour = chatsPerHour(options.chats, from, hours);
  const peak = Math.max(...HOUR_OF_DAY);
  const next = random(2026);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  // Teams of different sizes: team t gets weight t + 1.
  const teamWeights = people.teamIds.map((_, t) => t + 1);
  const teamTotal = teamWeights.reduce((a, b) => a + b, 0);
  const pickTeam = () => {
    let r = next() * teamTotal;
    for (let t = 0; t < teamWeights.length; t++) if ((r -= teamWeights[t]!) < 0) return t;
    return teamWeights.length - 1;
  };
  const totals: HistoryTotals = {
    chats: 0,
    messages: 0,
    abandoned: 0,
    unanswered: 0,
    rated: 0,
    transfers: 0,
    byTeam: {},
    from,
    to,
  };

  const loader = await openBulkLoader(target, ['chat_sessions', 'chat_messages']);
  let sessions: Row[] = [];
  let lines: Row[] = [];
  const flush = async () => {
    await loader.insert('chat_sessions', sessions);
    await loader.insert('chat_messages', lines);
    sessions = [];
    lines = [];
  };

  let index = 0;
  for (let h = 0; h < hours; h++) {
    const hourStart = from + h * HOUR;
    const busy = HOUR_OF_DAY[new Date(hourStart).getUTCHours()]! / peak;
    for (let c = 0; c < perHour[h]!; c++, index++) {
      const id = `rc${index.toString().padStart(8, '0')}`;
      const customer = pick(people.customerIds);
      const started = hourStart + Math.floor(next() * HOUR);
      const team = pickTeam();
      const teamId = people.teamIds[team]!;
      const agent = pick(people.teamAgents[team]!);
      const roll = next();
      const abandoned = roll < 0.08;
      const unanswered = !abandoned && roll < 0.12;
      // Waits grow in the peaks: up to ~10 min at the busiest hour, seconds at night.
      const wait = Math.floor(1000 + next() * next() * 600_000 * busy);
      const assigned = abandoned ? null : started + wait;
      const firstResponse =
        assigned === null || unanswered ? null : assigned + 3000 + Math.floor(next() * 120_000);
      const ended = (assigned ?? started + wait) + 60_000 + Math.floor(next() * next() * 1_800_000);
      const transfers = assigned !== null && next() < 0.05 ? 1 + Math.floor(next() * 2) : 0;
      const rated = firstResponse !== null && next() < 0.7;
      const rating = rated ? [5, 5, 5, 4, 4, 4, 3, 2, 1, 5][Math.floor(next() * 10)]! : null;
      // Exactly `messages` in all, spread evenly; the first from the customer at the start,
      // the second (when answered) the agent's first response, the rest until the end.
      const count =
        Math.floor(((index + 1) * options.messages) / options.chats) -
        Math.floor((index * options.messages) / options.chats);
      for (let m = 0; m < count; m++) {
        const byAgent = firstResponse !== null && m % 2 === 1;
        const at =
          m === 0
            ? started
            : m === 1 && firstResponse !== null
              ? firstResponse
              : Math.floor(
                  (firstResponse ?? started) +
                    ((ended - (firstResponse ?? started)) * m) / (count + 1),
                );
        lines.push({
          id: `${id}m${m}`,
          session_id: id,
          seq: m + 1,
          sender_id: byAgent ? agent : customer,
          message_type: 'text',
          message_text: `${pick(WORDS)} ${pick(WORDS)}`,
          client_id: null,
          is_read: 1,
          read_at: null,
          created_at: at,
        });
      }
      sessions.push({
        id,
        user_id: customer,
        assigned_agent_id: assigned === null ? null : agent,
        status: 'ended',
        priority: 'medium',
        priority_rank: 1,
        subject: 'Question',
        rating,
        feedback: null,
        started_at: started,
        assigned_at: assigned,
        first_agent_reply_at: firstResponse,
        ended_at: ended,
        ended_by: abandoned ? 'user' : 'agent',
        rated_at: rated ? ended : null,
        last_message_at: count > 0 ? ended : null,
        awaiting_agent_since: null,
        last_seq: count,
        message_budget_full_at: 0,
        ticket_id: null,
        topic_id: null,
        team_id: teamId,
        handover_note_id: null,
        first_assigned_at: assigned,
        first_response_at: firstResponse,
        transfers,
        updated_at: ended,
      });
      totals.chats++;
      totals.messages += count;
      if (abandoned) totals.abandoned++;
      if (unanswered) totals.unanswered++;
      if (rated) totals.rated++;
      totals.transfers += transfers;
      totals.byTeam[teamId] = (totals.byTeam[teamId] ?? 0) + 1;
      if (sessions.length >= CHATS_PER_BATCH) await flush();
    }
  }
  await flush();
  await loader.finish();
  // As migration 0018 marks history: one mark per hour that has chats.
  await sql`
    insert into report_dirty_hours (id, hour_start, marked_at)
    select 'bench:' || cast(h.hour_start as text), h.hour_start, 0
    from (select distinct started_at - (started_at % 3600000) as hour_start from chat_sessions
          where started_at >= ${from} and started_at < ${to}) h
  `.execute(store.db);
  return totals;
}

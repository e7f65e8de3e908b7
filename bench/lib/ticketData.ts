// Builds a large ticket desk fast for the tickets scenario: multi-row inserts straight into the
// tables (no service, one statement per CHUNK rows, one transaction per CHUNKS statements), so a
// million tickets or messages take minutes, not hours. The rows look like the services' rows:
// numbers in sequence (and the counter moved past them), statuses spread like a working desk's,
// updated times over the last 90 days, message bodies drawn from a fixed vocabulary.
import { sql } from 'kysely';
import { PRIORITIES, type TicketStatus } from '../../src/shared/vocabulary.js';
import type { Db, Store } from '../../src/storage/store.js';

const CHUNK = 500;
const CHUNKS_PER_COMMIT = 40;
const DAY = 86_400_000;

/** Spread like a desk's: most tickets settled, a third still worked. */
const STATUSES: TicketStatus[] = [
  ...Array<TicketStatus>(2).fill('new'),
  ...Array<TicketStatus>(6).fill('open'),
  ...Array<TicketStatus>(2).fill('pending'),
  'on_hold',
  ...Array<TicketStatus>(5).fill('solved'),
  ...Array<TicketStatus>(4).fill('closed'),
];

/** Words messages are made of; the search scenario looks for some of them. */
export const WORDS = Array.from({ length: 4000 }, (_, i) => `w${i.toString(36)}x`);

/** A small deterministic generator, so both databases get the same desk. */
export function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

export interface DeskPeople {
  teamIds: string[];
  requesterIds: string[];
  agentIds: string[];
}

async function inChunks(
  store: Store,
  total: number,
  insert: (db: Db, from: number, to: number) => Promise<void>,
) {
  for (let start = 0; start < total; start += CHUNK * CHUNKS_PER_COMMIT) {
    await store.transaction(async (trx) => {
      const end = Math.min(total, start + CHUNK * CHUNKS_PER_COMMIT);
      for (let from = start; from < end; from += CHUNK) {
        await insert(trx, from, Math.min(end, from + CHUNK));
      }
    });
  }
}

const ticketId = (i: number) => `bt${i.toString().padStart(8, '0')}`;

/** `count` tickets of the people's teams and requesters; returns their ids' pattern. */
export async function insertTickets(
  store: Store,
  people: DeskPeople,
  count: number,
  now: number,
): Promise<void> {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  await inChunks(store, count, async (db, from, to) => {
    const rows = [];
    for (let i = from; i < to; i++) {
      const status = pick(STATUSES);
      const priority = pick(PRIORITIES);
      const created = now - Math.floor(next() * 90 * DAY);
      const updated = created + Math.floor(next() * (now - created));
      const assigned = status !== 'new' && next() < 0.8;
      rows.push({
        id: ticketId(i),
        number: i + 1,
        subject: `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`,
        requester_id: pick(people.requesterIds),
        status,
        priority,
        priority_rank: PRIORITIES.indexOf(priority),
        team_id: pick(people.teamIds),
        assignee_id: assigned ? pick(people.agentIds) : null,
        channel: 'web' as const,
        created_at: created,
        updated_at: updated,
        first_responded_at: status === 'new' ? null : created + 60_000,
        solved_at: status === 'solved' || status === 'closed' ? updated : null,
        closed_at: status === 'closed' ? updated : null,
        next_due_at: status === 'new' || status === 'open' ? updated + DAY : null,
      });
    }
    await db.insertInto('tickets').values(rows).execute();
  });
  await sql`insert into counters (name, value) values ('tickets', ${count})
    on conflict (name) do update set value = excluded.value`.execute(store.db);
}

/** `count` public replies spread over the first `tickets` tickets, each of eight words. */
export async function insertMessages(
  store: Store,
  people: DeskPeople,
  tickets: number,
  count: number,
  now: number,
): Promise<void> {
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  await inChunks(store, count, async (db, from, to) => {
    const rows = [];
    for (let i = from; i < to; i++) {
      const ticket = ticketId(i % tickets);
      rows.push({
        id: `bm${i.toString().padStart(8, '0')}`,
        ticket_id: ticket,
        origin_ticket_id: ticket,
        author_id: pick(people.requesterIds),
        kind: 'reply' as const,
        body: Array.from({ length: 8 }, () => pick(WORDS)).join(' '),
        client_id: null,
        created_at: now - Math.floor(next() * 90 * DAY),
      });
    }
    await db.insertInto('ticket_messages').values(rows).execute();
  });
}

/** Fresh planner statistics after the bulk load, as a deployment's autovacuum would have. */
export async function analyze(store: Store): Promise<void> {
  await sql`analyze`.execute(store.db);
}

/** `count` customers named from the vocabulary ("Ama w1fx"), for the people search row. */
export async function insertPeople(store: Store, count: number, now: number): Promise<void> {
  const next = random(11);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const first = ['Ama', 'Kofi', 'Esi', 'Yaw', 'Abena', 'Kwame', 'Efua', 'Kojo'];
  await inChunks(store, count, async (db, from, to) => {
    const rows = [];
    for (let i = from; i < to; i++) {
      rows.push({
        id: `bp${i.toString().padStart(8, '0')}`,
        email: `p${i}.${pick(WORDS)}@people.example`,
        name: `${pick(first)} ${pick(WORDS)}`,
        role: 'user' as const,
        password_hash: null,
        external_id: null,
        is_active: 1 as const,
        is_guest: 0 as const,
        contact_email: null,
        created_at: now,
        updated_at: now,
        last_login_at: null,
      });
    }
    await db.insertInto('users').values(rows).execute();
  });
}

// The plans of ticket search, to see where its time goes: builds the tickets scenario's desk once
// in a database that is kept (SEARCH_PLAN_DATABASE_URL, or SEARCH_PLAN_SQLITE a file), then runs
// the service's search for a few words and prints each SQL statement it issued with its plan
// (EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN and a timing on SQLite).
//   node --import tsx bench/searchPlan.ts build 1000000 1000000
//   node --import tsx bench/searchPlan.ts explain [word…]
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import type pg from 'pg';
import { searchTickets } from '../src/services/search/ticketSearcher.js';
import { searchPeople } from '../src/services/search/peopleSearcher.js';
import { createTeam, setTeamMember } from '../src/services/teams/teams.js';
import { SearchQuery } from '../src/shared/searchApi.js';
import { createUsers, openFixture } from './lib/fixtures.js';
import { analyze, insertMessages, insertTickets, WORDS } from './lib/ticketData.js';

const databaseUrl = process.env.SEARCH_PLAN_DATABASE_URL;
const sqliteFile = process.env.SEARCH_PLAN_SQLITE;
if (!databaseUrl && !sqliteFile) throw new Error('SEARCH_PLAN_DATABASE_URL or SEARCH_PLAN_SQLITE');

// Every statement the service sends, as sent (PostgreSQL: through pg's Client).
const issued: Array<{ text: string; values: unknown[] }> = [];
let capturing = false;
if (databaseUrl) {
  const pgModule = createRequire(import.meta.url)('pg') as typeof pg;
  const query = pgModule.Client.prototype.query as (...args: unknown[]) => unknown;
  pgModule.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const [first, values] = args as [{ text?: string; values?: unknown[] } | string, unknown[]?];
    if (capturing && typeof first === 'string') issued.push({ text: first, values: values ?? [] });
    else if (capturing && typeof first === 'object' && first.text) {
      issued.push({ text: first.text, values: first.values ?? [] });
    }
    return query.apply(this, args);
  } as never;
}

const fixture = await openFixture(databaseUrl ? { databaseUrl } : { sqliteFile: sqliteFile! });
const { ctx, store } = fixture;
const [command = 'explain', ...rest] = process.argv.slice(2);

if (command === 'build') {
  const tickets = Number(rest[0] ?? 1_000_000);
  const messages = Number(rest[1] ?? tickets);
  const [admin] = await createUsers(fixture, 1, 'super_admin');
  const agents = await createUsers(fixture, 20, 'admin');
  const customers = await createUsers(fixture, 200, 'user');
  const teamIds: string[] = [];
  for (let i = 0; i < 4; i++) {
    teamIds.push((await createTeam(ctx, admin!, { name: `Team ${i}`, description: '' })).row.id);
  }
  for (const teamId of teamIds.slice(0, 2)) {
    await setTeamMember(ctx, admin!, { teamId, agentId: agents[0]!.id, isLead: false });
  }
  const people = {
    teamIds,
    requesterIds: customers.map((c) => c.id),
    agentIds: agents.map((a) => a.id),
  };
  const now = ctx.clock.now();
  let t0 = performance.now();
  await insertTickets(store, people, tickets, now);
  console.log(`tickets: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  t0 = performance.now();
  await insertMessages(store, people, tickets, messages, now);
  console.log(`messages: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  await analyze(store);
} else if (command === 'time') {
  // p50 / p95 of the service's search for `count` words of the scenario (and of people search).
  const agent = await scenarioAgent();
  const count = Number(rest[0] ?? 100);
  const words = Array.from({ length: count }, (_, i) => WORDS[(i * 37) % WORDS.length]!);
  for (const [name, run] of [
    [
      'tickets',
      (q: string) =>
        searchTickets(ctx, agent, SearchQuery.parse({ q, kind: 'tickets', limit: 20 })),
    ],
    [
      'people',
      (q: string) => searchPeople(ctx, agent, { q: `customer ${q.length % 10}`, limit: 20 }),
    ],
  ] as const) {
    const samples: number[] = [];
    for (const q of words.slice(0, 5)) await run(q);
    for (const q of words) {
      const t0 = performance.now();
      await run(q);
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    const at = (f: number) =>
      samples[Math.min(samples.length - 1, Math.floor(f * samples.length))]!;
    console.log(
      `${name}: p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms over ${count}`,
    );
  }
} else {
  const agent = await scenarioAgent();
  const words = rest.length ? rest : [WORDS[17]!, WORDS[1234]!];
  for (const q of words) {
    issued.length = 0;
    capturing = true;
    let t0 = performance.now();
    const found = await searchTickets(
      ctx,
      agent,
      SearchQuery.parse({ q, kind: 'tickets', limit: 20 }),
    );
    const ticketsMs = performance.now() - t0;
    t0 = performance.now();
    const people = await searchPeople(ctx, agent, { q, limit: 20 });
    const peopleMs = performance.now() - t0;
    capturing = false;
    console.log(
      `\n=== q=${q}: ${found.items.length} tickets in ${ticketsMs.toFixed(1)} ms; ` +
        `${people.items.length} people in ${peopleMs.toFixed(1)} ms`,
    );
    if (databaseUrl) {
      for (const { text, values } of issued) {
        if (/^(begin|commit|rollback)/i.test(text)) continue;
        console.log(`\n--- ${text}\n    ${JSON.stringify(values).slice(0, 300)}`);
        const plan = await sql
          .raw<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${inline(text, values)}`)
          .execute(store.db);
        for (const row of plan.rows) console.log(row['QUERY PLAN']);
      }
    }
  }
}
await fixture.close();

/** The scenario's agent: the first agent created, member of two of the four teams. */
async function scenarioAgent() {
  const row = await store.db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('email', 'like', 'admin-0-%')
    .executeTakeFirstOrThrow();
  return { id: row.id, role: row.role };
}

/** The statement with its parameters written in, for EXPLAIN (which takes no parameters). */
function inline(text: string, values: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) return `array[${value.map((v) => literal(v)).join(',')}]`;
    return literal(value);
  });
}

function literal(value: unknown) {
  return `'${String(value).replace(/'/g, "''")}'`;
}

// Daily chat rollups (docs/reports.md, "How the numbers are kept", "Performance"): a year's report
// summed ~2,200,000 hourly bin rows at 1,000,000 chats, seconds on SQLite. `report_chat_days` and
// `report_chat_day_bins` have the hourly tables' columns and key (team, agent, topic, priority)
// per UTC day; the rollup worker rewrites a day from its hours in the transaction that rewrites
// one of them, so a day is always the sum of its hours. Here the days are filled from the hours
// already counted; hours still marked are counted later and rewrite their day then.
import { sql, type Kysely } from 'kysely';

const DAY_MS = 86_400_000;
const COUNTED = [
  'chats',
  'abandoned',
  'unanswered',
  'transfers',
  'transferred_chats',
  'rating_1',
  'rating_2',
  'rating_3',
  'rating_4',
  'rating_5',
  'wait_ms_total',
  'first_response_ms_total',
  'handle_ms_total',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  let days = db.schema
    .createTable('report_chat_days')
    .addColumn('day_start', 'bigint', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('topic_id', 'text')
    .addColumn('priority', 'text');
  for (const column of COUNTED) {
    days = days.addColumn(column, column.endsWith('_ms_total') ? 'bigint' : 'integer', (c) =>
      c.notNull(),
    );
  }
  await days.execute();
  await db.schema
    .createTable('report_chat_day_bins')
    .addColumn('day_start', 'bigint', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('topic_id', 'text')
    .addColumn('priority', 'text')
    .addColumn('duration', 'text', (c) => c.notNull())
    .addColumn('bin', 'integer', (c) => c.notNull())
    .addColumn('chats', 'integer', (c) => c.notNull())
    .execute();
  // The same two ways in as the hourly tables: a range for the desk, or for a team.
  for (const table of ['report_chat_days', 'report_chat_day_bins']) {
    await db.schema.createIndex(`${table}_day`).on(table).column('day_start').execute();
    await db.schema
      .createIndex(`${table}_team`)
      .on(table)
      .columns(['team_id', 'day_start'])
      .execute();
  }

  const day = sql.raw(`hour_start - (hour_start % ${DAY_MS})`);
  const sums = sql.join(COUNTED.map((column) => sql`sum(${sql.ref(column)})`));
  await sql`
    insert into report_chat_days (day_start, team_id, agent_id, topic_id, priority,
      ${sql.join(COUNTED.map((column) => sql.ref(column)))})
    select ${day}, team_id, agent_id, topic_id, priority, ${sums}
    from report_chat_hours
    group by ${day}, team_id, agent_id, topic_id, priority
  `.execute(db);
  await sql`
    insert into report_chat_day_bins
      (day_start, team_id, agent_id, topic_id, priority, duration, bin, chats)
    select ${day}, team_id, agent_id, topic_id, priority, duration, bin, sum(chats)
    from report_chat_hour_bins
    group by ${day}, team_id, agent_id, topic_id, priority, duration, bin
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_chat_day_bins').execute();
  await db.schema.dropTable('report_chat_days').execute();
}

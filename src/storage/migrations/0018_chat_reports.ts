// Chat reports (docs/reports.md). The chat's row keeps what later changes would overwrite:
// `first_assigned_at` (assigned_at moves with every assignment), `first_response_at` (the first
// agent message ever; first_agent_reply_at restarts per agent) and `transfers`. Metrics are kept
// per UTC hour of the chat's start, team and agent: counts and totals in `report_chat_hours`, and
// the durations' histograms (domain/reports/histogram.ts) as one row per non-empty bin in
// `report_chat_hour_bins`, which SQL sums on both databases. A change to a chat writes a row into
// `report_dirty_hours` in its own transaction; the rollup worker recomputes those hours from the
// chats. Rows are plain inserts, never upserts, so concurrent chats of one hour do not queue on a
// shared row.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('chat_sessions').addColumn('first_assigned_at', 'bigint').execute();
  await db.schema.alterTable('chat_sessions').addColumn('first_response_at', 'bigint').execute();
  await db.schema
    .alterTable('chat_sessions')
    .addColumn('transfers', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Earlier chats: the first agent message from their messages; the first assignment from the
  // earliest join of an agent still on record (an agent who came back records their last join),
  // never after that first message. Their transfers are unknown and stay 0.
  await sql`
    update chat_sessions set first_response_at = (
      select min(m.created_at) from chat_messages m
      where m.session_id = chat_sessions.id
        and m.sender_id is not null
        and m.sender_id <> chat_sessions.user_id
        and m.message_type not in ('system', 'note')
    )`.execute(db);
  await sql`
    update chat_sessions set first_assigned_at = coalesce((
      select min(p.joined_at) from chat_participants p
      where p.session_id = chat_sessions.id and p.role = 'agent'
    ), assigned_at, first_response_at)`.execute(db);
  await sql`
    update chat_sessions set first_assigned_at = first_response_at
    where first_response_at is not null and first_assigned_at > first_response_at`.execute(db);

  await db.schema
    .createTable('report_chat_hours')
    .addColumn('hour_start', 'bigint', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('chats', 'integer', (c) => c.notNull())
    .addColumn('abandoned', 'integer', (c) => c.notNull())
    .addColumn('unanswered', 'integer', (c) => c.notNull())
    .addColumn('transfers', 'integer', (c) => c.notNull())
    .addColumn('transferred_chats', 'integer', (c) => c.notNull())
    .addColumn('rating_1', 'integer', (c) => c.notNull())
    .addColumn('rating_2', 'integer', (c) => c.notNull())
    .addColumn('rating_3', 'integer', (c) => c.notNull())
    .addColumn('rating_4', 'integer', (c) => c.notNull())
    .addColumn('rating_5', 'integer', (c) => c.notNull())
    .addColumn('wait_ms_total', 'bigint', (c) => c.notNull())
    .addColumn('first_response_ms_total', 'bigint', (c) => c.notNull())
    .addColumn('handle_ms_total', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('report_chat_hour_bins')
    .addColumn('hour_start', 'bigint', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('agent_id', 'text')
    // wait, first_response or handle (domain/reports/chatRollup.ts#DURATIONS).
    .addColumn('duration', 'text', (c) => c.notNull())
    .addColumn('bin', 'integer', (c) => c.notNull())
    .addColumn('chats', 'integer', (c) => c.notNull())
    .execute();
  // A range of hours for the desk, or for a team (a team lead's report).
  for (const table of ['report_chat_hours', 'report_chat_hour_bins']) {
    await db.schema.createIndex(`${table}_hour`).on(table).column('hour_start').execute();
    await db.schema
      .createIndex(`${table}_team`)
      .on(table)
      .columns(['team_id', 'hour_start'])
      .execute();
  }

  await db.schema
    .createTable('report_dirty_hours')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The UTC hour a changed chat started in.
    .addColumn('hour_start', 'bigint', (c) => c.notNull())
    .addColumn('marked_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_dirty_hours_hour')
    .on('report_dirty_hours')
    .column('hour_start')
    .execute();
  // Every hour that has chats is rolled up once, by the worker, after the deployment starts.
  await sql`
    insert into report_dirty_hours (id, hour_start, marked_at)
    select 'backfill:' || cast(h.hour_start as text), h.hour_start, 0
    from (select distinct started_at - (started_at % 3600000) as hour_start from chat_sessions) h
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_dirty_hours').execute();
  await db.schema.dropTable('report_chat_hour_bins').execute();
  await db.schema.dropTable('report_chat_hours').execute();
  await db.schema.alterTable('chat_sessions').dropColumn('transfers').execute();
  await db.schema.alterTable('chat_sessions').dropColumn('first_response_at').execute();
  await db.schema.alterTable('chat_sessions').dropColumn('first_assigned_at').execute();
}

// Chat reports filtered by topic and priority (docs/reports.md, "The API"): the hourly rollups
// gain both as part of their key, so a filtered report still sums hourly rows instead of reading
// the chats. A chat's topic and priority are set when it starts and never change, so no new marks
// are needed; the rows already counted are recounted by the worker, newest hours first, the way
// migration 0018 backfilled them. Until an hour is recounted its rows have no topic or priority:
// they still count in an unfiltered report (exact as before), and in no filtered one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['report_chat_hours', 'report_chat_hour_bins']) {
    await db.schema.alterTable(table).addColumn('topic_id', 'text').execute();
    await db.schema.alterTable(table).addColumn('priority', 'text').execute();
  }
  // Its own prefix: marks of 0018's backfill may still be waiting under theirs.
  await sql`
    insert into report_dirty_hours (id, hour_start, marked_at)
    select 'dimensions:' || cast(h.hour_start as text), h.hour_start, 0
    from (select distinct started_at - (started_at % 3600000) as hour_start from chat_sessions) h
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from report_dirty_hours where id like 'dimensions:%'`.execute(db);
  for (const table of ['report_chat_hour_bins', 'report_chat_hours']) {
    await db.schema.alterTable(table).dropColumn('priority').execute();
    await db.schema.alterTable(table).dropColumn('topic_id').execute();
  }
}

// Tickets: the requests tracked until they are solved (docs/tickets.md). The ticket row with its
// number, people, status, SLA due times and links; its thread (public replies and internal
// notes) and history; tags, custom fields and their values, chat links; SLA policies and
// business-hours calendars; and a counter that hands out ticket numbers one after another.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Named counters; `tickets` holds the last ticket number handed out. An upsert that returns
  // the new value, in the creating transaction, keeps numbers gapless and never shared.
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('business_calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    // JSON: { mon: [{start, end}], … } and [day | {from, to}] (domain/tickets/businessCalendar).
    .addColumn('weekly_hours', 'text', (c) => c.notNull())
    .addColumn('holidays', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // A team's policy; null: the desk's, for tickets of teams without one.
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('calendar_id', 'text', (c) => c.references('business_calendars.id'))
    // JSON: { priority: { firstResponseMinutes, resolutionMinutes } } (domain/tickets/slaPolicy).
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('at_risk_fraction', 'real', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // One policy per team, and one for the desk; NULLs never collide in a unique index, ids are never ''.
  await sql`create unique index sla_policies_team on sla_policies (coalesce(team_id, ''))`.execute(
    db,
  );

  await db.schema
    .createTable('ticket_fields')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON: maxLength (text), min / max / integer (number), options (select).
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'bigint', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    // Index of priority in PRIORITIES, so the inbox sorts by a number.
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('first_responded_at', 'bigint')
    .addColumn('solved_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('sla_policy_id', 'text', (c) => c.references('sla_policies.id').onDelete('set null'))
    .addColumn('first_response_due_at', 'bigint')
    .addColumn('first_response_state', 'text')
    .addColumn('resolution_due_at', 'bigint')
    .addColumn('resolution_state', 'text')
    // The soonest due time of a running target: what "sort by SLA due" orders by.
    .addColumn('next_due_at', 'bigint')
    .addColumn('merged_into', 'text', (c) => c.references('tickets.id'))
    .addColumn('follow_up_of', 'text', (c) => c.references('tickets.id'))
    .execute();
  // The inbox: one status (or a few) by last update, the most common view; with a team or an
  // assignee in front for "my open tickets" and a team's queue; priority and SLA due as the
  // other sorts. Every key ends in id, the cursor's tie-breaker, so a page is one index range.
  const ticketIndexes: Array<[string, string[]]> = [
    ['tickets_status_updated', ['status', 'updated_at', 'id']],
    ['tickets_team_status_updated', ['team_id', 'status', 'updated_at', 'id']],
    ['tickets_assignee_status_updated', ['assignee_id', 'status', 'updated_at', 'id']],
    ['tickets_requester_updated', ['requester_id', 'updated_at', 'id']],
    ['tickets_status_priority', ['status', 'priority_rank', 'updated_at', 'id']],
    ['tickets_status_due', ['status', 'next_due_at', 'id']],
    ['tickets_updated', ['updated_at', 'id']],
  ];
  for (const [name, columns] of ticketIndexes) {
    await db.schema.createIndex(name).on('tickets').columns(columns).execute();
  }
  // The automatic close: solved tickets by when they were solved.
  await db.schema
    .createIndex('tickets_solved')
    .on('tickets')
    .column('solved_at')
    .where(sql.ref('status'), '=', 'solved')
    .execute();
  // A retried reply to a closed ticket looks for the follow-up it made.
  await db.schema
    .createIndex('tickets_follow_up_of')
    .on('tickets')
    .column('follow_up_of')
    .where(sql.ref('follow_up_of'), 'is not', null)
    .execute();

  await db.schema
    .createTable('ticket_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The ticket whose thread shows it now: a merge moves messages to the ticket merged into.
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    // The ticket it was written on, for ever: the merged ticket still shows its own.
    .addColumn('origin_ticket_id', 'text', (c) =>
      c.notNull().references('tickets.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_messages_ticket')
    .on('ticket_messages')
    .columns(['ticket_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('ticket_messages_origin')
    .on('ticket_messages')
    .columns(['origin_ticket_id', 'created_at', 'id'])
    .execute();
  // A retried reply carries the same client id: this index makes the retry find the first one.
  await db.schema
    .createIndex('ticket_messages_client_id')
    .on('ticket_messages')
    .columns(['origin_ticket_id', 'author_id', 'client_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    // 1, 2, … per ticket, in the order the changes were made (several may share a millisecond).
    .addColumn('seq', 'integer', (c) => c.notNull())
    // Null: the system (the automatic close).
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // The custom field's key, for `field` events.
    .addColumn('field', 'text')
    // JSON values, before and after.
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_events_ticket_seq')
    .on('ticket_events')
    .columns(['ticket_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createTable('ticket_tags')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_tags_pk', ['ticket_id', 'tag'])
    .execute();
  // The inbox filtered by a tag.
  await db.schema
    .createIndex('ticket_tags_tag')
    .on('ticket_tags')
    .columns(['tag', 'ticket_id'])
    .execute();

  await db.schema
    .createTable('ticket_field_values')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('field_id', 'text', (c) =>
      c.notNull().references('ticket_fields.id').onDelete('cascade'),
    )
    // JSON: a string, number or boolean.
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_field_values_pk', ['ticket_id', 'field_id'])
    .execute();

  // The chats a ticket came from; the chat names its ticket in chat_sessions.ticket_id.
  await db.schema
    .createTable('ticket_chat_links')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('chat_sessions.id').onDelete('cascade'),
    )
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_chat_links_pk', ['ticket_id', 'session_id'])
    .execute();
  await db.schema
    .createIndex('ticket_chat_links_session')
    .on('ticket_chat_links')
    .column('session_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update chat_sessions set ticket_id = null`.execute(db);
  for (const table of [
    'ticket_chat_links',
    'ticket_field_values',
    'ticket_tags',
    'ticket_events',
    'ticket_messages',
    'tickets',
    'ticket_fields',
    'sla_policies',
    'business_calendars',
    'counters',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

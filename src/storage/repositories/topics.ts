// Queries on topics: the start form's choices in their order, the default one, and lookups by id
// or slug, each with the name of the team it leads to.
import type { TopicRow } from '../schema.js';
import type { Db } from '../store.js';

export interface TopicRecord {
  row: TopicRow;
  team: { id: string; name: string };
}

function selectTopics(db: Db) {
  return db
    .selectFrom('topics as tp')
    .innerJoin('teams as t', 't.id', 'tp.team_id')
    .selectAll('tp')
    .select('t.name as team_name')
    .orderBy('tp.position')
    .orderBy('tp.name')
    .orderBy('tp.id');
}

const toRecord = ({ team_name, ...row }: TopicRow & { team_name: string }): TopicRecord => ({
  row,
  team: { id: row.team_id, name: team_name },
});

/** Topics in the start form's order; archived ones only when asked. */
export async function listTopics(
  db: Db,
  options: { includeArchived: boolean },
): Promise<TopicRecord[]> {
  let query = selectTopics(db);
  if (!options.includeArchived) query = query.where('tp.archived_at', 'is', null);
  return (await query.execute()).map(toRecord);
}

export async function findTopic(db: Db, id: string): Promise<TopicRecord | undefined> {
  const row = await selectTopics(db).where('tp.id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** The topic a chat started without one gets, if topics exist. */
export async function findDefaultTopic(db: Db): Promise<TopicRow | undefined> {
  return db
    .selectFrom('topics')
    .selectAll()
    .where('is_default', '=', 1)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

export async function findTopicRow(db: Db, id: string): Promise<TopicRow | undefined> {
  return db.selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countActiveTopics(db: Db): Promise<number> {
  const row = await db
    .selectFrom('topics')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first active topic other than `exceptId`, to become the default in its place. */
export async function firstActiveTopicExcept(
  db: Db,
  exceptId: string,
): Promise<TopicRow | undefined> {
  return db
    .selectFrom('topics')
    .selectAll()
    .where('archived_at', 'is', null)
    .where('id', '<>', exceptId)
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertTopic(db: Db, row: TopicRow): Promise<void> {
  await db.insertInto('topics').values(row).execute();
}

export async function updateTopic(
  db: Db,
  id: string,
  changes: Partial<Omit<TopicRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('topics').set(changes).where('id', '=', id).execute();
}

/** Makes no topic the default (before making another one the default). */
export async function clearDefaultTopic(db: Db, now: number): Promise<void> {
  await db
    .updateTable('topics')
    .set({ is_default: 0, updated_at: now })
    .where('is_default', '=', 1)
    .execute();
}

export async function deleteTopic(db: Db, id: string): Promise<void> {
  await db.deleteFrom('topics').where('id', '=', id).execute();
}

export async function countChatsOfTopic(db: Db, topicId: string): Promise<number> {
  const row = await db
    .selectFrom('chat_sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('topic_id', '=', topicId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

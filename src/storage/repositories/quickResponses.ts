// Queries on quick responses: shared ones (no owner, no team), teams' ones and agents' personal
// ones, with each agent's count of uses.
import { sql, type Selectable } from 'kysely';
import type { ChatQuickResponsesTable, QuickResponseRow } from '../schema.js';
import type { Db } from '../store.js';

/** A response as one agent sees it: with how often they inserted it, and its team's name. */
export interface QuickResponseRecord {
  row: QuickResponseRow;
  useCount: number;
  /** The team whose response it is; null for shared and personal ones. */
  team: { id: string; name: string } | null;
}

type UsedRow = Selectable<ChatQuickResponsesTable> & {
  use_count: number | null;
  team_name: string | null;
};

const toRecord = ({ use_count, team_name, ...row }: UsedRow): QuickResponseRecord => ({
  row,
  useCount: Number(use_count ?? 0),
  team: row.team_id === null ? null : { id: row.team_id, name: team_name ?? '' },
});

/** The responses with `agentId`'s count of uses and their team's name. */
const withUsesOf = (db: Db, agentId: string) =>
  db
    .selectFrom('chat_quick_responses as r')
    .leftJoin('chat_quick_response_uses as u', (join) =>
      join.onRef('u.response_id', '=', 'r.id').on('u.user_id', '=', agentId),
    )
    .leftJoin('teams as t', 't.id', 'r.team_id')
    .selectAll('r')
    .select(['u.use_count', 't.name as team_name']);

/**
 * Shared responses, the agent's own and those of `teamIds` (every team's: 'all'): their most
 * used first, then by title.
 */
export async function listQuickResponsesFor(
  db: Db,
  agentId: string,
  teamIds: readonly string[] | 'all',
): Promise<QuickResponseRecord[]> {
  const rows = await withUsesOf(db, agentId)
    .where((eb) => {
      const offered =
        teamIds === 'all'
          ? eb('r.owner_id', 'is', null)
          : eb.and([
              eb('r.owner_id', 'is', null),
              teamIds.length === 0
                ? eb('r.team_id', 'is', null)
                : eb.or([eb('r.team_id', 'is', null), eb('r.team_id', 'in', [...teamIds])]),
            ]);
      return eb.or([eb('r.owner_id', '=', agentId), offered]);
    })
    .orderBy((eb) => eb.fn.coalesce('u.use_count', eb.val(0)), 'desc')
    .orderBy('r.title')
    .orderBy('r.id')
    .execute();
  return rows.map(toRecord);
}

/** One response, with `agentId`'s count of uses. */
export async function findQuickResponse(
  db: Db,
  id: string,
  agentId: string,
): Promise<QuickResponseRecord | undefined> {
  const row = await withUsesOf(db, agentId).where('r.id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

export async function insertQuickResponse(db: Db, row: QuickResponseRow): Promise<void> {
  await db.insertInto('chat_quick_responses').values(row).execute();
}

export async function updateQuickResponse(
  db: Db,
  id: string,
  changes: Partial<
    Pick<
      QuickResponseRow,
      'title' | 'content' | 'category' | 'shortcut' | 'owner_id' | 'team_id' | 'updated_at'
    >
  >,
): Promise<void> {
  await db.updateTable('chat_quick_responses').set(changes).where('id', '=', id).execute();
}

export async function deleteQuickResponse(db: Db, id: string): Promise<void> {
  await db.deleteFrom('chat_quick_responses').where('id', '=', id).execute();
}

/**
 * Counts one use of the response by the agent, in one upsert; returns their new count, or null
 * when the response is gone (deleted meanwhile: nothing is written).
 */
export async function recordQuickResponseUse(
  db: Db,
  use: { responseId: string; agentId: string; now: number },
): Promise<number | null> {
  const row = await db
    .insertInto('chat_quick_response_uses')
    .columns(['response_id', 'user_id', 'use_count', 'last_used_at'])
    .expression((eb) =>
      eb
        .selectFrom('chat_quick_responses')
        .select([
          'id',
          // Typed, for PostgreSQL to insert parameters of a SELECT into their columns.
          sql<string>`cast(${use.agentId} as text)`.as('user_id'),
          sql<number>`cast(1 as integer)`.as('use_count'),
          sql<number>`cast(${use.now} as bigint)`.as('last_used_at'),
        ])
        .where('id', '=', use.responseId),
    )
    .onConflict((oc) =>
      oc.columns(['user_id', 'response_id']).doUpdateSet((eb) => ({
        use_count: eb('chat_quick_response_uses.use_count', '+', 1),
        last_used_at: use.now,
      })),
    )
    .returning('use_count')
    .executeTakeFirst();
  return row ? Number(row.use_count) : null;
}

// Queries that coordinate nodes: heartbeats, per-node presence of users and sockets of sign-ins,
// and named leases.
import type { Db } from '../store.js';

/** Records this node as alive now (registration and heartbeat alike). */
export async function registerNode(db: Db, nodeId: string, now: number): Promise<void> {
  await db
    .insertInto('nodes')
    .values({ id: nodeId, started_at: now, heartbeat_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: now }))
    .execute();
}

/** Removes this node and its presence rows (graceful shutdown). */
export async function unregisterNode(db: Db, nodeId: string): Promise<void> {
  await db.deleteFrom('presence').where('node_id', '=', nodeId).execute();
  await db.deleteFrom('sign_in_sockets').where('node_id', '=', nodeId).execute();
  await db.deleteFrom('nodes').where('id', '=', nodeId).execute();
}

export async function setPresence(
  db: Db,
  nodeId: string,
  userId: string,
  connections: number,
  now: number,
): Promise<void> {
  if (connections <= 0) {
    await db
      .deleteFrom('presence')
      .where('node_id', '=', nodeId)
      .where('user_id', '=', userId)
      .execute();
    return;
  }
  await db
    .insertInto('presence')
    .values({ node_id: nodeId, user_id: userId, connections, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['node_id', 'user_id']).doUpdateSet({ connections, updated_at: now }),
    )
    .execute();
}

/** This node's count of the sign-in's sockets (the row goes at 0). */
export async function setSignInSockets(
  db: Db,
  nodeId: string,
  authSessionId: string,
  sockets: number,
  now: number,
): Promise<void> {
  if (sockets <= 0) {
    await db
      .deleteFrom('sign_in_sockets')
      .where('node_id', '=', nodeId)
      .where('auth_session_id', '=', authSessionId)
      .execute();
    return;
  }
  await db
    .insertInto('sign_in_sockets')
    .values({ node_id: nodeId, auth_session_id: authSessionId, sockets, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['node_id', 'auth_session_id']).doUpdateSet({ sockets, updated_at: now }),
    )
    .execute();
}

/** The sign-in's sockets on live nodes other than `nodeId`. */
export async function signInSocketsElsewhere(
  db: Db,
  authSessionId: string,
  nodeId: string,
  aliveSince: number,
): Promise<number> {
  const row = await db
    .selectFrom('sign_in_sockets as s')
    .innerJoin('nodes as n', 'n.id', 's.node_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('s.sockets'), eb.lit(0)).as('sockets'))
    .where('s.auth_session_id', '=', authSessionId)
    .where('s.node_id', '<>', nodeId)
    .where('n.heartbeat_at', '>=', aliveSince)
    .executeTakeFirstOrThrow();
  return Number(row.sockets);
}

/** Sign-ins this node has a sockets row for. */
export async function signInsWithSocketsOn(db: Db, nodeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sign_in_sockets')
    .select('auth_session_id')
    .where('node_id', '=', nodeId)
    .execute();
  return rows.map((r) => r.auth_session_id);
}

/** Nodes whose heartbeat stopped (they crashed or were killed), with their last beat. */
export function staleNodes(
  db: Db,
  staleBefore: number,
): Promise<Array<{ id: string; heartbeat_at: number }>> {
  return db
    .selectFrom('nodes')
    .select(['id', 'heartbeat_at'])
    .where('heartbeat_at', '<', staleBefore)
    .execute();
}

/** Users connected through `nodeId`, before its rows are removed. */
export async function usersPresentOn(db: Db, nodeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('presence')
    .select('user_id')
    .where('node_id', '=', nodeId)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Takes or renews the lease `name` for `holder` until `expiresAt`. Returns true when this holder
 * has it: the lease was free, expired, or already theirs.
 */
export async function acquireLease(
  db: Db,
  name: string,
  holder: string,
  now: number,
  expiresAt: number,
): Promise<boolean> {
  const row = await db
    .insertInto('leases')
    .values({ name, holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expiresAt })
        .where((eb) =>
          eb.or([eb('leases.holder', '=', holder), eb('leases.expires_at', '<=', now)]),
        ),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}

/** Whether `userId` has a socket on a node that beat its heartbeat since `aliveSince`. */
export async function isConnectedAnywhere(
  db: Db,
  userId: string,
  aliveSince: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('presence as p')
    .innerJoin('nodes as n', 'n.id', 'p.node_id')
    .select('p.node_id')
    .where('p.user_id', '=', userId)
    .where('p.connections', '>', 0)
    .where('n.heartbeat_at', '>=', aliveSince)
    .executeTakeFirst();
  return row !== undefined;
}

// Routing invariants, checked in the database after a run: no agent over their max, stored load
// equal to open chats, no chat assigned twice, and no chat left waiting while an eligible agent
// has room.
import type { Store } from '../../src/storage/store.js';

export interface InvariantReport {
  violations: string[];
  assigned: number;
  waiting: number;
}

export async function checkRoutingInvariants(store: Store): Promise<InvariantReport> {
  const { db } = store;
  const violations: string[] = [];
  const agents = await db.selectFrom('chat_agent_status').selectAll().execute();
  const open = await db
    .selectFrom('chat_sessions')
    .select((eb) => ['assigned_agent_id', eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active')
    .groupBy('assigned_agent_id')
    .execute();
  const openBy = new Map(open.map((o) => [o.assigned_agent_id, Number(o.n)]));
  for (const agent of agents) {
    const actual = openBy.get(agent.agent_id) ?? 0;
    if (actual !== agent.current_chat_count) {
      violations.push(
        `agent ${agent.agent_id}: stored load ${agent.current_chat_count}, open chats ${actual}`,
      );
    }
    if (actual > agent.max_concurrent_chats) {
      violations.push(
        `agent ${agent.agent_id}: ${actual} open chats over max ${agent.max_concurrent_chats}`,
      );
    }
  }
  const doubleJoins = await db
    .selectFrom('chat_messages')
    .select((eb) => ['session_id', eb.fn.countAll<number>().as('n')])
    .where('message_type', '=', 'system')
    .where('message_text', 'like', '% joined the chat')
    .groupBy('session_id')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  for (const row of doubleJoins)
    violations.push(`session ${row.session_id} assigned ${row.n} times`);
  const waiting = Number(
    (
      await db
        .selectFrom('chat_sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'waiting')
        .executeTakeFirstOrThrow()
    ).n,
  );
  const idleWithRoom = agents.filter(
    (a) =>
      a.status === 'online' &&
      a.auto_assign === 1 &&
      (openBy.get(a.agent_id) ?? 0) < a.max_concurrent_chats,
  );
  if (waiting > 0 && idleWithRoom.length > 0) {
    violations.push(
      `${waiting} chats waiting while ${idleWithRoom.length} eligible agents have room`,
    );
  }
  return { violations, assigned: [...openBy.values()].reduce((a, b) => a + b, 0), waiting };
}

/**
 * How far the final loads are from the fairest possible spread: water-filling gives each agent
 * min(max, level) for the level that places the same number of chats; the spread is the largest
 * difference between an agent's open chats and that fair share.
 */
export function fairnessSpread(agents: Array<{ open: number; max: number }>): number {
  const total = agents.reduce((sum, a) => sum + a.open, 0);
  let level = 0;
  const placed = (l: number) => agents.reduce((sum, a) => sum + Math.min(a.max, l), 0);
  while (placed(level + 1) <= total && level < 1000) level += 1;
  // The chats beyond `level` each go to a different agent with room: fair shares are level or level + 1.
  return agents.reduce((worst, a) => {
    const low = Math.min(a.max, level);
    const high = Math.min(a.max, level + 1);
    const off = a.open < low ? low - a.open : a.open > high ? a.open - high : 0;
    return Math.max(worst, off);
  }, 0);
}

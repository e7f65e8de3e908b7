// The names of the topic and team each chat records, looked up for the sessions about to be
// presented (not joined into every message's session lookup, which needs only ids).
import type { SessionRow } from '../../schema.js';
import type { Db } from '../../store.js';

export interface NamedRecord {
  id: string;
  name: string;
}

export interface SessionRefs {
  topic: NamedRecord | null;
  team: NamedRecord | null;
}

export const NO_REFS: SessionRefs = { topic: null, team: null };

/** Each session's topic and team (with their names), by session id. */
export async function refsBySession(
  db: Db,
  rows: ReadonlyArray<Pick<SessionRow, 'id' | 'topic_id' | 'team_id'>>,
): Promise<Map<string, SessionRefs>> {
  const topicIds = [...new Set(rows.flatMap((r) => (r.topic_id ? [r.topic_id] : [])))];
  const teamIds = [...new Set(rows.flatMap((r) => (r.team_id ? [r.team_id] : [])))];
  const [topics, teams] = await Promise.all([
    topicIds.length === 0
      ? []
      : db.selectFrom('topics').select(['id', 'name']).where('id', 'in', topicIds).execute(),
    teamIds.length === 0
      ? []
      : db.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute(),
  ]);
  const topicById = new Map(topics.map((t) => [t.id, t]));
  const teamById = new Map(teams.map((t) => [t.id, t]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        topic: (r.topic_id && topicById.get(r.topic_id)) || null,
        team: (r.team_id && teamById.get(r.team_id)) || null,
      },
    ]),
  );
}

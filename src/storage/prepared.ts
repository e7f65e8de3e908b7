// Hot queries, built once per dialect and then re-run with new parameters. Building a Kysely
// query (nodes, freezing, compiling to SQL) costs more than SQLite takes to run a small one,
// and the same few queries run for every message; their shape never changes, only the values.
//
// prepared() builds the query with placeholder values, records which parameter slot holds which
// argument, and from then on only substitutes the arguments. Use it only for queries whose
// shape does not depend on the argument values (no `if (x) query.where(…)` on an argument).
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Db } from './store.js';

// Values no caller passes: a private-use character around the argument's index.
const PLACEHOLDER = /^\uE000arg:(\d+)\uE000$/;
const placeholder = (i: number) => `\uE000arg:${i}\uE000`;

interface Plan {
  sql: string;
  /** Per parameter slot: the argument index it takes, or the constant the query fixed. */
  slots: Array<number | { constant: unknown }>;
}

export function prepared<A extends unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Promise<QueryResult<R>> {
  // Keyed by the dialect's adapter: a transaction shares its database's adapter.
  const plans = new WeakMap<object, Plan>();
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let plan = plans.get(adapter);
    if (!plan) {
      plan = planFor(db, build, args.length);
      plans.set(adapter, plan);
    }
    const parameters = plan.slots.map((slot) =>
      typeof slot === 'number' ? args[slot] : slot.constant,
    );
    return db.executeQuery<R>(CompiledQuery.raw(plan.sql, parameters));
  };
}

function planFor<A extends unknown[], R>(
  db: Db,
  build: (db: Db, ...args: A) => Compilable<R>,
  arity: number,
): Plan {
  const placeholders = Array.from({ length: arity }, (_, i) => placeholder(i)) as unknown as A;
  const compiled = build(db, ...placeholders).compile();
  const used = new Set<number>();
  const slots = compiled.parameters.map((parameter) => {
    const match = typeof parameter === 'string' ? PLACEHOLDER.exec(parameter) : null;
    if (!match) return { constant: parameter };
    used.add(Number(match[1]));
    return Number(match[1]);
  });
  // An argument that never reached a parameter was used to shape the query: not preparable.
  if (used.size !== arity)
    throw new Error(`prepared query ignores some of its ${arity} arguments:\n${compiled.sql}`);
  return { sql: compiled.sql, slots };
}

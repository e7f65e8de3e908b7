// How many WebSockets each sign-in holds, over every node. Each node counts its own sockets per
// sign-in and records the count in the database (as presence does per person); a new socket is
// admitted only while the sign-in's count over live nodes is under the limit, decided under a
// deployment-wide lock per sign-in, so two nodes admitting at the same moment cannot both take
// the last place. A dead node's rows go with it (cluster.ts#unregisterNode), and rows of a node
// that stopped beating no longer count even before that.
import { AppError, rateLimited } from '../../domain/errors.js';
import {
  setSignInSockets,
  signInSocketsElsewhere,
  signInsWithSocketsOn,
} from '../../storage/repositories/cluster.js';
import type { ServiceContext } from '../context.js';

/** A place frees only when another socket of the sign-in closes: there is no telling when. */
const REFUSED_RETRY_MS = 30_000;

export class SignInSockets {
  /** This node's sockets per sign-in (auth session id). */
  private readonly local = new Map<string, number>();
  /** Per sign-in, the last change queued: one sign-in's changes are made in order. */
  private readonly turns = new Map<string, Promise<void>>();
  /** A write failed (database unreachable), so the rows may disagree with `local`. */
  private outOfSync = false;
  /** The node is stopping: its rows go with it (forgetNode), sockets closing now write nothing. */
  private stopped = false;

  constructor(private readonly ctx: ServiceContext) {}

  /** Counts one more socket of the sign-in here; RATE_LIMITED when it already holds its limit. */
  admit(signInId: string): Promise<void> {
    return this.inTurn(signInId, async () => {
      const { store, nodeId, clock, settings } = this.ctx;
      const limit = settings.abuseLimits.socketsPerSignIn;
      const here = this.local.get(signInId) ?? 0;
      const now = clock.now();
      // Grouped: a wave of sockets opening at once (reconnects after a restart) shares commits.
      await store.groupedTransaction(async (trx) => {
        await store.lockForTransaction(trx, `sign-in-sockets:${signInId}`);
        const elsewhere = await signInSocketsElsewhere(
          trx,
          signInId,
          nodeId,
          now - settings.nodeStaleMs,
        );
        if (here + elsewhere >= limit) {
          throw rateLimited(
            `This sign-in already has ${limit} connections open; close a tab or window`,
            REFUSED_RETRY_MS,
          );
        }
        await setSignInSockets(trx, nodeId, signInId, here + 1, now);
      }, signInId);
      this.local.set(signInId, here + 1);
    });
  }

  /** One admitted socket of the sign-in closed here. */
  released(signInId: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return this.inTurn(signInId, async () => {
      const here = Math.max(0, (this.local.get(signInId) ?? 1) - 1);
      if (here === 0) this.local.delete(signInId);
      else this.local.set(signInId, here);
      const { store, nodeId, clock } = this.ctx;
      await store.groupedTransaction(
        (trx) => setSignInSockets(trx, nodeId, signInId, here, clock.now()),
        signInId,
      );
    });
  }

  /**
   * Rewrites this node's rows from its own counts, when a write failed or when `removed` (another
   * node presumed this one dead and deleted them).
   */
  async reconcile(removed: boolean): Promise<void> {
    if (!removed && !this.outOfSync) return;
    this.outOfSync = false;
    const { store, nodeId, clock } = this.ctx;
    const recorded = await signInsWithSocketsOn(store.db, nodeId);
    const signIns = new Set([...this.local.keys(), ...recorded]);
    await Promise.all(
      [...signIns].map((signInId) =>
        this.inTurn(signInId, () =>
          setSignInSockets(store.db, nodeId, signInId, this.local.get(signInId) ?? 0, clock.now()),
        ),
      ),
    );
  }

  /**
   * The node is stopping: sockets that close from now on write nothing (the node's rows are
   * deleted with the node as it leaves), and the changes already queued are waited for.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.turns.values()]);
  }

  /** Runs `work` after the sign-in's previous change; a failed write marks the rows out of sync. */
  private inTurn(signInId: string, work: () => Promise<void>): Promise<void> {
    const turn = (this.turns.get(signInId) ?? Promise.resolve()).then(work);
    const settled = turn.catch((error: unknown) => {
      if (!(error instanceof AppError)) this.outOfSync = true;
    });
    this.turns.set(signInId, settled);
    void settled.then(() => {
      if (this.turns.get(signInId) === settled) this.turns.delete(signInId);
    });
    return turn;
  }
}

// The agent's quick responses as one list for the whole sign-in, shared by every open chat's
// composer. It is fetched again whenever it may have changed unseen: after a reconnect, when a
// composer opens its quick-response picker, and after the agent edits their responses. An insert
// is counted on the server and at once in the list, so the picker's most used first follows it.
import type { QuickResponse } from '../../shared/api.js';
import { Observable, type Readable } from '../state/observable.js';

export class QuickResponseCatalog implements Readable<readonly QuickResponse[]> {
  private readonly list = new Observable<readonly QuickResponse[]>([]);
  private loading: Promise<void> | null = null;
  private stale = false;

  constructor(
    private readonly load: () => Promise<readonly QuickResponse[]>,
    private readonly countUse: (id: string) => Promise<unknown> = async () => {},
  ) {}

  /** The agent inserted `id`: one more use, here now and on the server (a failure is no harm). */
  recordUse(id: string): void {
    this.list.set(
      this.get().map((response) =>
        response.id === id ? { ...response, useCount: response.useCount + 1 } : response,
      ),
    );
    this.countUse(id).catch(() => {
      // Offline or deleted meanwhile: the count is only an ordering hint.
    });
  }

  get(): readonly QuickResponse[] {
    return this.list.get();
  }

  subscribe(listener: () => void): () => void {
    return this.list.subscribe(listener);
  }

  /**
   * Fetches the list again. One request at a time: a refresh asked for while one is running
   * (an edit just saved) runs once more after it, so the newest list always wins. A failure
   * keeps the list shown; the next refresh tries again.
   */
  refresh(): Promise<void> {
    if (this.loading) {
      this.stale = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.stale = false;
          this.list.set(await this.load());
        } while (this.stale);
      } catch {
        // Offline or refused: the composer keeps the list it had.
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}

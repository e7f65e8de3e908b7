// One connection's feed of one session: replays what the client missed from the database, then
// forwards live events in sequence order. A live event that skips ahead (a gap, as when frames
// from two nodes cross on the bus) sends the feed back to the database to fill the gap, so the
// client sees every event once and in order.
import type { ServerFrame } from '../shared/protocol.js';
import type { SessionEventFrame } from '../services/messages/messageReader.js';

/** Events read from the database per query while catching up. */
const REPLAY_PAGE = 500;
/**
 * Reads while a gap stays open before waiting for the next event or resync to try again. A gap
 * normally closes on the first re-read; this bound only stops a runaway loop.
 */
const MAX_GAP_ATTEMPTS = 20;

export interface FeedIo {
  /** The session's durable events after `afterSeq`, in order, at most `limit`. */
  readEvents(afterSeq: number, limit: number): Promise<SessionEventFrame[]>;
  send(frame: ServerFrame): void;
  onError(error: unknown): void;
}

export class SessionFeed {
  private lastSeq: number;
  private syncing: Promise<void> | null = null;
  private resyncRequested = false;
  private closed = false;
  /** Live events that arrived while syncing, applied once the sync is done. */
  private pending: SessionEventFrame[] = [];

  constructor(
    readonly sessionId: string,
    afterSeq: number,
    private readonly io: FeedIo,
  ) {
    this.lastSeq = afterSeq;
  }

  get seq(): number {
    return this.lastSeq;
  }

  /** Replays everything after the client's seq; resolves when the feed is live. */
  start(): Promise<void> {
    return this.sync();
  }

  /** A frame for this session arrived from the bus. */
  receive(frame: ServerFrame): void {
    if (this.closed) return;
    if (frame.type !== 'session.event') {
      this.io.send(frame);
      return;
    }
    if (this.syncing) {
      this.pending.push(frame);
      return;
    }
    this.apply(frame);
  }

  /** Catch up from the database (after the bus lost frames). */
  resync(): void {
    if (this.closed) return;
    if (this.syncing) {
      this.resyncRequested = true;
      return;
    }
    void this.sync();
  }

  close(): void {
    this.closed = true;
    this.pending = [];
  }

  private apply(frame: SessionEventFrame): void {
    if (frame.seq <= this.lastSeq) return;
    if (frame.seq > this.lastSeq + 1) {
      this.pending.push(frame);
      void this.sync();
      return;
    }
    this.lastSeq = frame.seq;
    this.io.send(frame);
  }

  private sync(): Promise<void> {
    if (!this.syncing) {
      this.syncing = this.catchUp().finally(() => {
        this.syncing = null;
      });
    }
    return this.syncing;
  }

  private async catchUp(): Promise<void> {
    try {
      for (let attempt = 0; !this.closed; attempt++) {
        this.resyncRequested = false;
        await this.readFromDatabase();
        this.applyPending();
        const gap = this.pending.length > 0;
        if (!gap && !this.resyncRequested) return;
        // A live event ahead of the database's answer means its predecessors committed just after
        // we read (sequence order is commit order): read again, briefly backing off.
        if (gap && attempt >= MAX_GAP_ATTEMPTS) return;
        if (gap) await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
      }
    } catch (error) {
      this.io.onError(error);
    }
  }

  private async readFromDatabase(): Promise<void> {
    for (;;) {
      const frames = await this.io.readEvents(this.lastSeq, REPLAY_PAGE);
      if (this.closed) return;
      for (const frame of frames) {
        // Closed by what it just sent (the viewer lost access): nothing more goes out.
        if (this.closed) return;
        if (frame.seq !== this.lastSeq + 1) break;
        this.lastSeq = frame.seq;
        this.io.send(frame);
      }
      if (frames.length < REPLAY_PAGE) return;
    }
  }

  /** Sends buffered live events that now follow on; keeps those still beyond a gap. */
  private applyPending(): void {
    const pending = this.pending.sort((a, b) => a.seq - b.seq);
    this.pending = [];
    for (const frame of pending) {
      if (this.closed) return;
      if (frame.seq <= this.lastSeq) continue;
      if (frame.seq === this.lastSeq + 1) {
        this.lastSeq = frame.seq;
        this.io.send(frame);
      } else {
        this.pending.push(frame);
      }
    }
  }
}

// Requests sent over the socket that wait for their reply: each gets a fresh `ref`, the server
// echoes it in its ack, subscribed, unsubscribed, pong or error, and the matching promise settles.
import type { ServerFrame } from '../../shared/protocol.js';

/** The server answered a request with an error frame. */
export class FrameError extends Error {
  override readonly name = 'FrameError';
  constructor(
    readonly code: string,
    message: string,
    /** With RATE_LIMITED, when the server said trying again makes sense. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The link dropped (or was down) before the reply came: the request may not have been applied. */
export class LinkLostError extends Error {
  override readonly name = 'LinkLostError';
  constructor() {
    super('The connection to Switchboard was lost');
  }
}

export class PendingRequests {
  private nextRef = 0;
  private readonly waiting = new Map<
    string,
    { resolve: (frame: ServerFrame) => void; reject: (error: Error) => void }
  >();

  /** A new ref, and the promise of the reply that will carry it. */
  open(): { ref: string; reply: Promise<ServerFrame> } {
    const ref = `r${++this.nextRef}`;
    const reply = new Promise<ServerFrame>((resolve, reject) => {
      this.waiting.set(ref, { resolve, reject });
    });
    return { ref, reply };
  }

  /** Settles the request this frame answers, if any. */
  settle(frame: ServerFrame): void {
    const ref = 'ref' in frame ? frame.ref : undefined;
    const request = ref === undefined ? undefined : this.waiting.get(ref);
    if (!request || ref === undefined) return;
    this.waiting.delete(ref);
    if (frame.type === 'error') {
      const { code, message, retryAfterSeconds } = frame.error;
      request.reject(new FrameError(code, message, retryAfterSeconds));
    } else {
      request.resolve(frame);
    }
  }

  /** The link is gone: no reply will come for anything still waiting. */
  failAll(): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const request of waiting) request.reject(new LinkLostError());
  }
}

// A token bucket per connection: a client may send bursts, but not floods.

export class FrameBudget {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: { now(): number },
  ) {
    this.tokens = burst;
    this.updatedAt = clock.now();
  }

  /** Spends one token; false when the client is over its budget. */
  take(): boolean {
    const now = this.clock.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond,
    );
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

// Tells the other side "typing…" without flooding the socket: typing:true when typing starts and
// again every few seconds while it goes on (so their indicator does not time out), typing:false
// after a pause, a send or leaving the composer.

export interface TypingSignalOptions {
  /** Repeat typing:true this often while typing continues. */
  repeatMs: number;
  /** Say typing:false after this long without a keystroke. */
  idleMs: number;
}

const DEFAULT_TYPING_SIGNAL: TypingSignalOptions = { repeatMs: 3000, idleMs: 4000 };

export class TypingSignal {
  private active = false;
  private sentAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly emit: (typing: boolean) => void,
    private readonly options: TypingSignalOptions = DEFAULT_TYPING_SIGNAL,
  ) {}

  /** A keystroke in the composer. */
  input(): void {
    const now = Date.now();
    if (!this.active || now - this.sentAt >= this.options.repeatMs) {
      this.active = true;
      this.sentAt = now;
      this.emit(true);
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.options.idleMs);
  }

  /** Typing is over (sent, paused, or the composer was left). */
  stop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.active) return;
    this.active = false;
    this.emit(false);
  }
}

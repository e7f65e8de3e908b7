// What happened to each message of an open-loop run: when it was due, and how long its ack and
// its delivery took. A message still unanswered when the run ends counts with the time it had
// waited by then (a lower bound), so messages that never arrive raise the percentiles instead of
// vanishing from them.
import { summarize, type LatencySummary } from './stats.js';

export interface Outcomes {
  sent: number;
  /** Due → the agent received it; undelivered messages count as "waited until the end". */
  delivery: LatencySummary;
  /** Due → the sender's ack; unacknowledged messages count as "waited until the end". */
  ack: LatencySummary;
  /** Sent but never delivered by the end of the run. */
  lost: number;
  /** Measured messages that were delivered (for the delivered rate). */
  deliveredMeasured: number;
  /** Per second of the schedule: the messages due then and how they fared. */
  windows: Array<{
    second: number;
    rate: number;
    ackP99: number;
    deliveryP99: number;
    lost: number;
  }>;
}

export class MessageLog {
  private readonly ackMs: Float64Array;
  private readonly deliveryMs: Float64Array;
  private sentCount = 0;
  private acked = 0;
  private delivered = 0;
  /** Measured messages acknowledged after the ack limit. */
  private slowAcks = 0;
  /** Every message before this one has been acknowledged. */
  private oldestUnacked = 0;
  private readonly measuredTotal: number;

  /**
   * @param due when each message is due, in milliseconds from the start of the schedule (rising);
   *   every other time given to the log counts from the same start
   * @param measuredFrom messages due before this are warm-up: sent, not measured
   * @param ackLimitMs the ack p99 limit that ackP99CertainlyReaches() watches for
   */
  constructor(
    private readonly due: Float64Array,
    private readonly measuredFrom: number,
    private readonly ackLimitMs = Infinity,
  ) {
    this.ackMs = new Float64Array(due.length).fill(NaN);
    this.deliveryMs = new Float64Array(due.length).fill(NaN);
    this.measuredTotal = due.filter((at) => at >= measuredFrom).length;
  }

  /** Messages 0..k-1 have been sent. */
  sentUpTo(k: number): void {
    this.sentCount = k;
  }

  get sent(): number {
    return this.sentCount;
  }

  /** Every sent message has been acknowledged and delivered. */
  settled(): boolean {
    return this.delivered === this.sentCount && this.acked === this.sentCount;
  }

  ack(k: number, now: number): void {
    if (!(k < this.sentCount) || !Number.isNaN(this.ackMs[k]!)) return;
    const latency = now - this.due[k]!;
    this.ackMs[k] = latency;
    this.acked += 1;
    if (latency >= this.ackLimitMs && this.due[k]! >= this.measuredFrom) this.slowAcks += 1;
  }

  delivery(k: number, now: number): void {
    if (!(k < this.sentCount) || !Number.isNaN(this.deliveryMs[k]!)) return;
    this.deliveryMs[k] = now - this.due[k]!;
    this.delivered += 1;
  }

  /**
   * Whether the ack p99 over the whole schedule will reach the limit whatever happens next: more
   * than 1 % of the measured messages were, or are still waiting, at least that long.
   */
  ackP99CertainlyReaches(now: number): boolean {
    const n = this.measuredTotal;
    if (n === 0 || !Number.isFinite(this.ackLimitMs)) return false;
    while (this.oldestUnacked < this.sentCount && !Number.isNaN(this.ackMs[this.oldestUnacked]!))
      this.oldestUnacked += 1;
    let slow = this.slowAcks;
    for (
      let k = this.oldestUnacked;
      k < this.sentCount && now - this.due[k]! >= this.ackLimitMs;
      k++
    ) {
      if (Number.isNaN(this.ackMs[k]!) && this.due[k]! >= this.measuredFrom) slow += 1;
    }
    // summarize() takes the sample at floor(0.99 n) of the sorted list as p99.
    return slow >= n - Math.floor(0.99 * n);
  }

  /** The outcome of every sent message, `end` being when the run stopped waiting. */
  outcomes(end: number): Outcomes {
    const ack: number[] = [];
    const delivery: number[] = [];
    const windows = new Map<number, { ack: number[]; delivery: number[]; lost: number }>();
    let lost = 0;
    let deliveredMeasured = 0;
    for (let k = 0; k < this.sentCount; k++) {
      const due = this.due[k]!;
      const waited = end - due;
      const acked = Number.isNaN(this.ackMs[k]!) ? waited : this.ackMs[k]!;
      const arrived = !Number.isNaN(this.deliveryMs[k]!);
      const delivered = arrived ? this.deliveryMs[k]! : waited;
      if (!arrived) lost += 1;
      const second = Math.floor(due / 1000);
      const window = windows.get(second) ?? { ack: [], delivery: [], lost: 0 };
      windows.set(second, window);
      window.ack.push(acked);
      window.delivery.push(delivered);
      if (!arrived) window.lost += 1;
      if (due < this.measuredFrom) continue;
      ack.push(acked);
      delivery.push(delivered);
      if (arrived) deliveredMeasured += 1;
    }
    return {
      sent: this.sentCount,
      delivery: summarize(delivery),
      ack: summarize(ack),
      lost,
      deliveredMeasured,
      windows: [...windows].map(([second, w]) => ({
        second,
        rate: w.ack.length,
        ackP99: summarize(w.ack).p99,
        deliveryP99: summarize(w.delivery).p99,
        lost: w.lost,
      })),
    };
  }
}

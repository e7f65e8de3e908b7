// The next response target's stretch of waiting: after the desk's first public reply, a
// requester's public reply that finds the desk answered starts a wait, and the desk's next public
// reply ends it. Only the latest wait counts for the ticket's SLA (each wait has its own alerts).

export interface PublicReply {
  at: Date;
  /** Written by the ticket's requester (else by the desk). */
  byRequester: boolean;
}

export interface ResponseCycle {
  /** The requester's reply that started the wait. */
  since: Date;
  /** The desk's reply that ended it; null: still waiting. */
  answeredAt: Date | null;
}

/** The latest wait in `replies` (oldest first), or null when there was none. */
export function latestResponseCycle(
  replies: readonly PublicReply[],
  firstRespondedAt: Date | null,
): ResponseCycle | null {
  if (firstRespondedAt === null) return null;
  let cycle: ResponseCycle | null = null;
  for (const reply of replies) {
    // What the requester wrote before the first response belongs to the first response target.
    if (reply.at.getTime() <= firstRespondedAt.getTime()) continue;
    if (reply.byRequester) {
      if (cycle === null || cycle.answeredAt !== null)
        cycle = { since: reply.at, answeredAt: null };
    } else if (cycle !== null && cycle.answeredAt === null) {
      cycle = { since: cycle.since, answeredAt: reply.at };
    }
  }
  return cycle;
}

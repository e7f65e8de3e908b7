// Whether a frame of a followed session may reach its viewer. The facts the view policy needs are
// kept current by the session's own events, applied in seq order as the feed delivers them, so
// access is checked for as long as a subscription lasts, not only when it starts.
import { sessionPolicy, type SessionFacts, type Viewer } from '../domain/policies.js';
import type { Session } from '../shared/api.js';
import type { ServerFrame } from '../shared/protocol.js';

/**
 * What to do with a frame: forward it; forward it and tell whoever follows the facts
 * (`changed`); drop it; or end the subscription without it (`revoked`).
 */
export type Admission = 'forward' | 'changed' | 'drop' | 'revoked';

/**
 * The facts after a session.updated event. The agent who had the chat stays a past agent (as in
 * chat_participants), so a transfer keeps their read access exactly as the REST API does.
 */
function factsAfter(facts: SessionFacts, session: Session): SessionFacts {
  const pastAgentIds = new Set(facts.pastAgentIds);
  if (facts.agentId) pastAgentIds.add(facts.agentId);
  return {
    customerId: facts.customerId,
    agentId: session.agent?.id ?? null,
    status: session.status,
    pastAgentIds: [...pastAgentIds],
    ...(facts.mentionedAgentIds ? { mentionedAgentIds: facts.mentionedAgentIds } : {}),
    // A team lead's access follows the chat's team: frames carry it for every agent.
    teamId: session.team?.id ?? null,
  };
}

export class SubscriptionAccess {
  constructor(
    private readonly viewer: Viewer,
    private current: SessionFacts,
    /** The seq of the session's latest event when `current` was read. */
    private factsSeq: number,
  ) {}

  get facts(): SessionFacts {
    return this.current;
  }

  /**
   * The viewer was mentioned in one of the chat's notes (`note.mentioned`): from now on they may
   * read it even once it is no longer waiting, as the REST API lets them.
   */
  mentioned(): void {
    const mentioned = this.current.mentionedAgentIds ?? [];
    if (mentioned.includes(this.viewer.id)) return;
    this.current = { ...this.current, mentionedAgentIds: [...mentioned, this.viewer.id] };
  }

  /** Frames must come in the order the feed delivers them (events in seq order). */
  admit(frame: ServerFrame): Admission {
    if (frame.type === 'typing') {
      // Someone the facts do not know yet is typing: the event that brought them is still on
      // its way, and with it perhaps the end of this viewer's access.
      const { customerId, agentId } = this.current;
      return frame.user.id === customerId || frame.user.id === agentId ? 'forward' : 'drop';
    }
    if (
      frame.type !== 'session.event' ||
      frame.event.kind !== 'session.updated' ||
      frame.seq <= this.factsSeq
    ) {
      return 'forward';
    }
    this.current = factsAfter(this.current, frame.event.session);
    this.factsSeq = frame.seq;
    return sessionPolicy.view(this.viewer, this.current) ? 'changed' : 'revoked';
  }
}

// The event bus: how a change committed on one node reaches every socket that cares, on any node.
// Topics name an audience; frames are protocol frames, already presented.
import type { ServerFrame } from '../shared/protocol.js';

export type FrameHandler = (frame: ServerFrame) => void;

export interface EventBus {
  publish(topic: string, frame: ServerFrame): void;
  /**
   * Starts delivering `topic`'s frames to `handler`. Resolves once frames published anywhere
   * from now on will arrive (so a reader can then catch up from the database without a gap);
   * the resolved function stops delivery.
   */
  subscribe(topic: string, handler: FrameHandler): Promise<() => void>;
  /**
   * Called after the bus lost and regained its link (Redis restarted): frames published in the
   * gap were not delivered, so listeners catch up from the database.
   */
  onResume(listener: () => void): void;
  /** False while the link to other nodes is down (readiness reports it). */
  isConnected(): boolean;
  close(): Promise<void>;
}

export const topics = {
  /** Everything durable or ephemeral about one chat session. */
  session: (sessionId: string) => `session:${sessionId}`,
  /** The waiting queue, for agents. */
  queue: 'queue',
  /** Agents' status and load, for agents and super admins. */
  agents: 'agents',
  /** Every session change, for super admins monitoring all chats. */
  monitor: 'monitor',
  /** Every ticket's invalidations, for agents (who refetch through the checked API). */
  tickets: 'tickets',
  /** One ticket's frames, for its page (the per-ticket feed). */
  ticket: (ticketId: string) => `ticket:${ticketId}`,
  /** Who of the desk has one ticket open, and who is writing on it (collision detection). */
  ticketPresence: (ticketId: string) => `ticket-presence:${ticketId}`,
  /** One person's own lists and account. */
  user: (userId: string) => `user:${userId}`,
  /** The sockets opened with one sign-in, named by a digest of its secret (see realtime/signIn.ts). */
  signIn: (digest: string) => `sign-in:${digest}`,
  /** Signals to every node, such as `refresh` when a node died with frames it never sent. */
  deployment: 'deployment',
} as const;

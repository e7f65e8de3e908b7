// Matchers and views over the frames a test socket recorded.
import { expect } from 'vitest';
import type { ServerFrame } from '../../../src/shared/protocol.js';
import type { SocketClient } from '../../support/testNode.js';

export type EventFrame = Extract<ServerFrame, { type: 'session.event' }>;
export type Message = Extract<EventFrame['event'], { kind: 'message.created' }>['message'];

export const isEvent =
  (sessionId: string, kind?: EventFrame['event']['kind']) =>
  (frame: ServerFrame): frame is EventFrame =>
    frame.type === 'session.event' &&
    frame.sessionId === sessionId &&
    (kind === undefined || frame.event.kind === kind);

export const isUpdate = (sessionId: string, change: string) => (frame: ServerFrame) =>
  isEvent(sessionId, 'session.updated')(frame) &&
  (frame.event as { change: string }).change === change;

export const isReadBy = (sessionId: string, readerId: string) => (frame: ServerFrame) =>
  isEvent(sessionId, 'messages.read')(frame) &&
  (frame.event as { reader: { id: string } }).reader.id === readerId;

export const isMessage = (sessionId: string, messageId: string) => (frame: ServerFrame) =>
  isEvent(sessionId, 'message.created')(frame) &&
  (frame.event as { message: Message }).message.id === messageId;

/** The session's events as this socket received them, in arrival order. */
export const eventsOf = (socket: SocketClient, sessionId: string): EventFrame[] =>
  socket.frames.filter(isEvent(sessionId));

/** Checks the socket got the session's events exactly once each, in order, from `firstSeq`. */
export function expectContiguous(events: EventFrame[], firstSeq: number): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => firstSeq + i));
}

/** A comparable summary of an event: what it is and, for messages, which message. */
export const describeEvent = (frame: EventFrame): string => {
  const { event } = frame;
  switch (event.kind) {
    case 'message.created':
      return `${frame.seq} message ${event.message.id}`;
    case 'session.updated':
      return `${frame.seq} ${event.change}`;
    case 'messages.read':
      return `${frame.seq} read by ${event.reader.id} up to ${event.upToSeq}`;
  }
};

// Frames as each socket's person may see them: frames travel the bus presented for FAN_OUT (every
// detail, as a session's frames reach its customer and its agents alike), and each socket passes
// them through here before sending, so a person in a frame shows what the REST API would show.
import type { Message, Person } from '../shared/api.js';
import type { ServerFrame, SessionEvent } from '../shared/protocol.js';
import { FAN_OUT, presentPerson, seesEveryEmail, type Audience } from './presenters.js';

/**
 * A frame as `audience` may see it, with every person in it presented again: frames travel the
 * bus presented for FAN_OUT, and a socket passes each one through here before sending it. A new
 * frame type does not compile until it is placed below.
 */
export function presentFrame(frame: ServerFrame, audience: Audience): ServerFrame {
  if (seesEveryEmail(audience)) return withoutOwnNotes(frame, audience);
  const person = (someone: Person) => presentPerson(someone, audience);
  switch (frame.type) {
    case 'hello':
    case 'typing':
    case 'ticket.presence':
      return { ...frame, user: person(frame.user) };
    case 'session.event':
      return { ...frame, event: presentEventFor(frame.event, person) };
    case 'ack':
      return frame.message ? { ...frame, message: messageFor(frame.message, person) } : frame;
    case 'agent.status':
      return { ...frame, state: { ...frame.state, agent: person(frame.state.agent) } };
    case 'console.changes':
      return {
        ...frame,
        agents: frame.agents.map((state) => ({ ...state, agent: person(state.agent) })),
      };
    case 'chats.requeued':
      return { ...frame, agent: person(frame.agent) };
    case 'note.mentioned':
      return {
        ...frame,
        customer: person(frame.customer),
        message: messageFor(frame.message, person),
      };
    // Only agents receive offers (on their own topic); should one stray, it says nothing of notes.
    case 'transfer.offer':
      return {
        ...frame,
        offer: {
          ...frame.offer,
          note: null,
          customer: person(frame.offer.customer),
          from: person(frame.offer.from),
          to: person(frame.offer.to),
          by: person(frame.offer.by),
        },
      };
    // No people in these.
    case 'subscribed':
    case 'unsubscribed':
    case 'queue.position':
    case 'queue.changed':
    case 'sessions.changed':
    case 'ticket.created':
    case 'ticket.updated':
    case 'ticket.message':
    case 'ticket.sla':
    case 'dashboard.snapshot': // agents' names only, for super admins and team leads
    case 'ticket.subscribed':
    case 'ticket.unsubscribed':
    case 'refresh':
    case 'error':
    case 'pong':
    case 'bye':
      return frame;
  }
}

/**
 * An agent's frames go as they are, but for the chat they started as a customer: there they see
 * nothing of its notes, not even the handover note's id.
 */
function withoutOwnNotes(frame: ServerFrame, audience: Audience): ServerFrame {
  if (
    audience === FAN_OUT ||
    frame.type !== 'session.event' ||
    frame.event.kind !== 'session.updated' ||
    frame.event.session.handoverNoteId === null ||
    frame.event.session.customer.id !== audience.viewer.id
  ) {
    return frame;
  }
  return {
    ...frame,
    event: { ...frame.event, session: { ...frame.event.session, handoverNoteId: null } },
  };
}

type PersonFor = (someone: Person) => Person;

function presentEventFor(event: SessionEvent, person: PersonFor): SessionEvent {
  switch (event.kind) {
    case 'message.created':
      return { ...event, message: messageFor(event.message, person) };
    case 'session.updated':
      return {
        ...event,
        session: {
          ...event.session,
          // Only agents see the team and the handover note (presentFrame returned agents'
          // frames as they were).
          team: null,
          handoverNoteId: null,
          customer: person(event.session.customer),
          agent: event.session.agent && person(event.session.agent),
        },
      };
    case 'messages.read':
      return { ...event, reader: person(event.reader) };
  }
}

const messageFor = (message: Message, person: PersonFor): Message => ({
  ...message,
  sender: message.sender && person(message.sender),
});

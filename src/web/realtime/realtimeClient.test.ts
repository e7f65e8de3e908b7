import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES, type ServerFrame } from '../../shared/protocol.js';
import { fakeRealtime } from '../testing/fakeSocket.js';
import { FrameError, LinkLostError } from './pendingRequests.js';
import type { SessionFeed } from './realtimeClient.js';

const setup = fakeRealtime;

function feed(seq = 0): SessionFeed & { events: number[]; live: number; revoked: number } {
  const state = { seq, events: [] as number[], live: 0, revoked: 0 };
  return {
    get events() {
      return state.events;
    },
    get live() {
      return state.live;
    },
    get revoked() {
      return state.revoked;
    },
    lastSeq: () => state.seq,
    onEvent: (frame) => {
      state.events.push(frame.seq);
      state.seq = frame.seq;
    },
    onLive: () => {
      state.live++;
    },
    onTyping: () => {},
    onQueuePosition: () => {},
    onRefused: () => {},
    onRevoked: () => {
      state.revoked++;
    },
  };
}

/** Event `seq` of session s1; which event does not matter to the client, only its seq. */
function sessionEvent(seq: number): ServerFrame {
  return {
    type: 'session.event',
    sessionId: 's1',
    seq,
    event: {
      kind: 'messages.read',
      reader: { id: 'a', name: 'A', email: null, role: 'admin' },
      upToSeq: 0,
      readAt: '',
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('RealtimeClient', () => {
  it('is connected once the server says hello, and subscribes followed sessions', () => {
    const { client, current } = setup();
    const states: string[] = [];
    client.onState((s) => states.push(s));
    client.follow('s1', feed(4));
    client.start();
    expect(client.state).toBe('connecting');
    current().greet();
    expect(client.state).toBe('connected');
    expect(current().last('subscribe')).toMatchObject({ sessionId: 's1', afterSeq: 4 });
    expect(states).toEqual(['connected']);
  });

  it('resumes each session from the last seq it applied after a reconnect', () => {
    const { client, current, sockets } = setup();
    const chat = feed(0);
    client.follow('s1', chat);
    client.start();
    current().greet();
    const ref = current().last('subscribe')!.ref!;
    current().deliver(sessionEvent(1));
    current().deliver({ type: 'subscribed', ref, sessionId: 's1', seq: 1 });
    expect(client.isLive('s1')).toBe(true);

    current().deliver({ type: 'bye', reason: 'server restarting', retryMs: 500 });
    current().drop(CLOSE_CODES.RESTARTING);
    expect(client.state).toBe('reconnecting');
    expect(client.isLive('s1')).toBe(false);
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    current().greet();
    expect(current().last('subscribe')).toMatchObject({ sessionId: 's1', afterSeq: 1 });
  });

  it('backs off between failed attempts and tells listeners when it resumes', () => {
    const { client, current, sockets } = setup();
    const resumed = vi.fn();
    client.onResume(resumed);
    client.start();
    current().greet();
    current().drop();
    vi.advanceTimersByTime(500);
    current().drop();
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    current().greet();
    expect(resumed).toHaveBeenCalledOnce();
  });

  it('stops for good when the server signs the person out', () => {
    const { client, current, sockets } = setup();
    client.start();
    current().greet();
    current().drop(CLOSE_CODES.AUTH_FAILED);
    expect(client.state).toBe('signedOut');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('reconnects and resumes after being closed for reading too slowly', () => {
    const { client, current, sockets } = setup();
    client.follow('s1', feed(7));
    client.start();
    current().greet();
    current().drop(CLOSE_CODES.POLICY);
    expect(client.state).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
    current().greet();
    expect(current().last('subscribe')).toMatchObject({ sessionId: 's1', afterSeq: 7 });
  });

  it('waits as long as the server says when its sign-in holds every socket, then longer', () => {
    const { client, current, sockets } = setup();
    client.start();
    const turnAway = () => {
      current().deliver({
        type: 'error',
        error: { code: 'RATE_LIMITED', message: 'Too many connections', retryAfterSeconds: 30 },
      });
      current().drop(CLOSE_CODES.TOO_MANY_SOCKETS);
    };
    turnAway();
    expect(client.state).toBe('reconnecting');
    vi.advanceTimersByTime(30_499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    turnAway();
    vi.advanceTimersByTime(30_999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    current().greet();
    expect(client.state).toBe('connected');
  });

  it('matches replies to requests and rejects on an error frame', async () => {
    const { client, current } = setup();
    client.start();
    current().greet();
    const sent = client.request({
      type: 'message.send',
      sessionId: 's1',
      clientId: 'c1',
      text: 'Hi',
    });
    const refused = client.request({
      type: 'message.send',
      sessionId: 's1',
      clientId: 'c2',
      text: 'Hi',
    });
    const [first, second] = current().sent.filter((f) => f.type === 'message.send');
    current().deliver({
      type: 'error',
      ref: second!.ref!,
      clientId: 'c2',
      error: { code: 'SESSION_ENDED', message: 'ended' },
    });
    current().deliver({ type: 'ack', ref: first!.ref!, clientId: 'c1' });
    await expect(sent).resolves.toMatchObject({ type: 'ack', clientId: 'c1' });
    await expect(refused).rejects.toBeInstanceOf(FrameError);
  });

  it('fails pending requests when the link drops, and refuses new ones until it is back', async () => {
    const { client, current } = setup();
    client.start();
    current().greet();
    const pending = client.request({ type: 'read', sessionId: 's1', upToSeq: 3 });
    current().drop();
    await expect(pending).rejects.toBeInstanceOf(LinkLostError);
    await expect(client.request({ type: 'ping' })).rejects.toBeInstanceOf(LinkLostError);
    expect(client.notify({ type: 'typing', sessionId: 's1', typing: true })).toBe(false);
  });

  it('probes a quiet link and gives up on a silent one', () => {
    const { client, current, sockets } = setup();
    client.start();
    current().greet(10_000);
    vi.advanceTimersByTime(5_000);
    expect(current().last('ping')).toBeDefined();
    vi.advanceTimersByTime(11_000);
    expect(sockets[0]!.closedWith).toBe(4000);
    expect(client.state).toBe('offline');
  });

  it('shows offline within seconds of a ping going unanswered, whatever the heartbeat', () => {
    const { client, current, sockets } = setup();
    client.start();
    current().greet(25_000);
    vi.advanceTimersByTime(5_000);
    expect(current().all('ping')).toHaveLength(1);
    vi.advanceTimersByTime(2_000);
    expect(client.state).toBe('connected');
    vi.advanceTimersByTime(1_000);
    expect(sockets[0]!.closedWith).toBe(4000);
    expect(client.state).toBe('offline');
    // It goes on trying, and is connected again as soon as a server greets it.
    vi.advanceTimersByTime(30_000);
    current().greet();
    expect(client.state).toBe('connected');
  });

  it('keeps a link whose probe is answered, and does not probe a busy one', () => {
    const { client, current, sockets } = setup();
    client.start();
    current().greet(25_000);
    vi.advanceTimersByTime(5_000);
    current().deliver({ type: 'pong', ref: current().last('ping')?.ref });
    vi.advanceTimersByTime(4_000);
    for (let i = 0; i < 10; i++) {
      current().deliver({ type: 'queue.changed', sessionId: 's1', status: 'waiting' });
      vi.advanceTimersByTime(1_000);
    }
    expect(current().all('ping')).toHaveLength(1);
    expect(sockets[0]!.closedWith).toBeNull();
    expect(client.state).toBe('connected');
  });

  it('drops the link and shows offline at once when the browser goes offline', async () => {
    const { client, current, sockets } = setup();
    const states: string[] = [];
    client.onState((s) => states.push(s));
    client.start();
    current().greet();
    const pending = client.request({ type: 'ping' });
    client.setOnline(false);
    expect(client.state).toBe('offline');
    expect(sockets[0]!.closedWith).toBe(4000);
    expect(states).toEqual(['connected', 'offline']);
    await expect(pending).rejects.toBeInstanceOf(LinkLostError);
    client.setOnline(true);
    expect(sockets).toHaveLength(2);
    current().greet();
    expect(client.state).toBe('connected');
  });

  it('abandons a connection attempt that is never greeted', () => {
    const { client, sockets } = setup();
    client.start();
    vi.advanceTimersByTime(10_000);
    expect(client.state).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
  });

  it('reconnects at once when the network comes back', () => {
    const { client, current, sockets } = setup();
    client.start();
    current().greet();
    client.setOnline(false);
    current().drop();
    expect(client.state).toBe('offline');
    client.setOnline(true);
    expect(sockets).toHaveLength(2);
  });

  it('passes other frames to their listeners', () => {
    const { client, current } = setup();
    const changed = vi.fn();
    client.on('queue.changed', changed);
    client.start();
    current().greet();
    current().deliver({ type: 'queue.changed', sessionId: 's9', status: 'waiting' });
    expect(changed).toHaveBeenCalledWith({
      type: 'queue.changed',
      sessionId: 's9',
      status: 'waiting',
    });
  });

  it('hears a console.changes batch as the queue.changed and agent.status frames it stands for', () => {
    const { client, current } = setup();
    const heard: ServerFrame[] = [];
    client.on('queue.changed', (frame) => heard.push(frame));
    client.on('agent.status', (frame) => heard.push(frame));
    const batches = vi.fn();
    client.on('console.changes', batches);
    client.start();
    current().greet();
    const state = {
      agent: { id: 'a1', name: 'Ama', email: 'ama@example.com', role: 'admin' as const },
      status: 'online' as const,
      maxConcurrentChats: 3,
      openChats: 1,
      autoAssign: true,
      connected: true,
      lastAssignedAt: null,
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    current().deliver({
      type: 'console.changes',
      queue: [
        { sessionId: 's1', status: 'waiting' },
        { sessionId: 's1', status: 'active' },
      ],
      agents: [state],
    });
    expect(heard).toEqual([
      { type: 'queue.changed', sessionId: 's1', status: 'waiting' },
      { type: 'queue.changed', sessionId: 's1', status: 'active' },
      { type: 'agent.status', state },
    ]);
    expect(batches).not.toHaveBeenCalled();
  });

  it('stops listening to a session when unfollowed', () => {
    const { client, current } = setup();
    const chat = feed();
    const unfollow = client.follow('s1', chat);
    client.start();
    current().greet();
    unfollow();
    expect(current().last('unsubscribe')).toMatchObject({ sessionId: 's1' });
    current().deliver(sessionEvent(1));
    expect(chat.events).toEqual([]);
  });

  it('drops a feed the server stopped for lost access, and does not subscribe it again', () => {
    const { client, current, sockets } = setup();
    const chat = feed();
    const other = feed();
    const unfollow = client.follow('s1', chat);
    client.follow('s2', other);
    client.start();
    current().greet();
    const ref = current().last('subscribe')!.ref!;
    current().deliver({ type: 'subscribed', ref, sessionId: 's1', seq: 0 });

    current().deliver({ type: 'unsubscribed', sessionId: 's1', reason: 'NOT_FOUND' });
    expect(chat.revoked).toBe(1);
    expect(other.revoked).toBe(0);
    expect(client.isLive('s1')).toBe(false);
    current().deliver(sessionEvent(1));
    expect(chat.events).toEqual([]);
    // The server already forgot the subscription: closing the tab has nothing to undo.
    unfollow();
    expect(current().all('unsubscribe')).toEqual([]);

    current().drop();
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
    current().greet();
    expect(
      current()
        .all('subscribe')
        .map((f) => f.sessionId),
    ).toEqual(['s2']);
  });

  it('does not take the reply to an unsubscribe for lost access', () => {
    const { client, current } = setup();
    client.start();
    current().greet();
    // A chat closed and opened again at once: the reply to the first unsubscribe comes after.
    client.follow('s1', feed())();
    const reopened = feed();
    client.follow('s1', reopened);
    current().deliver({ type: 'unsubscribed', sessionId: 's1' });
    expect(reopened.revoked).toBe(0);
    const ref = current().last('subscribe')!.ref!;
    current().deliver({ type: 'subscribed', ref, sessionId: 's1', seq: 0 });
    expect(client.isLive('s1')).toBe(true);
  });

  it('subscribes again with backoff after a passing refusal, but not after NOT_FOUND', async () => {
    const { client, current } = setup();
    const refusals: Array<[string, boolean]> = [];
    client.follow('s1', {
      ...feed(),
      onRefused: (e, retrying) => refusals.push([e.code, retrying]),
    });
    client.follow('s2', {
      ...feed(),
      onRefused: (e, retrying) => refusals.push([e.code, retrying]),
    });
    client.start();
    current().greet();
    const subscribes = () =>
      current()
        .all('subscribe')
        .map((f) => f.sessionId);
    const refuse = (sessionId: string, code: string) => {
      const frame = current()
        .all('subscribe')
        .findLast((f) => f.sessionId === sessionId)!;
      current().deliver({ type: 'error', ref: frame.ref!, error: { code, message: code } });
    };
    refuse('s1', 'INTERNAL');
    refuse('s2', 'NOT_FOUND');
    await vi.advanceTimersByTimeAsync(0);
    expect(refusals).toEqual([
      ['INTERNAL', true],
      ['NOT_FOUND', false],
    ]);

    await vi.advanceTimersByTimeAsync(500);
    expect(subscribes()).toEqual(['s1', 's2', 's1']);
    refuse('s1', 'INTERNAL');
    await vi.advanceTimersByTimeAsync(999);
    expect(subscribes()).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(subscribes()).toEqual(['s1', 's2', 's1', 's1']);
  });
});

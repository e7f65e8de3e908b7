import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message, Person, SessionView } from '../../shared/api.js';
import type { Api } from '../api/endpoints.js';
import { ApiError, NETWORK_ERROR } from '../api/http.js';
import { activeSession, ama, chatMessage, yaw } from '../testing/chatFixtures.js';
import { fakeRealtime } from '../testing/fakeSocket.js';
import { ConversationStore } from './conversationStore.js';

const session: SessionView = {
  ...activeSession({ lastSeq: 2 }),
  /** Ama's reply has not been read yet. */
  unreadCount: 1,
  queuePosition: null,
};

const stored = (
  seq: number,
  text: string,
  clientId: string | null,
  sender: Person = yaw,
): Message => chatMessage(seq, sender, { text, clientId, createdAt: '2026-01-01T09:02:00Z' });

/** An API whose session lookup fails with each of `failures` in turn, then works. */
function apiFailing(...failures: ApiError[]) {
  const calls = { get: 0 };
  const api = {
    sessions: {
      get: async () => {
        const failure = failures[calls.get++];
        if (failure) throw failure;
        return session;
      },
      queue: async () => null,
    },
    messages: {
      list: async () => ({
        items: [stored(1, 'Hello', null), stored(2, 'Hi Yaw', null, ama)],
        hasMore: false,
      }),
    },
  } as unknown as Api;
  return { api, calls };
}

const offline = () => new ApiError(0, NETWORK_ERROR, 'Cannot reach Switchboard.');

function startStore(api: Api, viewer: Person = yaw) {
  const realtime = fakeRealtime();
  realtime.client.start();
  realtime.current().greet();
  const store = new ConversationStore('s1', {
    api,
    realtime: realtime.client,
    viewer,
    storage: null,
  });
  store.open();
  const goLive = () => {
    const subscribe = realtime.current().last('subscribe')!;
    realtime
      .current()
      .deliver({ type: 'subscribed', ref: subscribe.ref!, sessionId: 's1', seq: 2 });
  };
  /** The server refuses the latest subscribe with `code`. */
  const refuse = (code: string, message = 'Refused') => {
    const subscribe = realtime.current().last('subscribe')!;
    realtime.current().deliver({ type: 'error', ref: subscribe.ref!, error: { code, message } });
  };
  return { store, realtime, goLive, refuse };
}

async function openStore() {
  const opened = startStore(apiFailing().api);
  await vi.waitFor(() => expect(opened.realtime.current().last('subscribe')).toBeDefined());
  return opened;
}

beforeEach(() =>
  vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] }),
);
afterEach(() => vi.useRealTimers());

describe('ConversationStore', () => {
  it('follows the session from the seq the page was loaded at', async () => {
    const { realtime } = await openStore();
    expect(realtime.current().last('subscribe')).toMatchObject({ sessionId: 's1', afterSeq: 2 });
  });

  it('keeps messages typed while the link is down and sends them once it is live again', async () => {
    const { store, realtime, goLive } = await openStore();
    goLive();
    realtime.current().drop(1012);
    store.send('typed while offline');
    expect(store.get().conversation.outbox).toHaveLength(1);

    vi.advanceTimersByTime(1000);
    realtime.current().greet();
    expect(realtime.current().all('message.send')).toHaveLength(0);
    goLive();
    const sends = realtime.current().all('message.send');
    expect(sends).toEqual([expect.objectContaining({ text: 'typed while offline' })]);

    const message = stored(3, 'typed while offline', sends[0]!.clientId);
    realtime
      .current()
      .deliver({ type: 'ack', ref: sends[0]!.ref!, clientId: message.clientId!, message });
    realtime.current().deliver({
      type: 'session.event',
      sessionId: 's1',
      seq: 3,
      event: { kind: 'message.created', message },
    });
    await vi.waitFor(() => expect(store.get().conversation.outbox).toHaveLength(0));
    expect(store.get().conversation.messages.map((m) => m.text)).toEqual([
      'Hello',
      'Hi Yaw',
      'typed while offline',
    ]);
  });

  it('sends a note as a note, and its typing marked so the customer is not told', async () => {
    const opened = startStore(apiFailing().api, ama);
    await vi.waitFor(() => expect(opened.realtime.current().last('subscribe')).toBeDefined());
    const { store, realtime, goLive } = opened;
    goLive();
    await vi.waitFor(() => expect(store.get().status).toBe('ready'));
    store.typing(true);
    expect(realtime.current().last('typing')).toMatchObject({ typing: true, note: true });
    store.send('Refund approved', true);
    expect(realtime.current().all('typing').at(-1)).toMatchObject({ typing: false, note: true });
    expect(realtime.current().last('message.send')).toMatchObject({
      text: 'Refund approved',
      messageType: 'note',
    });
    store.typing();
    expect(realtime.current().last('typing')).toEqual(
      expect.not.objectContaining({ note: expect.anything() }),
    );
    store.send('Your refund is on its way');
    expect(realtime.current().last('message.send')).toEqual(
      expect.not.objectContaining({ messageType: expect.anything() }),
    );
  });

  it('resends with the same clientId when the link drops before the ack, and shows it once', async () => {
    const { store, realtime, goLive } = await openStore();
    goLive();
    store.send('are you there?');
    const first = realtime.current().last('message.send')!;
    realtime.current().drop();
    await Promise.resolve();

    vi.advanceTimersByTime(1000);
    realtime.current().greet();
    // The server stored it before the link dropped: the replay brings it back.
    const message = stored(3, 'are you there?', first.clientId);
    realtime.current().deliver({
      type: 'session.event',
      sessionId: 's1',
      seq: 3,
      event: { kind: 'message.created', message },
    });
    goLive();
    expect(realtime.current().all('message.send')).toHaveLength(0);
    expect(
      store.get().conversation.messages.filter((m) => m.text === 'are you there?'),
    ).toHaveLength(1);
  });

  it('shows a refused message as failed instead of resending it', async () => {
    const { store, realtime, goLive } = await openStore();
    goLive();
    store.send('too late');
    const frame = realtime.current().last('message.send')!;
    realtime.current().deliver({
      type: 'error',
      ref: frame.ref!,
      clientId: frame.clientId,
      error: { code: 'SESSION_ENDED', message: 'This chat has already ended' },
    });
    await vi.waitFor(() =>
      expect(store.get().conversation.outbox[0]?.failure?.code).toBe('SESSION_ENDED'),
    );
  });

  it('sends a message refused for going too fast again once the wait is over', async () => {
    const { store, realtime, goLive } = await openStore();
    goLive();
    store.send('first of many');
    const frame = realtime.current().last('message.send')!;
    realtime.current().deliver({
      type: 'error',
      ref: frame.ref!,
      clientId: frame.clientId,
      error: { code: 'RATE_LIMITED', message: 'Too many messages', retryAfterSeconds: 2 },
    });
    await vi.advanceTimersByTimeAsync(1999);
    expect(store.get().conversation.outbox).toEqual([
      expect.objectContaining({ clientId: frame.clientId, failure: null }),
    ]);
    expect(realtime.current().all('message.send')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const sends = realtime.current().all('message.send');
    expect(sends).toHaveLength(2);
    expect(sends[1]).toMatchObject({ clientId: frame.clientId, text: 'first of many' });
  });

  it("shows the other side's typing until they send or it expires", async () => {
    const { store, realtime, goLive } = await openStore();
    goLive();
    realtime.current().deliver({ type: 'typing', sessionId: 's1', user: ama, typing: true });
    expect(store.get().typing?.name).toBe('Ama');
    vi.advanceTimersByTime(6000);
    expect(store.get().typing).toBeNull();
    realtime.current().deliver({ type: 'typing', sessionId: 's1', user: yaw, typing: true });
    expect(store.get().typing).toBeNull();
  });

  it('sends a read receipt for what arrived from the other side, once', async () => {
    const { store, realtime, goLive } = await openStore();
    goLive();
    store.markRead();
    store.markRead();
    expect(realtime.current().all('read')).toEqual([expect.objectContaining({ upToSeq: 2 })]);
  });

  it('tries again with backoff when the chat fails to load, and opens it once it can', async () => {
    const { api, calls } = apiFailing(offline(), offline());
    const { store, realtime } = startStore(api);
    await vi.waitFor(() => expect(store.get().problem).toBe('Cannot reach Switchboard.'));
    expect(store.get()).toMatchObject({ status: 'loading', retrying: true });

    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.get).toBe(2);
    await vi.advanceTimersByTimeAsync(2000);
    await vi.waitFor(() => expect(store.get().status).toBe('ready'));
    expect(store.get()).toMatchObject({ problem: null, retrying: false });
    expect(realtime.current().last('subscribe')).toMatchObject({ sessionId: 's1' });
  });

  it('tries loading again at once when the link comes back', async () => {
    const { api, calls } = apiFailing(offline());
    const { store, realtime } = startStore(api);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get().retrying).toBe(true);
    realtime.current().drop(1012);
    // The network is back before the load's own backoff (at least half a second) is over.
    realtime.client.reconnectNow();
    realtime.current().greet();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.get).toBe(2);
    expect(store.get().status).toBe('ready');
  });

  it('gives up on a chat that does not exist or is not the viewer’s', async () => {
    const { api, calls } = apiFailing(new ApiError(404, 'NOT_FOUND', 'Session not found'));
    const { store } = startStore(api);
    await vi.waitFor(() => expect(store.get().status).toBe('failed'));
    expect(store.get()).toMatchObject({
      problem: 'This chat does not exist, or you cannot see it.',
      retrying: false,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.get).toBe(1);
  });

  it('subscribes again on the same link after a passing refusal, and clears the warning once live', async () => {
    const { store, realtime, goLive, refuse } = await openStore();
    refuse('SERVICE_UNAVAILABLE', 'The database is not answering');
    await vi.waitFor(() =>
      expect(store.get()).toMatchObject({
        status: 'ready',
        problem: 'The database is not answering',
        retrying: true,
      }),
    );
    expect(realtime.current().all('subscribe')).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(500);
    expect(realtime.sockets).toHaveLength(1);
    expect(realtime.current().all('subscribe')).toHaveLength(2);
    goLive();
    expect(store.get()).toMatchObject({ live: true, problem: null, retrying: false });
  });

  it('keeps the chat as last seen but read-only, and stops following it, once access is revoked', async () => {
    const { store, realtime, goLive } = await openStore();
    goLive();
    realtime.current().deliver({ type: 'typing', sessionId: 's1', user: ama, typing: true });
    realtime.current().deliver({ type: 'unsubscribed', sessionId: 's1', reason: 'NOT_FOUND' });
    expect(store.get()).toMatchObject({
      status: 'failed',
      lostAccess: true,
      live: false,
      typing: null,
      problem: null,
    });
    expect(store.canWrite()).toBe(false);
    expect(store.get().conversation.messages).toHaveLength(2);

    realtime.current().drop();
    await vi.advanceTimersByTimeAsync(500);
    realtime.current().greet();
    expect(realtime.current().all('subscribe')).toEqual([]);
    expect(store.get().lostAccess).toBe(true);
  });

  it('marks the agent’s chat transferred when it moves to a colleague, and keeps following it', async () => {
    const opened = startStore(apiFailing().api, ama);
    await vi.waitFor(() => expect(opened.realtime.current().last('subscribe')).toBeDefined());
    const { store, realtime, goLive } = opened;
    goLive();
    const esi: Person = { id: 'esi', name: 'Esi', email: null, role: 'admin' };
    const update = (seq: number, change: 'tagged' | 'transferred', agent: Person) =>
      realtime.current().deliver({
        type: 'session.event',
        sessionId: 's1',
        seq,
        event: {
          kind: 'session.updated',
          change,
          session: activeSession({ lastSeq: seq, agent }),
        },
      });
    update(3, 'tagged', ama);
    expect(store.get().transferredAway).toBe(false);
    update(4, 'transferred', esi);
    expect(store.get()).toMatchObject({ transferredAway: true, lostAccess: false, live: true });
    expect(store.get().conversation.session?.agent?.name).toBe('Esi');
    expect(store.canWrite()).toBe(false);
  });

  it('marks the chat transferred again after a reload, when it is with a colleague now', async () => {
    const esi: Person = { id: 'esi', name: 'Esi', email: null, role: 'admin' };
    const api = {
      sessions: {
        get: async () => ({ ...session, agent: esi, unreadCount: 0 }),
        queue: async () => null,
      },
      messages: {
        list: async () => ({ items: [stored(1, 'Hello', null)], hasMore: false }),
      },
    } as unknown as Api;
    const { store } = startStore(api, ama);
    await vi.waitFor(() => expect(store.get().status).toBe('ready'));
    expect(store.get().transferredAway).toBe(true);
    expect(store.canWrite()).toBe(false);
  });

  it('does not mark a chat transferred for someone who was not its agent', async () => {
    const { store, realtime, goLive } = await openStore();
    goLive();
    const esi: Person = { id: 'esi', name: 'Esi', email: null, role: 'admin' };
    realtime.current().deliver({
      type: 'session.event',
      sessionId: 's1',
      seq: 3,
      event: {
        kind: 'session.updated',
        change: 'transferred',
        session: activeSession({ lastSeq: 3, agent: esi }),
      },
    });
    expect(store.get().transferredAway).toBe(false);
  });

  it('stops following for good when the subscription is refused as not found', async () => {
    const { store, realtime, refuse } = await openStore();
    refuse('NOT_FOUND', 'Session not found');
    await vi.waitFor(() =>
      expect(store.get()).toMatchObject({
        status: 'failed',
        problem: 'Session not found',
        retrying: false,
      }),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(realtime.current().all('subscribe')).toHaveLength(1);
  });
});

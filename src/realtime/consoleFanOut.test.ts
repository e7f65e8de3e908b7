import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { topics } from '../bus/bus.js';
import { MemoryBus } from '../bus/memoryBus.js';
import type { AgentState } from '../shared/api.js';
import type { ServerFrame } from '../shared/protocol.js';
import type { ClientConnection } from './connection.js';
import { CONSOLE_FLUSH_MS, ConsoleFanOut } from './consoleFanOut.js';

const state = (agentId: string, openChats: number): AgentState => ({
  agent: { id: agentId, name: agentId, email: `${agentId}@example.com`, role: 'admin' },
  status: 'online',
  maxConcurrentChats: 5,
  openChats,
  autoAssign: true,
  connected: true,
  lastAssignedAt: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** A connection that records what it was sent, and the serializer each frame came with. */
function recorder() {
  const sent: Array<{ frame: ServerFrame; json: () => string }> = [];
  const connection = {
    sendShared: (frame: ServerFrame, json: () => string) => sent.push({ frame, json }),
  } as unknown as ClientConnection;
  return { connection, sent, frames: () => sent.map((s) => s.frame) };
}

describe('ConsoleFanOut', () => {
  let bus: MemoryBus;
  let fanOut: ConsoleFanOut;
  beforeEach(async () => {
    vi.useFakeTimers();
    bus = new MemoryBus();
    fanOut = new ConsoleFanOut(bus, () => Date.now());
    await fanOut.listen();
  });
  afterEach(() => {
    fanOut.stop();
    vi.useRealTimers();
  });

  const placeTwoChats = () => {
    bus.publish(topics.queue, { type: 'queue.changed', sessionId: 's1', status: 'active' });
    bus.publish(topics.agents, { type: 'agent.status', state: state('a1', 1) });
    bus.publish(topics.agents, { type: 'agent.status', state: state('a2', 1) });
    bus.publish(topics.queue, { type: 'queue.changed', sessionId: 's2', status: 'active' });
    bus.publish(topics.agents, { type: 'agent.status', state: state('a1', 2) });
  };

  it('sends a window of changes as one batch: each agent once, its latest state; the queue in order', () => {
    const batched = recorder();
    fanOut.add(batched.connection, true);
    placeTwoChats();
    expect(batched.sent).toHaveLength(0);
    vi.advanceTimersByTime(0);
    expect(batched.frames()).toEqual([
      {
        type: 'console.changes',
        queue: [
          { sessionId: 's1', status: 'active' },
          { sessionId: 's2', status: 'active' },
        ],
        agents: [state('a2', 1), state('a1', 2)],
      },
    ]);
  });

  it('sends the same changes frame by frame to a socket that did not ask for batches', () => {
    const single = recorder();
    fanOut.add(single.connection, false);
    placeTwoChats();
    vi.advanceTimersByTime(0);
    expect(single.frames()).toEqual([
      { type: 'queue.changed', sessionId: 's1', status: 'active' },
      { type: 'queue.changed', sessionId: 's2', status: 'active' },
      { type: 'agent.status', state: state('a2', 1) },
      { type: 'agent.status', state: state('a1', 2) },
    ]);
  });

  it('serializes each frame once for every socket', () => {
    const [one, two] = [recorder(), recorder()];
    fanOut.add(one.connection, true);
    fanOut.add(two.connection, true);
    placeTwoChats();
    vi.advanceTimersByTime(0);
    expect(one.sent[0]!.json).toBe(two.sent[0]!.json);
    expect(JSON.parse(one.sent[0]!.json())).toEqual(one.sent[0]!.frame);
  });

  it('sends at most once per window: a change just after a flush waits for the window to end', () => {
    const batched = recorder();
    fanOut.add(batched.connection, true);
    bus.publish(topics.agents, { type: 'agent.status', state: state('a1', 1) });
    vi.advanceTimersByTime(0);
    expect(batched.sent).toHaveLength(1);
    bus.publish(topics.agents, { type: 'agent.status', state: state('a1', 0) });
    bus.publish(topics.agents, { type: 'agent.status', state: state('a1', 1) });
    vi.advanceTimersByTime(CONSOLE_FLUSH_MS - 1);
    expect(batched.sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(batched.frames()[1]).toMatchObject({ agents: [state('a1', 1)], queue: [] });
  });

  it('sends nothing to a connection removed, nor an empty window', () => {
    const gone = recorder();
    fanOut.add(gone.connection, true);
    fanOut.remove(gone.connection);
    placeTwoChats();
    vi.advanceTimersByTime(CONSOLE_FLUSH_MS * 3);
    expect(gone.sent).toHaveLength(0);
    const stays = recorder();
    fanOut.add(stays.connection, true);
    vi.advanceTimersByTime(CONSOLE_FLUSH_MS * 3);
    expect(stays.sent).toHaveLength(0);
  });
});

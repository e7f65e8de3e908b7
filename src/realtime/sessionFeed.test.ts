import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '../shared/protocol.js';
import type { SessionEventFrame } from '../services/messages/messageReader.js';
import { SessionFeed, type FeedIo } from './sessionFeed.js';

const event = (seq: number): SessionEventFrame => ({
  type: 'session.event',
  sessionId: 's',
  seq,
  event: {
    kind: 'messages.read',
    reader: { id: 'u', name: 'U', email: null, role: 'user' },
    upToSeq: seq,
    readAt: 'now',
  },
});

/** A fake database log the test appends to, and a recording of what the client received. */
function harness(initial: number[]) {
  const log = initial.map(event);
  const sent: number[] = [];
  let reads = 0;
  let gate: Promise<void> | null = null;
  const io: FeedIo = {
    async readEvents(afterSeq, limit) {
      reads += 1;
      if (gate) await gate;
      return log.filter((f) => f.seq > afterSeq).slice(0, limit);
    },
    send(frame: ServerFrame) {
      if (frame.type === 'session.event') sent.push(frame.seq);
    },
    onError(error) {
      throw error;
    },
  };
  return {
    io,
    log,
    sent,
    reads: () => reads,
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

describe('SessionFeed', () => {
  it('replays what the client missed, then forwards live events in order', async () => {
    const h = harness([1, 2, 3, 4]);
    const feed = new SessionFeed('s', 2, h.io);
    await feed.start();
    expect(h.sent).toEqual([3, 4]);
    h.log.push(event(5));
    feed.receive(event(5));
    expect(h.sent).toEqual([3, 4, 5]);
  });

  it('drops live events the replay already delivered', async () => {
    const h = harness([1, 2, 3]);
    const release = h.hold();
    const feed = new SessionFeed('s', 0, h.io);
    const started = feed.start();
    // Events 2 and 3 arrive live while the replay is reading: each must reach the client once.
    feed.receive(event(2));
    feed.receive(event(3));
    release();
    await started;
    expect(h.sent).toEqual([1, 2, 3]);
  });

  it('fills a gap from the database when a live event skips ahead', async () => {
    const h = harness([1, 2]);
    const feed = new SessionFeed('s', 0, h.io);
    await feed.start();
    // Event 3 was committed but its bus frame is late; event 4's frame arrives first.
    h.log.push(event(3), event(4));
    feed.receive(event(4));
    await expect.poll(() => h.sent).toEqual([1, 2, 3, 4]);
    feed.receive(event(3));
    expect(h.sent).toEqual([1, 2, 3, 4]);
  });

  it('waits for a late commit rather than skipping a number', async () => {
    const h = harness([1]);
    const feed = new SessionFeed('s', 0, h.io);
    await feed.start();
    feed.receive(event(3));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.sent).toEqual([1]);
    h.log.push(event(2), event(3));
    await expect.poll(() => h.sent).toEqual([1, 2, 3]);
  });

  it('catches up after the bus lost frames', async () => {
    const h = harness([1]);
    const feed = new SessionFeed('s', 0, h.io);
    await feed.start();
    h.log.push(event(2), event(3));
    feed.resync();
    await expect.poll(() => h.sent).toEqual([1, 2, 3]);
  });

  it('sends nothing after it is closed', async () => {
    const h = harness([1]);
    const feed = new SessionFeed('s', 0, h.io);
    await feed.start();
    feed.close();
    feed.receive(event(2));
    expect(h.sent).toEqual([1]);
  });

  it('stops in the middle of a replay when what it sent closed it (access lost)', async () => {
    const h = harness([1, 2, 3, 4]);
    const feed = new SessionFeed('s', 0, {
      ...h.io,
      send(frame) {
        h.io.send(frame);
        if (frame.type === 'session.event' && frame.seq === 2) feed.close();
      },
    });
    await feed.start();
    expect(h.sent).toEqual([1, 2]);
  });

  it('stops in the middle of buffered live events when what it sent closed it', async () => {
    const h = harness([1]);
    const feed = new SessionFeed('s', 0, {
      ...h.io,
      send(frame) {
        h.io.send(frame);
        if (frame.type === 'session.event' && frame.seq === 2) feed.close();
      },
    });
    const release = h.hold();
    const started = feed.start();
    // Arrive while the replay is still reading: buffered, then applied after it.
    feed.receive(event(3));
    feed.receive(event(2));
    release();
    await started;
    expect(h.sent).toEqual([1, 2]);
  });
});

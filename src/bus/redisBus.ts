// The Redis bus for several nodes: each topic is a pub/sub channel, subscribed while at least
// one local handler wants it. Local handlers are also called directly, so a node never waits on
// Redis to reach its own sockets, and frames that come back from Redis are skipped by origin.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ServerFrame } from '../shared/protocol.js';
import type { EventBus, FrameHandler } from './bus.js';
import { MemoryBus } from './memoryBus.js';

interface Envelope {
  origin: string;
  frame: ServerFrame;
}

export interface RedisBusOptions {
  url: string;
  /** Channel prefix, so several deployments can share one Redis. */
  prefix?: string;
  onError?: (error: Error) => void;
}

export class RedisBus implements EventBus {
  private readonly origin = randomUUID();
  private readonly local = new MemoryBus();
  /** Local handlers per topic, and the SUBSCRIBE that made the channel live. */
  private readonly channels = new Map<string, { handlers: number; live: Promise<unknown> }>();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly resumeListeners: Array<() => void> = [];
  private lostLink = false;

  constructor(options: RedisBusOptions) {
    this.prefix = options.prefix ?? 'switchboard:';
    const redisOptions = {
      maxRetriesPerRequest: null,
      retryStrategy: (n: number) => Math.min(n * 100, 2000),
    };
    this.publisher = new Redis(options.url, redisOptions);
    // Only (un)subscribe commands may travel on the subscriber connection. ioredis 5 sends a
    // SUBSCRIBE issued during its connection handshake straight away, then its own CLIENT and
    // INFO (ready check) fail in subscriber mode and it reconnects without that channel
    // (ioredis#2037), so the handshake commands are turned off here.
    this.subscriber = new Redis(options.url, {
      ...redisOptions,
      enableReadyCheck: false,
      disableClientInfo: true,
    });
    const onError = options.onError ?? (() => {});
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
    this.subscriber.on('close', () => {
      this.lostLink = true;
    });
    // ioredis re-subscribes every channel on reconnect before emitting 'ready'.
    this.subscriber.on('ready', () => {
      if (!this.lostLink) return;
      this.lostLink = false;
      for (const listener of this.resumeListeners) listener();
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
      const envelope = JSON.parse(payload.toString('utf8')) as Envelope;
      if (envelope.origin === this.origin) return;
      this.local.publish(channel.toString('utf8').slice(this.prefix.length), envelope.frame);
    });
  }

  /** Resolves once both connections are up; a node is not ready before that. */
  async ready(): Promise<void> {
    await Promise.all([this.publisher.ping(), this.subscriber.ping()]);
  }

  publish(topic: string, frame: ServerFrame): void {
    this.local.publish(topic, frame);
    const envelope: Envelope = { origin: this.origin, frame };
    // While Redis is down ioredis queues the command and sends it on reconnect.
    this.publisher.publish(this.prefix + topic, JSON.stringify(envelope)).catch(() => {});
  }

  async subscribe(topic: string, handler: FrameHandler): Promise<() => void> {
    const unsubscribe = this.local.subscribeNow(topic, handler);
    let channel = this.channels.get(topic);
    if (!channel) {
      channel = { handlers: 0, live: this.subscriber.subscribe(this.prefix + topic) };
      this.channels.set(topic, channel);
    }
    channel.handlers += 1;
    // While Redis is away the SUBSCRIBE waits in ioredis' queue; the resume listeners cover the
    // gap once it is back, so the caller need not wait for it.
    if (this.subscriber.status === 'ready') await channel.live;
    else channel.live.catch(() => {});
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      unsubscribe();
      const current = this.channels.get(topic);
      if (!current) return;
      current.handlers -= 1;
      if (current.handlers > 0) return;
      this.channels.delete(topic);
      this.subscriber.unsubscribe(this.prefix + topic).catch(() => {});
    };
  }

  onResume(listener: () => void): void {
    this.resumeListeners.push(listener);
  }

  isConnected(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  async close(): Promise<void> {
    await this.local.close();
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}

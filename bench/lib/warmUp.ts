// The warm-up every server gets before it is measured: a fixed load, its results discarded. A
// fresh Node process runs its first thousand messages through the interpreter and a cold
// database; measured straight away, its first seconds say more about V8's compiler than about
// the server (a ramp once took a cold first second for the knee and reported an 18th of what
// the server holds). Every scenario that measures a server under load warms it up here first.
import autocannon from 'autocannon';
import type { ChatLoadInput, ChatLoadResult } from '../load/chatLoad.js';
import { runGenerator } from './processes.js';

export interface WarmUpOptions {
  /** Messages (or requests) per second, spread over the chats given. */
  ratePerSecond: number;
  durationMs: number;
}

/** A modest load, well inside what either database sustains on two cores. */
export const warmUpSizes = {
  full: { ratePerSecond: 300, durationMs: 2000 },
  quick: { ratePerSecond: 40, durationMs: 500 },
} satisfies Record<string, WarmUpOptions>;

/** The warm-up's chats, of those given: enough to exercise every path, quick to connect. */
const WARM_UP_CHATS = 100;

/** Chat traffic over the first of `pairs` (Switchboard or a relay), results discarded. */
export async function warmUpChats(
  target: ChatLoadInput['target'],
  url: string,
  pairs: ChatLoadInput['pairs'],
  options: WarmUpOptions,
): Promise<void> {
  await runGenerator<ChatLoadInput, ChatLoadResult>('chatLoad', {
    target,
    url,
    pairs: pairs.slice(0, WARM_UP_CHATS),
    ratePerSecond: options.ratePerSecond,
    durationMs: options.durationMs,
    warmupMs: 0,
  });
}

/** GET requests to each of `urls` in turn (ratePerSecond × duration in all), results discarded. */
export async function warmUpHttp(
  urls: Array<{ url: string; token: string | null }>,
  options: WarmUpOptions,
): Promise<void> {
  const amount = Math.ceil((options.ratePerSecond * options.durationMs) / 1000 / urls.length);
  for (const { url, token } of urls) {
    await autocannon({
      url,
      connections: 2,
      amount,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }
}

// Transfers the receiver accepts (TRANSFER_MODE=offer), against a real database with a clock the
// test moves: the offer is a row with a deadline, the chat stays with its agent until it is
// accepted; a decline or no answer in time leaves it with them, or puts it back in the queue in
// its place if they left; the scheduled check and the housekeeping sweep expire it once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { topics } from '../../src/bus/bus.js';
import type { Viewer } from '../../src/domain/policies.js';
import { getOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { runHousekeeping } from '../../src/services/jobs/housekeeping.js';
import { listMessages } from '../../src/services/messages/messageReader.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { listSessions } from '../../src/services/sessions/sessionReader.js';
import { transferChat } from '../../src/services/transfers/chatTransfer.js';
import {
  acceptOffer,
  declineOffer,
  withdrawOffer,
} from '../../src/services/transfers/transferOfferAnswers.js';
import {
  expireDueOffers,
  OfferExpiryTimers,
} from '../../src/services/transfers/transferOfferExpiry.js';
import { listTransferOffers } from '../../src/services/transfers/transferOffers.js';
import { registerNode, setPresence } from '../../src/storage/repositories/cluster.js';
import { findSessionRow } from '../../src/storage/repositories/sessions/sessionRecords.js';
import { findOffer } from '../../src/storage/repositories/transferOffers.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, type World } from '../support/world.js';

const TIMEOUT = 60_000;

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code: string }) => error.code,
  );

/** Kofi has Yaw's chat; Esi is on duty. Nobody gets chats from the queue on their own. */
async function offerDesk(world: World) {
  const kofi = await world.agent('Kofi', { autoAssign: false, connected: true });
  const esi = await world.agent('Esi', { autoAssign: false, connected: true });
  const yaw = await world.customer('Yaw');
  const chat = await world.startChat(yaw, { subject: 'Refund' });
  await assignSession(world.ctx, { viewer: kofi, sessionId: chat });
  const offer = async (note?: string) => {
    const outcome = await transferChat(world.ctx, {
      viewer: kofi,
      sessionId: chat,
      target: { agentId: esi.id },
      note,
    });
    if (outcome.kind !== 'offered') throw new Error('expected an offer');
    return outcome.offer;
  };
  return { kofi, esi, yaw, chat, offer };
}

/** Time passes; the node's heartbeat keeps up, so those connected stay connected. */
async function later(world: World, ms: number): Promise<void> {
  world.clock.advance(ms);
  await registerNode(world.ctx.store.db, world.ctx.nodeId, world.clock.now());
}

const texts = async (world: World, viewer: Viewer, sessionId: string) =>
  (await listMessages(world.ctx, viewer, sessionId, { limit: 100 })).records.map(
    (r) => r.row.message_text,
  );

const agentOf = async (world: World, sessionId: string) =>
  (await findSessionRow(world.ctx.store.db, sessionId))!.assigned_agent_id;

const offerFrames = (world: World, userId: string) =>
  world.published.flatMap(({ topic, frame }) =>
    topic === topics.user(userId) && frame.type === 'transfer.offer' ? [frame.offer] : [],
  );

describeEachDatabase('transfer offers', (db) => {
  const offering = () => makeWorld(db(), { transferMode: 'offer', transferOfferMs: TIMEOUT });

  it('offers the chat, which stays with its agent until the receiver accepts it with its note', async () => {
    const world = offering();
    const { kofi, esi, yaw, chat, offer } = await offerDesk(world);
    const made = await offer('Refund approved; send him the form');

    expect(made.row).toMatchObject({
      status: 'pending',
      from_agent_id: kofi.id,
      to_agent_id: esi.id,
      expires_at: world.clock.now() + TIMEOUT,
    });
    expect(made.note).toBe('Refund approved; send him the form');
    expect(world.offerDeadlines).toEqual([made.row.expires_at]);
    expect(await agentOf(world, chat)).toBe(kofi.id);
    expect(offerFrames(world, esi.id)).toMatchObject([{ id: made.row.id, status: 'pending' }]);
    expect(offerFrames(world, kofi.id)).toHaveLength(1);
    expect(offerFrames(world, yaw.id)).toEqual([]);
    expect((await listTransferOffers(world.ctx, esi)).map((o) => o.row.id)).toEqual([made.row.id]);
    expect((await listTransferOffers(world.ctx, kofi)).map((o) => o.row.id)).toEqual([made.row.id]);

    await later(world, TIMEOUT - 1);
    const session = await acceptOffer(world.ctx, { viewer: esi, offerId: made.row.id });
    expect(session.agent?.id).toBe(esi.id);
    expect(session.row.handover_note_id).toBe(made.row.note_message_id);
    expect((await findOffer(db().db, made.row.id))!.row).toMatchObject({
      status: 'accepted',
      resolved_by: esi.id,
    });
    expect(offerFrames(world, esi.id).at(-1)).toMatchObject({ status: 'accepted' });
    expect((await getOwnAgentState(world.ctx, kofi)).status.current_chat_count).toBe(0);
    expect((await getOwnAgentState(world.ctx, esi)).status.current_chat_count).toBe(1);
    expect(await texts(world, yaw, chat)).toEqual([
      'Hello, I need help',
      'Kofi joined the chat',
      "You're being transferred to Esi",
      'Esi joined the chat',
    ]);
    expect(await texts(world, esi, chat)).toEqual([
      'Hello, I need help',
      'Kofi joined the chat',
      'Refund approved; send him the form',
      'Kofi offered the chat to Esi',
      "You're being transferred to Esi",
      'Esi joined the chat',
    ]);
    expect(await refusal(acceptOffer(world.ctx, { viewer: esi, offerId: made.row.id }))).toBe(
      'TRANSFER_OFFER_CLOSED',
    );
    // The check at the deadline finds nothing left to do.
    await later(world, 1);
    expect(await expireDueOffers(world.ctx)).toEqual([]);
  });

  it('leaves the chat with its agent when the receiver declines', async () => {
    const world = offering();
    const { kofi, esi, yaw, chat, offer } = await offerDesk(world);
    const made = await offer();
    const declined = await declineOffer(world.ctx, { viewer: esi, offerId: made.row.id });
    expect(declined.row).toMatchObject({ status: 'declined', returned_to: 'sender' });
    expect(await agentOf(world, chat)).toBe(kofi.id);
    expect(offerFrames(world, kofi.id).at(-1)).toMatchObject({
      status: 'declined',
      returnedTo: 'sender',
    });
    expect((await texts(world, kofi, chat)).slice(-3)).toEqual([
      "You're being transferred to Esi",
      'Esi declined the chat',
      'Kofi is still with you',
    ]);
    expect((await texts(world, yaw, chat)).slice(-2)).toEqual([
      "You're being transferred to Esi",
      'Kofi is still with you',
    ]);
    expect(await listTransferOffers(world.ctx, esi)).toEqual([]);
  });

  it('expires at its deadline, not before, and the chat stays with its agent', async () => {
    const world = offering();
    const { kofi, esi, yaw, chat, offer } = await offerDesk(world);
    const made = await offer();
    await later(world, TIMEOUT - 1);
    expect(await expireDueOffers(world.ctx)).toEqual([]);
    await later(world, 1);
    const expired = await expireDueOffers(world.ctx);
    expect(expired.map((o) => o.row)).toMatchObject([
      { id: made.row.id, status: 'expired', returned_to: 'sender', resolved_by: null },
    ]);
    // Once: a second check, here or on another node, finds it expired.
    expect(await expireDueOffers({ ...world.ctx, nodeId: 'node-b' })).toEqual([]);
    expect(await agentOf(world, chat)).toBe(kofi.id);
    expect((await texts(world, yaw, chat)).at(-1)).toBe('Kofi is still with you');
    expect((await texts(world, kofi, chat)).at(-2)).toBe('Esi did not answer in time');
    expect(await refusal(acceptOffer(world.ctx, { viewer: esi, offerId: made.row.id }))).toBe(
      'TRANSFER_OFFER_EXPIRED',
    );
  });

  it('refuses an accept that comes too late, and records the expiry it found', async () => {
    const world = offering();
    const { kofi, esi, chat, offer } = await offerDesk(world);
    const made = await offer();
    await later(world, TIMEOUT);
    expect(await refusal(acceptOffer(world.ctx, { viewer: esi, offerId: made.row.id }))).toBe(
      'TRANSFER_OFFER_EXPIRED',
    );
    expect((await findOffer(db().db, made.row.id))!.row.status).toBe('expired');
    expect(await agentOf(world, chat)).toBe(kofi.id);
    expect(await listTransferOffers(world.ctx, esi)).toEqual([]);
  });

  it('puts the chat back in the queue, in its place, when its agent left before the answer', async () => {
    const world = offering();
    const { kofi, esi, yaw, chat, offer } = await offerDesk(world);
    const later = await world.startChat(await world.customer('Efua'));
    const made = await offer();
    // Kofi's last socket closed.
    await setPresence(db().db, world.ctx.nodeId, kofi.id, 0, world.clock.now());
    const declined = await declineOffer(world.ctx, { viewer: esi, offerId: made.row.id });
    expect(declined.row).toMatchObject({ status: 'declined', returned_to: 'queue' });
    const row = (await findSessionRow(db().db, chat))!;
    expect(row).toMatchObject({ status: 'waiting', assigned_agent_id: null });
    const queue = await listSessions(world.ctx, esi, { view: 'waiting', limit: 10 });
    expect(queue.items.map((item) => item.row.id)).toEqual([chat, later]);
    expect((await texts(world, yaw, chat)).at(-1)).toBe(
      'Kofi is no longer available; you are back in the queue, number 1',
    );
    expect((await getOwnAgentState(world.ctx, kofi)).status.current_chat_count).toBe(0);
  });

  it('goes to the queue too when nobody answers and its agent went offline', async () => {
    const world = offering();
    const { kofi, chat, offer } = await offerDesk(world);
    await offer();
    await world.ctx.store.db
      .updateTable('chat_agent_status')
      .set({ status: 'offline' })
      .where('agent_id', '=', kofi.id)
      .execute();
    await later(world, TIMEOUT);
    // The sweep is the safety net: here no timer ran at all.
    expect(await runHousekeeping(world.ctx, 10_000)).toBe(true);
    expect((await findSessionRow(db().db, chat))!.status).toBe('waiting');
  });

  it('is withdrawn by its agent, not by the receiver, and by the chat ending', async () => {
    const world = offering();
    const { kofi, esi, yaw, chat, offer } = await offerDesk(world);
    const first = await offer();
    expect(await refusal(withdrawOffer(world.ctx, { viewer: esi, offerId: first.row.id }))).toBe(
      'FORBIDDEN',
    );
    const stranger = await world.agent('Ama', { autoAssign: false });
    expect(
      await refusal(declineOffer(world.ctx, { viewer: stranger, offerId: first.row.id })),
    ).toBe('NOT_FOUND');
    expect(await refusal(acceptOffer(world.ctx, { viewer: kofi, offerId: first.row.id }))).toBe(
      'FORBIDDEN',
    );
    expect(await refusal(listTransferOffers(world.ctx, yaw))).toBe('FORBIDDEN');
    const withdrawn = await withdrawOffer(world.ctx, { viewer: kofi, offerId: first.row.id });
    expect(withdrawn.row).toMatchObject({ status: 'withdrawn', resolved_by: kofi.id });
    expect((await texts(world, yaw, chat)).at(-1)).toBe('Kofi is still with you');

    const second = await offer();
    await endSession(world.ctx, { viewer: yaw, sessionId: chat });
    expect((await findOffer(db().db, second.row.id))!.row.status).toBe('withdrawn');
    expect(offerFrames(world, esi.id).at(-1)).toMatchObject({
      id: second.row.id,
      status: 'withdrawn',
    });
    expect(await refusal(acceptOffer(world.ctx, { viewer: esi, offerId: second.row.id }))).toBe(
      'TRANSFER_OFFER_CLOSED',
    );
  });

  it('keeps one offer per chat: a new one replaces the one still waiting', async () => {
    const world = offering();
    const { kofi, esi, chat, offer } = await offerDesk(world);
    const first = await offer();
    const ama = await world.agent('Ama', { autoAssign: false, connected: true });
    const outcome = await transferChat(world.ctx, {
      viewer: kofi,
      sessionId: chat,
      target: { agentId: ama.id },
    });
    expect(outcome.kind).toBe('offered');
    expect((await findOffer(db().db, first.row.id))!.row.status).toBe('withdrawn');
    expect(offerFrames(world, esi.id).at(-1)).toMatchObject({ status: 'withdrawn' });
    expect(await refusal(acceptOffer(world.ctx, { viewer: esi, offerId: first.row.id }))).toBe(
      'TRANSFER_OFFER_CLOSED',
    );
  });

  it('offers only to an agent who could take the chat now, as a direct transfer would', async () => {
    const world = offering();
    const { kofi, chat } = await offerDesk(world);
    const gone = await world.agent('Kwame', { autoAssign: false });
    const outcome = transferChat(world.ctx, {
      viewer: kofi,
      sessionId: chat,
      target: { agentId: gone.id },
    });
    expect(await refusal(outcome)).toBe('AGENT_UNAVAILABLE');
    expect(await listTransferOffers(world.ctx, kofi)).toEqual([]);
  });
});

describe('the scheduled expiry check', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs just after each deadline, never before, and not once the node stops', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 5, 9) });
    const checks: number[] = [];
    const timers = new OfferExpiryTimers(
      { now: () => Date.now() },
      async () => void checks.push(Date.now()),
      (error) => {
        throw error;
      },
    );
    const deadline = Date.now() + TIMEOUT;
    timers.expireAt(deadline);
    timers.expireAt(deadline + 10_000);
    await vi.advanceTimersByTimeAsync(TIMEOUT - 1);
    expect(checks).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toBeGreaterThan(deadline);
    timers.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(checks).toHaveLength(1);
    // A deadline already past is checked at once.
    const late = new OfferExpiryTimers(
      { now: () => Date.now() },
      async () => void checks.push(Date.now()),
      () => {},
    );
    late.expireAt(Date.now() - 5_000);
    await vi.advanceTimersByTimeAsync(100);
    expect(checks).toHaveLength(2);
    late.stop();
  });
});

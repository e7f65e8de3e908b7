// The demo's month of history: chats over four weeks, busier on weekdays, with every outcome the
// reports count, and tickets answered and solved; the same data on every run.
import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { seedDemoMonth } from '../../src/cli/seedDemoMonth.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { settleRouting } from '../support/pendingRouting.js';
import { makeDesk } from '../support/ticketDesk.js';

const DAY = 86_400_000;

describe('demo month', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await settleRouting();
    await database.drop();
  });

  it('spreads chats and tickets over four weeks like a real desk', async () => {
    const desk = await makeDesk(database.store);
    const end = Date.UTC(2026, 10, 30);
    const topic = (id: string, agents: (typeof desk.kofi)[]) => ({ id, agents });
    const topics = new Map(
      ['wifi', 'fees', 'course-registration', 'exams', 'records'].map((slug) => [
        slug,
        slug === 'wifi' ? topic(desk.wifi, [desk.ama]) : topic(desk.fees, [desk.kofi, desk.esi]),
      ]),
    );
    const customers = [desk.yaw, desk.abena];
    for (let i = 0; i < 10; i++) customers.push(await desk.world.customer(`Student ${i}`));
    const seeded = await seedDemoMonth(desk.world.ctx, { customers, topics }, end);

    const { db } = database.store;
    const chats = await db
      .selectFrom('chat_sessions')
      .select(['started_at', 'first_assigned_at', 'first_response_at', 'rating', 'status'])
      .execute();
    expect(chats).toHaveLength(seeded.chats);
    expect(seeded.chats).toBeGreaterThan(200);
    for (const chat of chats) {
      expect(chat.status).toBe('ended');
      expect(Number(chat.started_at)).toBeGreaterThanOrEqual(end - 28 * DAY);
      expect(Number(chat.started_at)).toBeLessThan(end);
    }
    const weekday = (chat: { started_at: number }) =>
      (new Date(Number(chat.started_at)).getUTCDay() + 6) % 7;
    const weekdays = chats.filter((c) => weekday(c) < 5).length / 20;
    const weekends = chats.filter((c) => weekday(c) >= 5).length / 8;
    expect(weekdays).toBeGreaterThan(2 * weekends);
    expect(chats.filter((c) => c.first_assigned_at === null).length).toBeGreaterThan(0);
    expect(
      chats.filter((c) => c.first_assigned_at !== null && c.first_response_at === null).length,
    ).toBeGreaterThan(0);
    expect(new Set(chats.map((c) => c.rating).filter((r) => r !== null)).size).toBe(5);

    const tickets = await db
      .selectFrom('tickets')
      .select(['status', 'first_responded_at'])
      .execute();
    expect(tickets).toHaveLength(seeded.tickets);
    expect(seeded.tickets).toBeGreaterThan(20);
    expect(tickets.every((t) => t.status === 'solved' && t.first_responded_at !== null)).toBe(true);
  });
});

// Visitor tokens against a real database: they slide with use past any cookie's absolute end,
// and end after VISITOR_TOKEN_DAYS unused.
import { expect, it } from 'vitest';
import { authenticate } from '../../src/services/accounts/authSessions.js';
import { createVisitor } from '../../src/services/visitors/visitorCreator.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, testSettings } from '../support/world.js';

const client = { ip: '203.0.113.9', userAgent: 'vitest' };
const DAY_MS = 86_400_000;

describeEachDatabase('visitor tokens', (db) => {
  it('slide with use past the absolute end of other sign-ins', async () => {
    const world = makeWorld(db());
    const { user, session } = await createVisitor(world.ctx, { name: undefined, client });
    expect(user).toMatchObject({ role: 'user', is_guest: 1, email: null });
    const usedFor = 365 * DAY_MS;
    expect(usedFor).toBeGreaterThan(testSettings.authSessionMaxMs);
    for (let elapsed = 0; elapsed < usedFor; elapsed += 10 * DAY_MS) {
      world.clock.advance(10 * DAY_MS);
      expect(await authenticate(world.ctx, session.secret)).not.toBeNull();
    }
  });

  it('end after VISITOR_TOKEN_DAYS unused', async () => {
    const world = makeWorld(db());
    const { session } = await createVisitor(world.ctx, { name: 'Abena', client });
    world.clock.advance(testSettings.visitorTokenIdleMs - 1);
    expect(await authenticate(world.ctx, session.secret)).not.toBeNull();
    world.clock.advance(testSettings.visitorTokenIdleMs + 1);
    expect(await authenticate(world.ctx, session.secret)).toBeNull();
  });
});

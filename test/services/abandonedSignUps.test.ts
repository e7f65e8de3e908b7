// Sign-ups whose verification link was never followed are forgotten a week after they were made;
// every other account without an address (a visitor's, a verified one, one with a chat) stays.
import { expect, it } from 'vitest';
import {
  ABANDONED_SIGN_UP_KEPT_MS,
  forgetAbandonedSignUps,
} from '../../src/services/accounts/abandonedSignUps.js';
import { signUpCustomer } from '../../src/services/accounts/customerSignUp.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { createVisitor } from '../../src/services/visitors/visitorCreator.js';
import {
  abandonedSignUpIds,
  deleteAbandonedSignUps,
} from '../../src/storage/repositories/abandonedSignUps.js';
import { findUserById, updateUser } from '../../src/storage/repositories/users.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, type World } from '../support/world.js';

const HOUR_MS = 3_600_000;

function signUp(world: World, name: string) {
  world.ctx.settings.customerSignUp = 'verification';
  return signUpCustomer(world.ctx, {
    name,
    email: `${name.toLowerCase()}@example.com`,
    password: 'correct horse battery',
    ip: '203.0.113.9',
  });
}

describeEachDatabase('unverified sign-ups', (db) => {
  it('are removed a week after they were made, with their tokens, and not before', async () => {
    const world = makeWorld(db());
    const { user, account } = await signUp(world, 'Kofi');
    expect(account).toBe('awaiting_verification');
    const tokens = () =>
      world.ctx.store.db
        .selectFrom('account_tokens')
        .selectAll()
        .where('user_id', '=', user.id)
        .execute();
    expect(await tokens()).toHaveLength(1);

    world.clock.advance(ABANDONED_SIGN_UP_KEPT_MS - HOUR_MS);
    expect(await forgetAbandonedSignUps(world.ctx)).toBe(0);
    expect(await findUserById(world.ctx.store.db, user.id)).toBeDefined();

    world.clock.advance(2 * HOUR_MS);
    expect(await forgetAbandonedSignUps(world.ctx)).toBe(1);
    expect(await findUserById(world.ctx.store.db, user.id)).toBeUndefined();
    expect(await tokens()).toEqual([]);
  });

  it('keep every other account without a sign-in: verified, a visitor, with a chat', async () => {
    const world = makeWorld(db());
    const verified = await signUp(world, 'Ama');
    // What following the link does: the account gets its address.
    await updateUser(world.ctx.store.db, verified.user.id, { email: 'ama@example.com' });
    const visitor = await createVisitor(world.ctx, {
      name: undefined,
      client: { ip: '203.0.113.9', userAgent: 'vitest' },
    });
    const chatting = await signUp(world, 'Efua');
    await startSession(world.ctx, {
      viewer: { id: chatting.user.id, role: 'user' },
      subject: 'Fees',
      priority: 'medium',
      message: 'Hello',
    });
    const abandoned = await signUp(world, 'Kwame');

    world.clock.advance(ABANDONED_SIGN_UP_KEPT_MS + HOUR_MS);
    expect(await forgetAbandonedSignUps(world.ctx)).toBe(1);
    expect(await findUserById(world.ctx.store.db, abandoned.user.id)).toBeUndefined();
    for (const kept of [verified.user, visitor.user, chatting.user]) {
      expect(await findUserById(world.ctx.store.db, kept.id)).toBeDefined();
    }
  });

  it('keep one whose link is followed between the pick and the delete', async () => {
    const world = makeWorld(db());
    const { user } = await signUp(world, 'Yaa');
    world.clock.advance(ABANDONED_SIGN_UP_KEPT_MS + HOUR_MS);
    const now = world.clock.now();
    const madeBefore = now - ABANDONED_SIGN_UP_KEPT_MS;
    const picked = await abandonedSignUpIds(world.ctx.store.db, madeBefore, now, 10);
    expect(picked).toEqual([user.id]);
    await updateUser(world.ctx.store.db, user.id, { email: 'yaa@example.com' });
    expect(await deleteAbandonedSignUps(world.ctx.store.db, picked, madeBefore, now)).toBe(0);
    expect(await findUserById(world.ctx.store.db, user.id)).toBeDefined();
  });
});

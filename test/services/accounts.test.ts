// Accounts and signing in against a real database: passwords, throttling, SSO from a host
// application, and what disabling an account does to its chats and sign-ins.
import { SignJWT } from 'jose';
import { expect, it } from 'vitest';
import { createAccount, updateAccount } from '../../src/services/accounts/accounts.js';
import { authenticate } from '../../src/services/accounts/authSessions.js';
import { ensureFirstSuperAdmin } from '../../src/services/accounts/firstSuperAdmin.js';
import {
  signInWithPassword,
  type PasswordSignInProps,
} from '../../src/services/accounts/passwordSignIn.js';
import { signInWithSso } from '../../src/services/accounts/ssoSignIn.js';
import { findSessionRow } from '../../src/storage/repositories/sessions/sessionRecords.js';
import { findUserById } from '../../src/storage/repositories/users.js';
import { describeEachDatabase } from '../support/databases.js';
import { makeWorld, testSettings, type World } from '../support/world.js';

const client = { ip: '203.0.113.7', userAgent: 'vitest' };
/** The password the world's factories give everyone. */
const PASSWORD = 'correct horse battery';

/** Signs in with a password for a cookie from the usual address, unless `changes` says otherwise. */
function passwordSignIn(
  world: World,
  email: string,
  password: string,
  changes: Partial<Pick<PasswordSignInProps, 'kind' | 'client'>> = {},
) {
  return signInWithPassword(world.ctx, { email, password, kind: 'cookie', client, ...changes });
}

function ssoToken(world: World, claims: Record<string, unknown>, lifetimeSeconds = 60) {
  const now = Math.floor(world.clock.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('switchboard')
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(new TextEncoder().encode(testSettings.sso!.secret));
}

/**
 * The same token with its signature spelled differently: base64url leaves the low bits of the
 * last character unused (two of them for a 32-byte HS256 signature), and padding is accepted.
 */
function otherSpellings(token: string): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(token.at(-1)!);
  const spellings = [0, 1, 2, 3]
    .map((spare) => alphabet[(last & ~3) | spare]!)
    .filter((char) => char !== token.at(-1))
    .map((char) => token.slice(0, -1) + char);
  return [...spellings, `${token}=`];
}

describeEachDatabase('accounts', (db) => {
  it('signs in with the right password and issues a session that authenticates', async () => {
    const world = makeWorld(db());
    const yaw = await world.customer('Yaw');
    const { session } = await passwordSignIn(world, yaw.email, PASSWORD);
    const auth = await authenticate(world.ctx, session.secret);
    expect(auth?.viewer).toEqual({ id: yaw.id, role: 'user' });
    await expect(passwordSignIn(world, yaw.email, 'wrong')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    await expect(passwordSignIn(world, 'nobody@example.com', 'x')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('expires sessions after the idle time', async () => {
    const world = makeWorld(db());
    const yaw = await world.customer('Yaw');
    const { session } = await passwordSignIn(world, yaw.email, PASSWORD, { kind: 'token' });
    world.clock.advance(testSettings.authSessionIdleMs + 1);
    expect(await authenticate(world.ctx, session.secret)).toBeNull();
  });

  it('throttles guessing per account, then lets the owner in after the window', async () => {
    const world = makeWorld(db());
    const yaw = await world.customer('Yaw');
    for (let i = 0; i < testSettings.signInLimits.perAccount; i++) {
      await expect(
        passwordSignIn(world, yaw.email, `guess${i}`, {
          client: { ip: `198.51.100.${i}`, userAgent: null },
        }),
      ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    const blocked = passwordSignIn(world, yaw.email, PASSWORD);
    await expect(blocked).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(blocked).rejects.toHaveProperty('retryAfterSeconds');
    world.clock.advance(testSettings.signInLimits.windowMs + 1);
    await expect(passwordSignIn(world, yaw.email, PASSWORD)).resolves.toBeDefined();
  });

  it('counts parallel guesses before checking them, so a burst cannot pass the limit', async () => {
    const world = makeWorld(db());
    const yaw = await world.customer('Yaw');
    const { perAccount } = testSettings.signInLimits;
    const outcomes = await Promise.all(
      Array.from({ length: perAccount * 3 }, (_, i) =>
        passwordSignIn(world, yaw.email, `guess${i}`, {
          client: { ip: `198.51.100.${i}`, userAgent: null },
        }).then(
          () => 'ok',
          (e: { code: string }) => e.code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'INVALID_CREDENTIALS')).toHaveLength(perAccount);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(perAccount * 2);
    await expect(passwordSignIn(world, yaw.email, PASSWORD)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
  });

  it('throttles one address trying many accounts', async () => {
    const world = makeWorld(db());
    const attempts = testSettings.signInLimits.perAddress + 1;
    const outcomes: string[] = [];
    for (let i = 0; i < attempts; i++) {
      outcomes.push(
        await passwordSignIn(world, `user${i}@example.com`, 'x').then(
          () => 'ok',
          (e: { code: string }) => e.code,
        ),
      );
    }
    expect(outcomes.at(-1)).toBe('RATE_LIMITED');
    expect(outcomes.slice(0, -1).every((o) => o === 'INVALID_CREDENTIALS')).toBe(true);
  });

  it('creates the first super admin once when several nodes start together', async () => {
    const world = makeWorld(db());
    const admin = { email: 'first@example.com', password: 'a long password', name: 'First' };
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => ensureFirstSuperAdmin(world.ctx, admin)),
    );
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'exists')).toHaveLength(2);
  });

  it('refuses a second account with the same email', async () => {
    const world = makeWorld(db());
    const yaw = await world.customer('Yaw');
    await expect(
      createAccount(world.ctx, null, {
        email: yaw.email,
        name: 'Other',
        password: 'long enough pw',
        role: 'user',
      }),
    ).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
  });

  it('lets only super admins manage accounts and keeps the last super admin', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin();
    const ama = await world.agent('Ama');
    await expect(updateAccount(world.ctx, ama, boss.id, { role: 'user' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(updateAccount(world.ctx, boss, boss.id, { role: 'admin' })).rejects.toMatchObject({
      code: 'LAST_SUPER_ADMIN',
    });
    const promoted = await updateAccount(world.ctx, boss, ama.id, { role: 'super_admin' });
    expect(promoted.role).toBe('super_admin');
    await expect(
      updateAccount(world.ctx, boss, boss.id, { isActive: false }),
    ).resolves.toMatchObject({ is_active: 0 });
  });

  it('keeps one super admin when the last two demote each other at once', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin();
    const ada = await world.superAdmin();
    const results = await Promise.allSettled([
      updateAccount(world.ctx, boss, ada.id, { role: 'admin' }),
      updateAccount(world.ctx, ada, boss.id, { role: 'admin' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'LAST_SUPER_ADMIN' },
    });
  });

  it('disabling an agent signs them out and puts their chats back in the queue', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin();
    const ama = await world.agent('Ama');
    const { session } = await passwordSignIn(world, ama.email, PASSWORD);
    const sessionId = await world.startChat(await world.customer('Yaw'));
    await world.routing.idle();
    expect((await findSessionRow(db().db, sessionId))?.assigned_agent_id).toBe(ama.id);

    await updateAccount(world.ctx, boss, ama.id, { isActive: false });
    await world.routing.idle();
    expect(await authenticate(world.ctx, session.secret)).toBeNull();
    const row = await findSessionRow(db().db, sessionId);
    expect(row).toMatchObject({ status: 'waiting', assigned_agent_id: null });
    const kofi = await world.agent('Kofi');
    await world.routing.idle();
    expect((await findSessionRow(db().db, sessionId))?.assigned_agent_id).toBe(kofi.id);
    expect(
      world.published.some((p) => p.topic === `user:${ama.id}` && p.frame.type === 'bye'),
    ).toBe(true);
  });

  it('disabling a customer closes their open chats', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin();
    const yaw = await world.customer('Yaw');
    const sessionId = await world.startChat(yaw);
    await updateAccount(world.ctx, boss, yaw.id, { isActive: false });
    expect(await findSessionRow(db().db, sessionId)).toMatchObject({
      status: 'ended',
      ended_by: 'system',
    });
  });

  it('signs in a host application’s user with a valid SSO token, creating then updating them', async () => {
    const world = makeWorld(db());
    const token = await ssoToken(world, {
      sub: 'student-42',
      name: 'Akosua Darko',
      email: 'Akosua@Uni.example',
      jti: 'j1',
    });
    const first = await signInWithSso(world.ctx, token, 'cookie', client);
    expect(first.user).toMatchObject({
      external_id: 'student-42',
      email: 'akosua@uni.example',
      role: 'user',
    });
    const renamed = await ssoToken(world, {
      sub: 'student-42',
      name: 'Akosua D.',
      role: 'admin',
      jti: 'j2',
    });
    const second = await signInWithSso(world.ctx, renamed, 'cookie', client);
    expect(second.user.id).toBe(first.user.id);
    expect(second.user).toMatchObject({ name: 'Akosua D.', role: 'admin' });
  });

  it('signs a host user in twice at once the first time, as one account', async () => {
    const world = makeWorld(db());
    const tokens = await Promise.all(
      ['tab-1', 'tab-2', 'tab-3'].map((jti) =>
        ssoToken(world, { sub: 'student-7', name: 'Kwesi', email: 'kwesi@uni.example', jti }),
      ),
    );
    const signIns = await Promise.all(
      tokens.map((token) => signInWithSso(world.ctx, token, 'cookie', client)),
    );
    expect(new Set(signIns.map((s) => s.user.id)).size).toBe(1);
  });

  it('rejects replayed, expired, long-lived, foreign and tampered SSO tokens', async () => {
    const world = makeWorld(db());
    const token = await ssoToken(world, { sub: 's1', name: 'A', jti: 'once' });
    await signInWithSso(world.ctx, token, 'cookie', client);
    await expect(signInWithSso(world.ctx, token, 'cookie', client)).rejects.toMatchObject({
      code: 'INVALID_SSO_TOKEN',
      message: expect.stringContaining('already used'),
    });
    const expired = await ssoToken(world, { sub: 's1', name: 'A' }, -5);
    await expect(signInWithSso(world.ctx, expired, 'cookie', client)).rejects.toMatchObject({
      message: expect.stringContaining('expired'),
    });
    const longLived = await ssoToken(world, { sub: 's1', name: 'A' }, 3600);
    await expect(signInWithSso(world.ctx, longLived, 'cookie', client)).rejects.toMatchObject({
      code: 'INVALID_SSO_TOKEN',
    });
    const now = Math.floor(world.clock.now() / 1000);
    const signedWith = (secret: string, audience: string) =>
      new SignJWT({ sub: 's1', name: 'A' })
        .setProtectedHeader({ alg: 'HS256' })
        .setAudience(audience)
        .setExpirationTime(now + 60)
        .sign(new TextEncoder().encode(secret));
    const foreign = await signedWith('another-secret-that-is-long-enough-123', 'switchboard');
    await expect(signInWithSso(world.ctx, foreign, 'cookie', client)).rejects.toMatchObject({
      code: 'INVALID_SSO_TOKEN',
    });
    const wrongAudience = await signedWith(testSettings.sso!.secret, 'other-app');
    await expect(signInWithSso(world.ctx, wrongAudience, 'cookie', client)).rejects.toMatchObject({
      code: 'INVALID_SSO_TOKEN',
    });
    await expect(
      signInWithSso(world.ctx, `${token.slice(0, -3)}abc`, 'cookie', client),
    ).rejects.toMatchObject({
      code: 'INVALID_SSO_TOKEN',
    });
  });

  it('spends a token without jti by its signature, however the token spells it', async () => {
    const world = makeWorld(db());
    const token = await ssoToken(world, { sub: 's2', name: 'B' });
    await signInWithSso(world.ctx, token, 'cookie', client);
    for (const spelling of otherSpellings(token)) {
      await expect(
        signInWithSso(world.ctx, spelling, 'cookie', client),
        spelling.slice(-4),
      ).rejects.toMatchObject({
        code: 'INVALID_SSO_TOKEN',
        message: expect.stringContaining('already used'),
      });
    }
  });

  it('never signs a host user in as an account made here because it has their email', async () => {
    const world = makeWorld(db());
    const boss = await world.superAdmin('Boss');
    const yaw = await world.customer('Yaw');
    for (const local of [boss, yaw]) {
      const token = await ssoToken(world, {
        sub: `portal-${local.name}`,
        name: 'Mallory',
        email: local.email,
        role: 'super_admin',
      });
      await expect(signInWithSso(world.ctx, token, 'cookie', client)).rejects.toMatchObject({
        code: 'EMAIL_TAKEN',
        field: 'email',
      });
      expect(await findUserById(world.ctx.store.db, local.id)).toMatchObject({
        name: local.name,
        role: local.role,
        external_id: null,
      });
    }
  });

  it('with SSO_LINK_BY_EMAIL, links a first-time host user to the customer account with their email, never to an agent or super admin', async () => {
    const world = makeWorld(db(), { sso: { ...testSettings.sso!, linkByEmail: true } });
    const yaw = await world.customer('Yaw');
    const linked = await signInWithSso(
      world.ctx,
      await ssoToken(world, { sub: 'portal-yaw', name: 'Yaw M.', email: yaw.email }),
      'cookie',
      client,
    );
    expect(linked.user).toMatchObject({ id: yaw.id, name: 'Yaw M.', external_id: 'portal-yaw' });
    // Linked now: another host user with the same email is someone else.
    await expect(
      signInWithSso(
        world.ctx,
        await ssoToken(world, { sub: 'portal-yaw-2', name: 'Yaw', email: yaw.email }),
        'cookie',
        client,
      ),
    ).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });

    const boss = await world.superAdmin('Boss');
    const ama = await world.agent('Ama');
    for (const local of [boss, ama]) {
      for (const role of ['super_admin', 'user']) {
        const token = await ssoToken(world, {
          sub: `portal-${local.name}-${role}`,
          name: 'Mallory',
          email: local.email,
          role,
        });
        await expect(signInWithSso(world.ctx, token, 'cookie', client)).rejects.toMatchObject({
          code: 'EMAIL_TAKEN',
        });
      }
      expect(await findUserById(world.ctx.store.db, local.id)).toMatchObject({
        name: local.name,
        role: local.role,
        external_id: null,
      });
    }
  });
});

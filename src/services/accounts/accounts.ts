// Account management by super admins (and the CLI): create, list, read, change role, disable.
// Disabling signs the person out everywhere; an agent's open chats go back to the queue and a
// customer's open chats are closed. A role change closes the person's sockets so they reconnect
// with the new role. The last active super admin cannot be demoted or disabled.
import { topics } from '../../bus/bus.js';
import { AppError, forbidden, notFound } from '../../domain/errors.js';
import { accountPolicy, isAgent, type Viewer } from '../../domain/policies.js';
import type { CreateAccountBody, ListAccountsQuery, UpdateAccountBody } from '../../shared/api.js';
import { deleteAuthSessionsOf } from '../../storage/repositories/authSessions.js';
import {
  ensureAgentStatus,
  findAgentStatus,
  updateAgentStatus,
} from '../../storage/repositories/agents.js';
import { recordStatusChange } from '../../storage/repositories/reports/agentTime.js';
import { findSessionCore } from '../../storage/repositories/sessions/sessionRecords.js';
import {
  countActiveSuperAdmins,
  findUserByEmail,
  findUserById,
  listUsers,
  updateUser,
} from '../../storage/repositories/users.js';
import type { UserRow } from '../../storage/schema.js';
import type { Db } from '../../storage/store.js';
import { commit, type Outbox, type ServiceContext } from '../context.js';
import { requeueChatsOf } from '../sessions/chatRequeuer.js';
import { closeSession } from '../sessions/sessionEnder.js';
import { emailTaken, insertNewAccount } from './newAccount.js';
import { hashPassword } from './passwords.js';

/** `actor` null means the system itself (CLI, first start), which may always manage accounts. */
function assertManager(actor: Viewer | null) {
  if (actor && !accountPolicy.manage(actor)) throw forbidden('Only super admins manage accounts');
}

export async function createAccount(
  ctx: ServiceContext,
  actor: Viewer | null,
  body: CreateAccountBody,
): Promise<UserRow> {
  assertManager(actor);
  const { db } = ctx.store;
  if (await findUserByEmail(db, body.email)) throw emailTaken();
  return insertNewAccount(ctx, {
    email: body.email,
    name: body.name,
    role: body.role,
    passwordHash: await hashPassword(body.password),
    externalId: null,
    signedIn: false,
  });
}

export function listAccounts(ctx: ServiceContext, actor: Viewer, query: ListAccountsQuery) {
  assertManager(actor);
  return listUsers(ctx.store.db, query);
}

export async function getAccount(ctx: ServiceContext, actor: Viewer, id: string): Promise<UserRow> {
  assertManager(actor);
  const user = await findUserById(ctx.store.db, id);
  if (!user) throw notFound('Account');
  return user;
}

export async function updateAccount(
  ctx: ServiceContext,
  actor: Viewer | null,
  id: string,
  changes: UpdateAccountBody,
): Promise<UserRow> {
  assertManager(actor);
  const passwordHash =
    changes.password === undefined ? undefined : await hashPassword(changes.password);
  return commit(ctx, async (trx, outbox) => {
    const before = await findUserById(trx, id);
    if (!before) throw notFound('Account');
    const after: UserRow = {
      ...before,
      name: changes.name ?? before.name,
      role: changes.role ?? before.role,
      is_active: changes.isActive === undefined ? before.is_active : changes.isActive ? 1 : 0,
      password_hash: passwordHash ?? before.password_hash,
      updated_at: ctx.clock.now(),
    };
    await changeAccount(trx, ctx, outbox, before, after, { passwordChanged: !!passwordHash });
    return after;
  });
}

/**
 * Writes an account's new state under the rules every change obeys, whoever makes it (a super
 * admin here, the host application at SSO sign-in): the last super admin stays, and what the
 * change means for the person's chats, agent status and sign-ins follows in the same transaction.
 */
export async function changeAccount(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  before: UserRow,
  after: UserRow,
  { passwordChanged }: { passwordChanged: boolean },
): Promise<void> {
  await assertSuperAdminRemains(trx, ctx, before, after);
  await updateUser(trx, after.id, {
    name: after.name,
    email: after.email,
    external_id: after.external_id,
    role: after.role,
    is_active: after.is_active,
    password_hash: after.password_hash,
    updated_at: after.updated_at,
    last_login_at: after.last_login_at,
  });
  await applyConsequences(trx, ctx, outbox, before, after, passwordChanged);
}

async function assertSuperAdminRemains(
  trx: Db,
  ctx: ServiceContext,
  before: UserRow,
  after: UserRow,
) {
  const wasActiveSuper = before.role === 'super_admin' && before.is_active === 1;
  const isActiveSuper = after.role === 'super_admin' && after.is_active === 1;
  if (!wasActiveSuper || isActiveSuper) return;
  // Two super admins demoting each other at once would each still count the other: the lock
  // makes the second count wait for the first demotion to commit.
  await ctx.store.lockForTransaction(trx, 'super-admins');
  if ((await countActiveSuperAdmins(trx)) <= 1) {
    throw new AppError('LAST_SUPER_ADMIN', 'The last super admin cannot be demoted or disabled');
  }
}

async function applyConsequences(
  trx: Db,
  ctx: ServiceContext,
  outbox: Outbox,
  before: UserRow,
  after: UserRow,
  passwordChanged: boolean,
) {
  const now = ctx.clock.now();
  const disabled = before.is_active === 1 && after.is_active === 0;
  const stillServes = after.is_active === 1 && isAgent(after);
  if (isAgent(after)) await ensureAgentStatus(trx, after.id, now);
  if (isAgent(before) && !stillServes) {
    const status = await findAgentStatus(trx, after.id);
    if (status && status.status !== 'offline') {
      await updateAgentStatus(trx, after.id, {
        status: 'offline',
        status_changed_at: now,
        updated_at: now,
      });
      await recordStatusChange(trx, after.id, now);
    }
    await requeueChatsOf(trx, ctx, outbox, before);
  }
  if (disabled) {
    const open = await trx
      .selectFrom('chat_sessions')
      .select('id')
      .where('user_id', '=', after.id)
      .where('status', '!=', 'ended')
      .execute();
    for (const { id } of open) {
      const record = await findSessionCore(trx, id);
      if (record)
        await closeSession(trx, ctx, outbox, record, { by: 'system', actorName: 'System' });
    }
  }
  if (disabled || passwordChanged) {
    await deleteAuthSessionsOf(trx, after.id);
    outbox.add(topics.user(after.id), { type: 'bye', reason: 'signed_out', retryMs: 0 });
  } else if (before.role !== after.role) {
    // A socket's rights are fixed when it connects: it reconnects at once to get the new role's.
    outbox.add(topics.user(after.id), { type: 'bye', reason: 'role_changed', retryMs: 0 });
  }
}

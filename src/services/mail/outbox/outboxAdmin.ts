// The super admins' view of the outbox: the state of mail on this desk, mail by status (the
// failed mail page lists the dead), and "Retry", which queues a dead or cancelled mail again.
import { AppError, forbidden, notFound } from '../../../domain/errors.js';
import { isSuperAdmin, type Viewer } from '../../../domain/policies.js';
import type { ListOutboxQuery } from '../../../shared/mailApi.js';
import { MAIL_STATUSES, type MailStatus } from '../../../shared/vocabulary.js';
import {
  countMailByStatus,
  findMail,
  listMail,
  requeueMail,
} from '../../../storage/repositories/mail/outbox.js';
import type { MailRow } from '../../../storage/schema.js';
import { commit, type ServiceContext } from '../../context.js';

function assertSuperAdmin(viewer: Viewer) {
  if (!isSuperAdmin(viewer)) throw forbidden('Only super admins see the mail outbox');
}

export async function mailState(ctx: ServiceContext, viewer: Viewer) {
  assertSuperAdmin(viewer);
  const counted = await countMailByStatus(ctx.store.db);
  const counts = Object.fromEntries(MAIL_STATUSES.map((s) => [s, counted[s] ?? 0])) as Record<
    MailStatus,
    number
  >;
  return { enabled: ctx.settings.mail !== null, from: ctx.settings.mail?.from ?? null, counts };
}

export function listOutbox(ctx: ServiceContext, viewer: Viewer, query: ListOutboxQuery) {
  assertSuperAdmin(viewer);
  return listMail(ctx.store.db, query);
}

/** Queues a dead or cancelled mail again, due now, with its attempts counted afresh. */
export async function retryMail(ctx: ServiceContext, viewer: Viewer, id: string): Promise<MailRow> {
  assertSuperAdmin(viewer);
  return commit(ctx, async (trx, outbox) => {
    const row = await requeueMail(trx, id, ctx.clock.now());
    if (row) {
      outbox.mailWasQueued();
      return row;
    }
    const existing = await findMail(trx, id);
    if (!existing) throw notFound('Mail');
    throw new AppError(
      'MAIL_NOT_FAILED',
      `This mail is ${existing.status}: only failed mail is retried`,
    );
  });
}

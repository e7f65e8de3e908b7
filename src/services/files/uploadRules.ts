// Who may upload into a chat or a ticket, and how much: whoever writes in it (a message, a reply
// or a note), in a state that lets them write, a customer only while the deployment allows
// customer uploads, and everyone within the uploads per hour that domain/abuseLimits.ts sets,
// counted across nodes and across chats and tickets alike.
import { AppError, rateLimited } from '../../domain/errors.js';
import { assertTransition } from '../../domain/sessionLifecycle.js';
import { isAgent, sessionPolicy } from '../../domain/policies.js';
import { hit } from '../../storage/repositories/rateLimits.js';
import type { Db } from '../../storage/store.js';
import type { ServiceContext } from '../context.js';
import type { SessionAccess } from '../sessions/sessionAccess.js';
import type { TicketAccess } from '../tickets/ticketAccess.js';

const HOUR_MS = 3_600_000;

export const uploadsDisabled = () =>
  new AppError('UPLOADS_DISABLED', 'Sending files is turned off for customers here');

/** Throws unless the viewer of `access` (checked against attachFiles) may upload now. */
export function assertMayUpload(
  ctx: Pick<ServiceContext, 'settings'>,
  { record, facts, viewer }: SessionAccess,
): void {
  const customer = record.row.user_id === viewer.id;
  if (customer && !ctx.settings.files.customerUploads) throw uploadsDisabled();
  // A note may be written in any state; a message only while the chat takes messages.
  if (sessionPolicy.addNote(viewer, facts)) return;
  assertTransition(record.row.status, customer ? 'customerMessage' : 'agentMessage');
}

/**
 * Throws unless the viewer of `access` (checked against ticketPolicy.attachFiles) may upload now.
 * Any status will do: a reply to a closed ticket files a follow-up, which takes the files.
 */
export function assertMayUploadToTicket(
  ctx: Pick<ServiceContext, 'settings'>,
  { viewer }: TicketAccess,
): void {
  if (!isAgent(viewer) && !ctx.settings.files.customerUploads) throw uploadsDisabled();
}

/** Counts one upload of `userId`'s this hour; throws RATE_LIMITED past the limit. */
export async function countUpload(
  db: Db,
  ctx: Pick<ServiceContext, 'settings' | 'clock'>,
  userId: string,
): Promise<void> {
  const now = ctx.clock.now();
  const limit = ctx.settings.abuseLimits.uploadsPerHour;
  const { count, resetAt } = await hit(db, `uploads:${userId}`, now, HOUR_MS);
  if (count > limit) {
    throw rateLimited(`At most ${limit} files may be uploaded per hour`, resetAt - now);
  }
}

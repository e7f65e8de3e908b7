// Mails a chat's transcript to the chat's customer, at their account's own address and no other:
// asked by the customer themselves, or by an agent who may see the chat. Any state of the chat
// will do (a waiting chat's transcript is short, not wrong). Limited per sender
// (TRANSCRIPT_MAIL_LIMIT_PER_HOUR); queued in the outbox in one transaction.
import { AppError, rateLimited } from '../../domain/errors.js';
import type { Viewer } from '../../domain/policies.js';
import * as limits from '../../storage/repositories/rateLimits.js';
import { findUserById } from '../../storage/repositories/users.js';
import { commit, type ServiceContext } from '../context.js';
import { queueMail } from '../mail/outbox/mailQueue.js';
import { transcriptMail } from '../mail/templates/transcriptMail.js';
import { readTranscript } from './transcriptReader.js';

const HOUR_MS = 3_600_000;

const mailDisabled = () =>
  new AppError('MAIL_DISABLED', 'This desk sends no mail, so a transcript cannot be mailed.');

const noAddress = (mine: boolean) =>
  new AppError(
    'NO_EMAIL_ADDRESS',
    mine
      ? 'Your account has no email address to send the transcript to; download it instead.'
      : "The customer's account has no email address (or is deactivated): download the transcript instead.",
  );

/** Queues the transcript of `sessionId` for its customer; throws what stands in the way. */
export async function mailTranscript(
  ctx: ServiceContext,
  props: { viewer: Viewer; sessionId: string },
): Promise<void> {
  const { access, transcript } = await readTranscript(ctx, props);
  if (!ctx.settings.mail) throw mailDisabled();
  const mine = access.facts.customerId === props.viewer.id;
  const customer = access.record.customer;
  if (!customer.email) throw noAddress(mine);
  const now = ctx.clock.now();
  const limit = ctx.settings.abuseLimits.transcriptMailsPerHour;
  const counted = await limits.hit(
    ctx.store.db,
    `transcript-mail:${props.viewer.id}`,
    now,
    HOUR_MS,
  );
  if (counted.count > limit) {
    throw rateLimited(`At most ${limit} transcripts may be mailed per hour`, counted.resetAt - now);
  }
  const sender = mine ? null : await findUserById(ctx.store.db, props.viewer.id);
  const template = transcriptMail(transcript, {
    sentBy: sender ? { agentName: sender.name } : 'customer',
  });
  const queued = await commit(ctx, (trx, outbox) =>
    queueMail(trx, ctx, outbox, {
      kind: 'chat_transcript',
      userId: customer.id,
      to: customer.email!,
      ...template,
    }),
  );
  if (!queued) throw noAddress(mine);
}

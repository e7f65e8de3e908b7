// Creating a visitor: a guest customer account for the chat widget, and its long-lived token
// (docs/architecture.md, Visitor tokens). Limited per client address, since anyone may ask.
import { rateLimited } from '../../domain/errors.js';
import { visitorName } from '../../domain/visitors.js';
import { hit } from '../../storage/repositories/rateLimits.js';
import type { UserRow } from '../../storage/schema.js';
import { issueAuthSession, type ClientInfo, type IssuedSession } from '../accounts/authSessions.js';
import { insertNewAccount } from '../accounts/newAccount.js';
import type { ServiceContext } from '../context.js';

const HOUR_MS = 3_600_000;

export interface NewVisitor {
  /** The name the visitor gave, or none: then "Visitor 4821". */
  name: string | undefined;
  client: ClientInfo;
}

export async function createVisitor(
  ctx: ServiceContext,
  { name, client }: NewVisitor,
): Promise<{ user: UserRow; session: IssuedSession }> {
  const limit = ctx.settings.abuseLimits.visitorsPerAddressPerHour;
  const now = ctx.clock.now();
  // Counted before the account is made, so a refused attempt costs a row in rate_limits only.
  const counted = await hit(
    ctx.store.db,
    `visitors-created:${client.ip ?? 'unknown'}`,
    now,
    HOUR_MS,
  );
  if (counted.count > limit) {
    throw rateLimited(
      `At most ${limit} visitors may start from one address per hour; try again later`,
      counted.resetAt - now,
    );
  }
  const user = await insertNewAccount(ctx, {
    email: null,
    name: name ?? visitorName(ctx.ids.next()),
    role: 'user',
    passwordHash: null,
    externalId: null,
    signedIn: true,
    guest: true,
  });
  const session = await issueAuthSession(ctx, user, 'visitor', client);
  return { user, session };
}

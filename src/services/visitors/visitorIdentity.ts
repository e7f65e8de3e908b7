// Who the host says a visitor is (POST /visitors/identify), checked: the SSO token (a signed JWT,
// used once), or the user id with hmac = HMAC-SHA256(userId) under SSO_SECRET. A wrongly signed
// one is always refused. One that nobody signed (a user id without hmac) only names the guest
// and leaves an address to reach them at: it never links the visitor to the host's user, and the
// widget settings' requireVerifiedIdentity refuses it outright (403 IDENTITY_NOT_VERIFIED).
import { AppError } from '../../domain/errors.js';
import { isIdentityHmacValid } from '../../domain/identityHmac.js';
import { spendSsoToken, type SsoClaims } from '../accounts/ssoSignIn.js';
import type { ServiceContext } from '../context.js';
import { loadWidgetSettings } from '../widget/widgetSettings.js';

export type VisitorIdentity =
  | { token: string }
  | {
      userId: string;
      hmac?: string | undefined;
      name?: string | undefined;
      email?: string | undefined;
    };

export type CheckedIdentity =
  /** Linked to the host's user; `contactEmail` is an unsigned address, never the account's. */
  | { verified: true; claims: SsoClaims; contactEmail: string | undefined }
  | { verified: false; name: string | undefined; contactEmail: string | undefined };

export async function checkIdentity(
  ctx: ServiceContext,
  identity: VisitorIdentity,
  visitorName: string,
): Promise<CheckedIdentity> {
  if ('token' in identity) {
    return {
      verified: true,
      claims: await spendSsoToken(ctx, identity.token),
      contactEmail: undefined,
    };
  }
  const { userId, hmac, name, email } = identity;
  if (hmac === undefined) {
    if ((await loadWidgetSettings(ctx)).requireVerifiedIdentity) {
      throw new AppError(
        'IDENTITY_NOT_VERIFIED',
        'This desk takes only a signed identity: give `hmac` (HMAC-SHA256 of userId under SSO_SECRET) or `token`',
      );
    }
    return { verified: false, name, contactEmail: email };
  }
  const sso = ctx.settings.sso;
  if (!sso) throw new AppError('NOT_FOUND', 'Signed identities need SSO_SECRET to be set');
  if (!isIdentityHmacValid(sso.secret, userId, hmac)) {
    throw new AppError('INVALID_IDENTITY_HMAC', 'The hmac does not sign this userId');
  }
  // Only the user id is signed: the name and address are the host page's word.
  const claims: SsoClaims = {
    sub: userId,
    name: name ?? visitorName,
    role: 'user',
    exp: Math.floor(ctx.clock.now() / 1000),
  };
  return { verified: true, claims, contactEmail: email };
}

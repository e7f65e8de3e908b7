// The widget's lighter identity (docs/widget.md, Identity): the host signs its user's id alone,
// hmac = hex HMAC-SHA256(userId) under SSO_SECRET, computed on its server. Compared in constant
// time, so the answer's timing tells nothing of how much of a guess was right.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The hex HMAC-SHA256 of `userId` under `secret`, as the host computes it. */
export function identityHmac(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/** Whether `hmac` (hex, either case) signs `userId` under `secret`. */
export function isIdentityHmacValid(secret: string, userId: string, hmac: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(hmac)) return false;
  const expected = Buffer.from(identityHmac(secret, userId), 'hex');
  return timingSafeEqual(expected, Buffer.from(hmac, 'hex'));
}

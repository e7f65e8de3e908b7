import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identityHmac, isIdentityHmacValid } from './identityHmac.js';

const SECRET = 'a-long-enough-sso-secret-for-tests';

describe('isIdentityHmacValid', () => {
  const good = createHmac('sha256', SECRET).update('user-42').digest('hex');

  it('is the hex HMAC-SHA256 of the user id', () => {
    expect(identityHmac(SECRET, 'user-42')).toBe(good);
    expect(isIdentityHmacValid(SECRET, 'user-42', good)).toBe(true);
    expect(isIdentityHmacValid(SECRET, 'user-42', good.toUpperCase())).toBe(true);
  });

  it('refuses another user, another secret, a changed digit and what is not 64 hex digits', () => {
    expect(isIdentityHmacValid(SECRET, 'user-43', good)).toBe(false);
    expect(isIdentityHmacValid('another-secret', 'user-42', good)).toBe(false);
    const flipped = (good[0] === '0' ? '1' : '0') + good.slice(1);
    expect(isIdentityHmacValid(SECRET, 'user-42', flipped)).toBe(false);
    for (const bad of ['', good.slice(2), `${good}00`, `${good.slice(1)}g`])
      expect(isIdentityHmacValid(SECRET, 'user-42', bad)).toBe(false);
  });
});

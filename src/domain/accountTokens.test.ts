import { describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS, tokenState } from './accountTokens.js';

describe('account tokens', () => {
  it('makes a reset link last an hour and a verification link a day', () => {
    expect(TOKEN_LIFETIME_MS.password_reset).toBe(3_600_000);
    expect(TOKEN_LIFETIME_MS.email_verification).toBe(86_400_000);
  });

  it('works until it expires or is used, whichever comes first', () => {
    const token = { expires_at: 1000, used_at: null };
    expect(tokenState(token, 999)).toBe('valid');
    expect(tokenState(token, 1000)).toBe('expired');
    expect(tokenState({ ...token, used_at: 500 }, 600)).toBe('used');
  });
});

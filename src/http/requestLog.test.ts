import { describe, expect, it } from 'vitest';
import { redactUrl } from './requestLog.js';

describe('redactUrl', () => {
  it('hides the token, however the query spells its name, and keeps the rest', () => {
    expect(redactUrl('/api/v1/auth/sso?token=eyJ.abc.def&next=/chat')).toBe(
      '/api/v1/auth/sso?token=[redacted]&next=/chat',
    );
    expect(redactUrl('/x?next=/&%74oken=a&TOKEN=b&token&token=c')).toBe(
      '/x?next=/&%74oken=[redacted]&TOKEN=[redacted]&token=[redacted]&token=[redacted]',
    );
    expect(redactUrl('/x?tokens=a&my_token=b&%E0=c')).toBe('/x?tokens=a&my_token=b&%E0=c');
    expect(redactUrl('/api/v1/sessions')).toBe('/api/v1/sessions');
  });
});

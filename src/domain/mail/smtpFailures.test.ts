import { describe, expect, it } from 'vitest';
import { describeSmtpFailure, isPermanentFailure } from './smtpFailures.js';

describe('SMTP failures', () => {
  it('takes a 5xx reply as permanent, except 503, and a 4xx or no reply as worth a retry', () => {
    expect(isPermanentFailure({ responseCode: 550 })).toBe(true);
    expect(isPermanentFailure({ responseCode: 554 })).toBe(true);
    expect(isPermanentFailure({ responseCode: 503 })).toBe(false);
    expect(isPermanentFailure({ responseCode: 451 })).toBe(false);
    expect(isPermanentFailure({})).toBe(false);
  });

  it('says in plain words what went wrong', () => {
    const server = 'mail.example.edu:587';
    expect(describeSmtpFailure({ message: 'x', code: 'EDNS' }, server)).toMatch(/DNS/);
    expect(
      describeSmtpFailure({ message: 'x', code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, server),
    ).toMatch(/refused the connection/);
    expect(
      describeSmtpFailure({ message: 'self-signed certificate', code: 'ESOCKET' }, server),
    ).toMatch(/TLS.*SMTP_TLS_REJECT_UNAUTHORIZED/);
    expect(
      describeSmtpFailure(
        { message: 'x', code: 'EAUTH', responseCode: 535, response: '535 bad credentials' },
        server,
      ),
    ).toMatch(/refused the user name or password.*535 bad credentials/);
    expect(describeSmtpFailure({ message: 'x', responseCode: 550 }, server)).toMatch(/permanent/);
    expect(describeSmtpFailure({ message: 'x', code: 'ETIMEDOUT' }, server)).toMatch(/in time/);
  });
});

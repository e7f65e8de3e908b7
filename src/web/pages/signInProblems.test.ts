import { describe, expect, it } from 'vitest';
import { passwordProblem, ssoProblem } from './signInProblems.js';

describe('sign-in problems', () => {
  it('explains a rejected SSO link and says what to do', () => {
    expect(ssoProblem('INVALID_SSO_TOKEN')).toMatch(/expired or already been used/);
  });

  it('explains a link that carries no usable token', () => {
    expect(ssoProblem('VALIDATION_FAILED')).toMatch(/incomplete/);
  });

  it('explains a portal whose details conflict with another account, and who can fix it', () => {
    expect(ssoProblem('EMAIL_TAKEN')).toMatch(/email address that another Switchboard account/);
    expect(ssoProblem('EMAIL_TAKEN')).toMatch(/contact your administrator/);
  });

  it('explains why the last super admin cannot be demoted by the portal', () => {
    expect(ssoProblem('LAST_SUPER_ADMIN')).toMatch(/last super admin/);
    expect(ssoProblem('LAST_SUPER_ADMIN')).toMatch(/Make another account super admin first/);
  });

  it('still says something useful for a code it does not know', () => {
    expect(ssoProblem('SOMETHING_NEW')).toMatch(/SOMETHING_NEW/);
    expect(passwordProblem('SOMETHING_NEW', 'Server said no')).toBe('Server said no');
  });
});

import { describe, expect, it } from 'vitest';
import { passwordProblem, ssoProblem } from './signInProblems.js';

describe('sign-in problems', () => {
  it('explains a rejected SSO link and says what to do', () => {
    expect(ssoProblem('INVALID_SSO_TOKEN')).toMatch(/expired or already been used/);
  });

  it('explains a link that carries no usable token', () => {
    expect(ssoProblem('VALIDATION_FAILED')).toMatch(/incomplete/);
  });

  it('still says something useful for a code it does not know', () => {
    expect(ssoProblem('SOMETHING_NEW')).toMatch(/SOMETHING_NEW/);
    expect(passwordProblem('SOMETHING_NEW', 'Server said no')).toBe('Server said no');
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http.js';
import { accountProblem } from './accountProblems.js';

describe('account problems', () => {
  it('explains a dead link and a desk without mail, and passes other messages through', () => {
    expect(accountProblem(new ApiError(400, 'INVALID_TOKEN', 'x'))).toMatch(/Ask for a new one/);
    expect(accountProblem(new ApiError(503, 'MAIL_DISABLED', 'x'))).toMatch(/administrator/);
    expect(accountProblem(new ApiError(400, 'VALIDATION_FAILED', 'password: too short'))).toBe(
      'password: too short',
    );
  });
});

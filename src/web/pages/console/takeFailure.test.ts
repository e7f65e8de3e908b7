import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http.js';
import { NO_LONGER_WAITING } from '../../format/labels.js';
import { takeFailure } from './takeFailure.js';

describe('takeFailure', () => {
  it('explains a chat gone from the queue instead of calling it not found', () => {
    expect(takeFailure(new ApiError(404, 'NOT_FOUND', 'Chat session not found'))).toBe(
      NO_LONGER_WAITING,
    );
  });

  it('keeps the server’s own words otherwise', () => {
    const taken = new ApiError(409, 'SESSION_ALREADY_ASSIGNED', 'This chat has already been taken');
    expect(takeFailure(taken)).toBe('This chat has already been taken');
  });
});

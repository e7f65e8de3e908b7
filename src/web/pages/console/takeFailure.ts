// What an agent is told when taking a waiting chat fails. A colleague who was faster is a
// SESSION_ALREADY_ASSIGNED, told in the server's words; a chat that left the queue otherwise (its
// customer left) is no longer the agent's to see, NOT_FOUND, which is put in the queue's words.
import { errorMessage } from '../../api/errorMessage.js';
import { ApiError } from '../../api/http.js';
import { NO_LONGER_WAITING } from '../../format/labels.js';

export function takeFailure(error: unknown): string {
  if (error instanceof ApiError && error.code === 'NOT_FOUND') return NO_LONGER_WAITING;
  return errorMessage(error);
}

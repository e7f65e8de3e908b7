// What an agent is told when taking a waiting chat fails. The server answers a chat the agent can
// no longer see with NOT_FOUND, which is what losing a race for it looks like (a colleague's chat
// is not theirs to see), so that answer is put in the queue's own words.
import { errorMessage } from '../../api/errorMessage.js';
import { ApiError } from '../../api/http.js';
import { NO_LONGER_WAITING } from '../../format/labels.js';

export function takeFailure(error: unknown): string {
  if (error instanceof ApiError && error.code === 'NOT_FOUND') return NO_LONGER_WAITING;
  return errorMessage(error);
}

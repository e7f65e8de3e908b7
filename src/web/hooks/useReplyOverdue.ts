// How long a customer may wait for the agent's reply before the chat is pointed out
// (REPLY_OVERDUE_SECONDS, from the desk settings), in milliseconds; null until known.
import { useDeskSettings } from './useDeskSettings.js';

export function useReplyOverdueMs(): number | null {
  const settings = useDeskSettings();
  return settings ? settings.replyOverdueSeconds * 1000 : null;
}
